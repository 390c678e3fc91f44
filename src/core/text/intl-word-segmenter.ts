import type { WordSegmenter } from "../ports/word-segmenter.js";
import { isLearnableWord, withoutWhitespace } from "./word-pieces.js";

/**
 * The WordSegmenter that needs nothing but the JavaScript runtime: ICU's dictionary-based
 * word breaker through Intl.Segmenter (Node and Workers both ship it). It is what question
 * analysis used before the jieba segmenter, and the fallback wherever WASM is not wanted
 * (tests of core, engines built without a segmenter).
 *
 * ICU's dictionary cannot be extended, so added words are found first, longest match from
 * the left, and only the text between them goes to ICU. That keeps a report term whole at
 * the cost of ignoring context at its edges, which a dictionary segmenter would weigh.
 */
export class IntlWordSegmenter implements WordSegmenter {
  readonly id = "intl-segmenter";
  readonly #segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  readonly #words = new Set<string>();
  /** For each first UTF-16 unit, the lengths of added words starting with it, longest first. */
  readonly #lengthsByFirstUnit = new Map<string, number[]>();

  addWords(words: readonly string[]): void {
    for (const word of words) {
      if (!isLearnableWord(word) || this.#words.has(word)) continue;
      this.#words.add(word);
      const lengths = this.#lengthsByFirstUnit.get(word[0]!) ?? [];
      if (!lengths.includes(word.length)) {
        lengths.push(word.length);
        lengths.sort((left, right) => right - left);
      }
      this.#lengthsByFirstUnit.set(word[0]!, lengths);
    }
  }

  cut(text: string): string[] {
    if (this.#words.size === 0) return this.#icuWords(text);
    const words: string[] = [];
    let gapStart = 0;
    let position = 0;
    // Each position tries at most one length per distinct added-word length starting with its
    // character: linear in the text for a fixed vocabulary.
    while (position < text.length) {
      const known = this.#knownWordAt(text, position);
      if (known === undefined) {
        position++;
        continue;
      }
      if (position > gapStart) words.push(...this.#icuWords(text.slice(gapStart, position)));
      words.push(known);
      position += known.length;
      gapStart = position;
    }
    if (gapStart < text.length) words.push(...this.#icuWords(text.slice(gapStart)));
    return words;
  }

  #knownWordAt(text: string, position: number): string | undefined {
    const lengths = this.#lengthsByFirstUnit.get(text[position]!);
    if (!lengths) return undefined;
    for (const length of lengths) {
      const candidate = text.slice(position, position + length);
      if (candidate.length === length && this.#words.has(candidate)) return candidate;
    }
    return undefined;
  }

  #icuWords(text: string): string[] {
    const words: string[] = [];
    for (let start = 0; start < text.length; ) {
      const end = pieceEnd(text, start);
      for (const { segment } of this.#segmenter.segment(text.slice(start, end))) words.push(segment);
      start = end;
    }
    return withoutWhitespace(words);
  }
}

/**
 * V8 iterates Intl.Segmenter's segments in time that grows faster than the input: measured on
 * Node 20, 80,000 characters of report text take 7.8 s in one call and 48 ms in pieces of up to
 * 1,024 (the same pieces cost the same per character from 64 to 1,024). So ICU gets pieces of at
 * most PIECE_LIMIT units, ended after whitespace or CJK punctuation, where no word continues;
 * only a run of over PIECE_LIMIT / 2 units with neither is cut blind (never inside a surrogate pair).
 */
const PIECE_LIMIT = 1024;
const pieceBreak = /[\s\u3000-\u3003\u3008-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014-\u2027]/u;

function pieceEnd(text: string, start: number): number {
  if (text.length - start <= PIECE_LIMIT) return text.length;
  const limit = start + PIECE_LIMIT;
  for (let end = limit; end > start + PIECE_LIMIT / 2; end--) if (pieceBreak.test(text[end - 1]!)) return end;
  const unit = text.charCodeAt(limit - 1);
  return unit >= 0xd800 && unit <= 0xdbff ? limit - 1 : limit;
}
