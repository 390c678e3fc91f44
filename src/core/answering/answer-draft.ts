import type { Chunk } from "../chunking/chunk.js";
import type { ConversationTurn } from "../schemas/ask-request.js";
import type { AbstentionReason, AnswerKind } from "../schemas/ask-response.js";
import type { QuestionReading } from "../understanding/question-reader.js";
import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";

/** What an answerer receives: the question and the passages retrieval found for it. */
export interface AnswerInput {
  readonly question: string;
  readonly history?: readonly ConversationTurn[];
  readonly passages: readonly RetrievedPassage[];
  /** The understanding stage's reading of the question (ask() reads it once, for retrieval and answering). */
  readonly reading: QuestionReading;
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
  readonly pieces: readonly AnswerPiece[];
  /** Share (0–1) of the question's weighted content words the quotes contain; absent when nothing was scored. */
  readonly support?: number;
}
