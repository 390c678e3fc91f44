import type { Chunk } from "../chunking/chunk.js";
import type { TextSpan } from "../text/sentences.js";
import type { AnswerPiece } from "./answer-draft.js";

/** A sentence of a retrieved passage, scored against one question (or one part of it). */
export interface Candidate {
  readonly chunk: Chunk;
  /** Offsets into chunk.text. */
  readonly span: TextSpan;
  readonly normalized: string;
  /** Coverage of the question's content words by this sentence (and its section path). */
  readonly support: number;
  readonly score: number;
  /** Position in the report, for composing pieces in reading order. */
  readonly order: number;
}

/** A piece as chosen, with its whole sentence (normalised) for checks on context such as the year. */
export interface ChosenPiece extends AnswerPiece {
  readonly sentence: string;
}
