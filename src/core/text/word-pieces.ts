/**
 * What every WordSegmenter does to a segmenter's raw output so they all keep one contract:
 * no whitespace, no empty words, every other character kept in order.
 */

const whitespace = /\s+/u;
/** With the u flag these match only a surrogate that is not half of a pair. */
const loneSurrogate = /[\uD800-\uDFFF]/u;
const loneSurrogates = /[\uD800-\uDFFF]/gu;

/** Words with whitespace removed: a word holding a space is split there, a word of spaces dropped. */
export function withoutWhitespace(words: readonly string[]): string[] {
  const kept: string[] = [];
  for (const word of words) {
    if (!whitespace.test(word)) {
      if (word) kept.push(word);
      continue;
    }
    for (const piece of word.split(whitespace)) if (piece) kept.push(piece);
  }
  return kept;
}

/**
 * Runs `cut` on the well-formed stretches of `text`, each lone surrogate becoming a word of
 * its own. WASM segmenters receive UTF-8, where a lone surrogate has no encoding and turns
 * into U+FFFD, which would break `cut(text).join("")` being the text.
 */
export function cutAroundLoneSurrogates(text: string, cut: (wellFormed: string) => string[]): string[] {
  if (!loneSurrogate.test(text)) return cut(text);
  const words: string[] = [];
  let last = 0;
  for (const match of text.matchAll(loneSurrogates)) {
    if (match.index > last) words.push(...cut(text.slice(last, match.index)));
    words.push(match[0]);
    last = match.index + 1;
  }
  if (last < text.length) words.push(...cut(text.slice(last)));
  return words;
}

/** A word a segmenter can learn: not empty, no whitespace, no lone surrogate (it could match half a pair). */
export function isLearnableWord(word: string): boolean {
  return word.length > 0 && !whitespace.test(word) && !loneSurrogate.test(word);
}
