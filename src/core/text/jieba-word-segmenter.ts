import type { WordSegmenter } from "../ports/word-segmenter.js";
import { cutAroundLoneSurrogates, isLearnableWord, withoutWhitespace } from "./word-pieces.js";

/**
 * The two functions of a jieba-rs binding this project uses, as jieba-wasm exports them
 * (its nodejs and web builds have the same signatures). Injected by the adapters, so core
 * never imports a WASM package and stays loadable anywhere.
 */
export interface JiebaBinding {
  cut(text: string, hmm?: boolean | null): string[];
  /** Without a frequency jieba suggests one just high enough to keep the word whole; returns it. */
  add_word(word: string, freq?: number | null, tag?: string | null): number;
  /** Words with jieba's part-of-speech tags (ICTCLAS style: n, ns, nt, nz, v, d …). */
  tag(sentence: string, hmm?: boolean | null): { word: string; tag: string }[];
}

/** Jieba's tags for things: nouns of every kind, place and organisation names, abbreviations, foreign words, noun-verbs. */
const NOUN_TAG = /^(?:n|nr|ns|nt|nz|ng|nrt|nrfg|vn|an|j|eng|s)$/u;

/**
 * A WordSegmenter over an initialised jieba binding: jieba's default dictionary plus its
 * HMM for unknown words (五地一城 → 五地 / 一城 rather than four single characters), the
 * mode @node-rs/jieba is compared in by `npm run bench -- --only segmenter`.
 */
export function jiebaWordSegmenter(binding: JiebaBinding, id = "jieba-wasm"): WordSegmenter {
  const learned = new Set<string>();
  return {
    id,
    cut: (text) => (text ? withoutWhitespace(cutAroundLoneSurrogates(text, (wellFormed) => binding.cut(wellFormed, true))) : []),
    nounsOf(text) {
      if (!text) return new Set();
      return new Set(
        cutAroundLoneSurrogates(text, (wellFormed) => binding.tag(wellFormed, true).map((tagged) => (NOUN_TAG.test(tagged.tag) ? tagged.word : "")))
          .filter(Boolean),
      );
    },
    addWords(words) {
      for (const word of words) {
        // Adding again would only recompute the same frequency: skip the WASM call.
        if (!isLearnableWord(word) || learned.has(word)) continue;
        binding.add_word(word);
        learned.add(word);
      }
    },
  };
}
