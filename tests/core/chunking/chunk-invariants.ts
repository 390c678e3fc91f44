import type { Chunk } from "../../../src/core/chunking/chunk.js";

/** Runs of non-whitespace characters of `text.slice(start, end)` that no chunk holds. */
export function uncoveredRuns(text: string, chunks: readonly Chunk[], start = 0, end = text.length): string[] {
  const covered = new Uint8Array(text.length);
  for (const chunk of chunks) covered.fill(1, chunk.start, chunk.end);
  const runs: string[] = [];
  let run = "";
  for (let index = start; index < end; index++) {
    const character = text[index]!;
    if (!covered[index] && !/\s/u.test(character)) run += character;
    else if (run && (covered[index] || character === "\n")) {
      runs.push(run);
      run = "";
    }
  }
  if (run) runs.push(run);
  return runs;
}

const SENTENCE_END_BEFORE = /[。！？；!?;][”’」』)）]*$/u;
const CLOSING_QUOTE_AFTER = /^[”’」』)）]/u;

/** A chunk may end after a sentence mark (with its closing quotes) or at the end of a line, never inside a sentence. */
export function endsAtSentenceOrLineEnd(text: string, end: number): boolean {
  const before = text.slice(0, end);
  const after = text.slice(end);
  return (SENTENCE_END_BEFORE.test(before) && !CLOSING_QUOTE_AFTER.test(after)) || /^[^\S\n]*(\n|$)/u.test(after);
}

/** A chunk may start at the start of the text, of a line, or of a sentence. */
export function startsAtSentenceOrLineStart(text: string, start: number): boolean {
  return /(?:^|[。！？；!?;][”’」』)）]*|\n)[^\S\n]*$/u.test(text.slice(0, start));
}
