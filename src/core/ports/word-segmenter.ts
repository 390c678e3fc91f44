/**
 * Splits Chinese (and mixed) text into words. Synchronous at use: question understanding
 * calls it on the hot path of every `ask`, so any asynchronous set-up (loading a WASM
 * module) happens once in the composition root, before the segmenter is handed over.
 *
 * Implemented by jieba-wasm (src/adapters/node/jieba-wasm-segmenter.ts in Node,
 * src/adapters/worker/jieba-web-segmenter.ts in Workers) and by Intl.Segmenter
 * (core/text/intl-word-segmenter.ts, the fallback that needs no WASM). The contract every
 * implementation passes is tests/contracts/word-segmenter-contract.ts.
 *
 * @example
 *   segmenter.cut("建设“五地一城”") // ["建设", "“", "五地", "一城", "”"]
 *   segmenter.addWords(["五地一城"])
 *   segmenter.cut("建设“五地一城”") // ["建设", "“", "五地一城", "”"]
 */
export interface WordSegmenter {
  /** Which segmenter this is, for receipts and /api/health: "jieba-wasm" or "intl-segmenter". */
  readonly id: string;
  /**
   * The text's words in order. Whitespace separates words and is left out; every other
   * character is in exactly one word, so `cut(text).join("")` is `text` without its
   * whitespace (`/\s/u`). Punctuation comes back as words of its own.
   */
  cut(text: string): string[];
  /**
   * Teaches the segmenter words its dictionary lacks (the report's own terms: 专精特新,
   * 水公铁), which are then kept whole. Additive and idempotent; empty words and words
   * containing whitespace or a lone surrogate are ignored. Jieba keeps one dictionary per loaded module, so
   * for the jieba-wasm segmenters a word added is known to every segmenter of that module.
   */
  addWords(words: readonly string[]): void;
  /**
   * Whether each word of the text names a thing (a noun, a place, an organisation, an
   * abbreviation), as far as the segmenter knows parts of speech; absent when it does not.
   * Question understanding weighs a missing thing as evidence the report lacks the topic,
   * a missing verb or adverb ("挣到", "落脚") far less.
   */
  nounsOf?(text: string): ReadonlySet<string>;
}
