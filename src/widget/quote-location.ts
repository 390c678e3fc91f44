import type { Citation } from "./api-types.js";

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Where a citation's quote sits inside a passage's text. The offsets are corpus offsets, so
 * quoteStart minus the passage's start is the index in the passage text; the result is only
 * trusted if the text there is exactly the quote. If the offsets disagree (a passage from
 * another index build), the quote is searched for; undefined means it is not in the text.
 */
export function locateQuote(passageText: string, passageStart: number, citation: Citation): TextRange | undefined {
  const { quote } = citation;
  if (!quote) return undefined;
  for (const origin of [passageStart, citation.chunkStart]) {
    const start = citation.quoteStart - origin;
    if (start >= 0 && passageText.slice(start, start + quote.length) === quote) return { start, end: start + quote.length };
  }
  const found = passageText.indexOf(quote);
  return found < 0 ? undefined : { start: found, end: found + quote.length };
}
