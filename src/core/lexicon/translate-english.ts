import { englishTokens, phraseKey, type EnglishToken } from "./english-words.js";
import type { EnglishLexicon } from "./question-lexicon.js";

export interface EnglishTerm {
  /** The words of the question this term stands for, as written (lower case). */
  readonly english: string;
  /** The corpus's Chinese for them, best first (numbers and Chinese text of the question as they are). */
  readonly chinese: readonly string[];
  /** 0–1: 1 for hand-written phrases, numbers and Chinese text; the dictionary's specificity weight otherwise. */
  readonly weight: number;
}

export interface EnglishTranslation {
  /** In question order. */
  readonly terms: readonly EnglishTerm[];
  /** Content words the lexicon has no Chinese for, as written. */
  readonly unknownWords: readonly string[];
}

/** Candidates kept per term: those within this share of the best weight, at most MAX_CHOICES. */
const NEAR_BEST = 0.5;
const MAX_CHOICES = 3;
const HAN_RUN = /[\p{Script=Han}〇]+/gu;

function choose(candidates: readonly (readonly [string, number])[], numbers: readonly string[]): { chinese: string[]; weight: number } {
  const best = candidates[0]![1];
  const chinese = candidates
    .filter(([, weight]) => weight >= best * NEAR_BEST)
    .slice(0, MAX_CHOICES)
    .map(([term]) => {
      let next = 0;
      return term.replace(/#/gu, () => numbers[Math.min(next++, numbers.length - 1)] ?? "#");
    });
  return { chinese, weight: best };
}

interface Placed extends EnglishTerm {
  readonly at: number;
}

/** English (or mixed) text without its Chinese runs: hand phrases first, then dictionary glosses over what is left. */
function translateRun(tokens: readonly EnglishToken[], lexicon: EnglishLexicon, stopWords: ReadonlySet<string>, offset: number, placed: Placed[], unknown: Placed[]): void {
  const taken = new Array<boolean>(tokens.length).fill(false);
  // Hand-written phrases see every word, stop words included ("by 2026", "rule of law").
  for (let start = 0; start < tokens.length; start++) {
    for (let size = Math.min(lexicon.maxPhraseWords, tokens.length - start); size >= 1; size--) {
      const slice = tokens.slice(start, start + size);
      const candidates = lexicon.phrases[phraseKey(slice)];
      if (!candidates) continue;
      const numbers = slice.filter((token) => token.kind === "number").map((token) => token.stem);
      placed.push({ at: offset + start, english: slice.map((token) => token.surface).join(" "), ...choose(candidates, numbers) });
      for (let index = start; index < start + size; index++) taken[index] = true;
      start += size - 1;
      break;
    }
  }
  // Dictionary glosses are keyed on content words only: runs between taken tokens and numbers, stop words left out.
  let run: { token: EnglishToken; index: number }[] = [];
  const flush = (): void => {
    for (let start = 0; start < run.length; start++) {
      let matched = false;
      for (let size = Math.min(lexicon.maxPhraseWords, run.length - start); size >= 1 && !matched; size--) {
        const slice = run.slice(start, start + size);
        const candidates = lexicon.glosses[slice.map(({ token }) => token.stem).join(" ")];
        if (!candidates) continue;
        placed.push({ at: offset + slice[0]!.index, english: slice.map(({ token }) => token.surface).join(" "), ...choose(candidates, []) });
        start += size - 1;
        matched = true;
      }
      if (!matched) unknown.push({ at: offset + run[start]!.index, english: run[start]!.token.surface, chinese: [], weight: 0 });
    }
    run = [];
  };
  tokens.forEach((token, index) => {
    if (taken[index]) return flush();
    if (token.kind !== "word") {
      flush();
      // Numbers and codes are kept as written: the report writes 2026, 1800, 5G.
      placed.push({ at: offset + index, english: token.surface, chinese: [token.stem], weight: 1 });
      return;
    }
    if (!stopWords.has(token.surface)) run.push({ token, index });
  });
  flush();
}

/**
 * The corpus's Chinese for each English word or phrase of a question, longest phrase
 * first: hand-written planning terms and the reports' own phrases, then CC-CEDICT glosses
 * of words the corpus uses. Numbers and years are kept as they are; Chinese written inside
 * the question is kept as it is. Expects normalised text (lower case, half-width).
 */
export function translateEnglishQuestion(question: string, lexicon: { readonly english: EnglishLexicon }): EnglishTranslation {
  const english = lexicon.english;
  const stopWords = new Set(english.stopWords);
  const placed: Placed[] = [];
  const unknown: Placed[] = [];
  let last = 0;
  let position = 0;
  // Positions order the terms: Chinese runs and English tokens interleave as in the question.
  const englishPart = (text: string): void => {
    const tokens = englishTokens(text);
    translateRun(tokens, english, stopWords, position, placed, unknown);
    position += tokens.length;
  };
  for (const match of question.matchAll(HAN_RUN)) {
    englishPart(question.slice(last, match.index));
    placed.push({ at: position++, english: match[0], chinese: [match[0]], weight: 1 });
    last = match.index + match[0].length;
  }
  englishPart(question.slice(last));
  const inOrder = (terms: Placed[]): Placed[] => terms.sort((left, right) => left.at - right.at);
  return {
    terms: inOrder(placed).map(({ english: words, chinese, weight }) => ({ english: words, chinese, weight })),
    unknownWords: inOrder(unknown).map((term) => term.english),
  };
}
