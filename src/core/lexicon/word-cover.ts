/** Longest word looked for around a span (the corpus's dictionary words and compounds are shorter). */
const MAX_WORD_LENGTH = 12;

/**
 * Whether a word of `words` occurring in `text` crosses the span `text[start, end)`: it
 * contains the span and is longer (綦江 inside 綦江河), or overlaps it on one side (河水 in
 * 綦江河水质 against 綦江河 and 水质). Either way the span is not a word of its own there.
 * Words inside the span do not count (重庆 inside 重庆市).
 */
export function crossesWord(text: string, start: number, end: number, words: ReadonlySet<string>): boolean {
  for (let from = Math.max(0, start - MAX_WORD_LENGTH + 1); from < end; from++) {
    for (let to = Math.max(from + 2, start + 1); to <= Math.min(text.length, from + MAX_WORD_LENGTH); to++) {
      if (from >= start && to <= end) continue;
      if (words.has(text.slice(from, to))) return true;
    }
  }
  return false;
}

/** Whether `text[start, end)` lies inside a longer word of `words` occurring in `text` (綦江 inside 綦江河). */
export function insideLongerWord(text: string, start: number, end: number, words: ReadonlySet<string>): boolean {
  for (let from = Math.max(0, end - MAX_WORD_LENGTH); from <= start; from++) {
    for (let to = Math.max(end, from + end - start + 1); to <= Math.min(text.length, from + MAX_WORD_LENGTH); to++) {
      if (words.has(text.slice(from, to))) return true;
    }
  }
  return false;
}
