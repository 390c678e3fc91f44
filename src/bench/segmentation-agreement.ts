/**
 * How closely one segmentation agrees with another, over the same text without whitespace
 * (every WordSegmenter's words concatenate to exactly that). Positions are UTF-16 offsets.
 */
import { isHanCharacter } from "../core/text/tokenize.js";

export interface Agreement {
  /** Word boundaries inside the text: found in both ÷ in the candidate, in the reference, F1. */
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Counts {
  matched: number;
  candidate: number;
  reference: number;
}

export const emptyCounts = (): Counts => ({ matched: 0, candidate: 0, reference: 0 });

/** Offsets where one word ends and the next begins (not 0, not the end). */
export function innerBoundaries(words: readonly string[]): Set<number> {
  const positions = new Set<number>();
  let position = 0;
  for (let index = 0; index < words.length - 1; index++) positions.add((position += words[index]!.length));
  return positions;
}

/** Spans "start:end" of the words, for word-level agreement. */
export function wordSpans(words: readonly string[]): Set<string> {
  const spans = new Set<string>();
  let position = 0;
  for (const word of words) spans.add(`${position}:${(position += word.length)}`);
  return spans;
}

export function addMatches(counts: Counts, reference: ReadonlySet<number | string>, candidate: ReadonlySet<number | string>): void {
  for (const item of candidate) if (reference.has(item)) counts.matched++;
  counts.candidate += candidate.size;
  counts.reference += reference.size;
}

export function agreement(counts: Counts): Agreement {
  const precision = counts.candidate ? counts.matched / counts.candidate : 1;
  const recall = counts.reference ? counts.matched / counts.reference : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/**
 * The boundaries today's bigram tokens imply (src/core/text/tokenize.ts), as offsets into the
 * text without whitespace: every Han character is a unit of its own (its bigrams overlap, so it
 * commits to no word boundary inside a Han run), a run of letters and digits is one token, and
 * whitespace separates tokens. So: a boundary at every offset except inside a letter/digit run.
 */
export function bigramBoundaries(text: string): Set<number> {
  const positions = new Set<number>();
  const characters = [...text];
  const isRunCharacter = (index: number): boolean => {
    const character = characters[index] ?? "";
    if (/[\p{L}\p{N}]/u.test(character)) return !isHanCharacter(character);
    // "8.2" and "1,200" are one number token.
    return /^[.,]$/u.test(character) && /\d/u.test(characters[index - 1] ?? "") && /\d/u.test(characters[index + 1] ?? "");
  };
  let offset = 0;
  let previous = -1;
  for (let index = 0; index < characters.length; index++) {
    if (/\s/u.test(characters[index]!)) continue;
    const joined = previous === index - 1 && isRunCharacter(previous) && isRunCharacter(index);
    if (previous >= 0 && !joined) positions.add(offset);
    offset += characters[index]!.length;
    previous = index;
  }
  return positions;
}
