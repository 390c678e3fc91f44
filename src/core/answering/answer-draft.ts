import type { Chunk } from "../chunking/chunk.js";
import type { ConversationTurn } from "../schemas/ask-request.js";
import type { AbstentionReason, AnswerKind, RefusalPlace, AnswerMode, GeneratedSentence, Generation } from "../schemas/ask-response.js";
import type { QuestionReading } from "../understanding/question-reader.js";
import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";

/** What a streaming client is told while an answer is written (POST /api/ask/stream). */
export type AnswerEvent =
  /** Text as the model writes it, markers left out (none is shown before its sentence is verified). */
  | { readonly type: "delta"; readonly text: string }
  /** A sentence of the reply verified as it closed (its final markers are those of `done`). */
  | { readonly type: "sentence"; readonly index: number; readonly sentence: GeneratedSentence }
  /** The whole answer changed after the deltas (a sentence removed, a marker repaired, the extractive answer instead). */
  | { readonly type: "replace"; readonly answer: string; readonly reason: string };

/** What an answerer receives: the question and the passages retrieval found for it. */
export interface AnswerInput {
  /** Streaming: told of the answer as it is written. */
  readonly onEvent?: (event: AnswerEvent) => void;
  /** A cancelled question: the model call is aborted. */
  readonly signal?: AbortSignal;
  readonly question: string;
  readonly history?: readonly ConversationTurn[];
  readonly passages: readonly RetrievedPassage[];
  /** The understanding stage's reading of the question (ask() reads it once, for retrieval and answering). */
  readonly reading: QuestionReading;
  /** The request's documents filter, as sources: the answer checks run against these documents only. All when absent. */
  readonly documents?: readonly string[];
}

/** One supported piece of an answer: exact span of a chunk's source, with how well it supports the question. */
export interface AnswerPiece {
  readonly chunk: Chunk;
  /** Offsets into the source document (not into the chunk). */
  readonly quoteStart: number;
  readonly quoteEnd: number;
  readonly quote: string;
  readonly score: number;
}

/**
 * An answerer's result before it becomes an AskResponse. Pieces are in report order;
 * the answer text holds their markers [1], [2] … in the same order.
 */
export interface AnswerDraft {
  readonly answer: string;
  readonly abstained: boolean;
  readonly answerKind: AnswerKind;
  readonly language?: "zh" | "en";
  /** The framing words the answer starts with, if any (see AskResponse.lead). */
  readonly lead?: string;
  readonly abstentionReason?: AbstentionReason;
  /** The documents' places an other-place or other-level refusal names (AskResponse.refusalPlaces). */
  readonly refusalPlaces?: readonly RefusalPlace[];
  readonly pieces: readonly AnswerPiece[];
  /** Share (0–1) of the question's weighted content words the quotes contain; absent when nothing was scored. */
  readonly support?: number;
  readonly answerMode?: AnswerMode;
  readonly sentences?: readonly GeneratedSentence[];
  readonly generation?: Generation;
}
