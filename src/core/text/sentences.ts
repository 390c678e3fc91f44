/** A span of the original text: `text === source.slice(start, end)`. */
export interface TextSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Sentence ends: full-width and ASCII forms, and line breaks (a heading line is a
// sentence of its own). A closing quote or bracket right after the mark belongs to
// the sentence it closes.
const sentenceEnd = /[。！？；!?;]+[”’」』)）]*|\n+/gu;
// Clause breaks inside a sentence, for answers shorter than a whole sentence. The
// enumeration comma 、 is no break (list items belong together), nor is a colon
// between digits (the ratio 11.1:57.9:31.0).
const clauseEnd = /[，,：]+|:(?!\d)/gu;

function splitAt(source: string, start: number, end: number, boundary: RegExp): TextSpan[] {
  const spans: TextSpan[] = [];
  const region = source.slice(start, end);
  let cursor = 0;
  boundary.lastIndex = 0;
  for (let match = boundary.exec(region); match; match = boundary.exec(region)) {
    const stop = match.index + match[0].length;
    pushTrimmed(source, start + cursor, start + stop, spans);
    cursor = stop;
  }
  pushTrimmed(source, start + cursor, end, spans);
  return spans;
}

function pushTrimmed(source: string, start: number, end: number, spans: TextSpan[]): void {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(source[from]!)) from++;
  while (to > from && /\s/u.test(source[to - 1]!)) to--;
  if (to > from) spans.push({ text: source.slice(from, to), start: from, end: to });
}

/** Sentences of `source.slice(start, end)`, never cut mid-sentence, offsets into `source`. */
export function splitSentences(source: string, start = 0, end = source.length): TextSpan[] {
  return splitAt(source, start, end, sentenceEnd);
}

/** Clauses of one sentence (comma and colon breaks), offsets into `source`. */
export function splitClauses(source: string, start: number, end: number): TextSpan[] {
  return splitAt(source, start, end, clauseEnd);
}
