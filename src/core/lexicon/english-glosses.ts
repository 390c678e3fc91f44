import { englishTokens } from "./english-words.js";
import type { Candidates } from "./question-lexicon.js";

export interface GlossIndexOptions {
  /** Longest key, in content words ("gross domestic product" is 3). */
  readonly maxKeyWords: number;
  /** Gloss phrases longer than this (descriptions, not names) give single-word keys only. */
  readonly maxPhraseWords: number;
  /** Candidates kept per key. */
  readonly maxCandidates: number;
}

export const DEFAULT_GLOSS_INDEX_OPTIONS: GlossIndexOptions = { maxKeyWords: 4, maxPhraseWords: 6, maxCandidates: 5 };

// Senses that carry no English of their own: cross-references are followed ("see 江津区"),
// variant notes and surnames are dropped.
const SEE = /^see (?:also )?(?:[^\s|[]+\|)?([^\s|[]+)/iu;
const NO_ENGLISH = /^(?:(?:old|archaic|erhua|japanese|korean|taiwan|dialectal|obscure|ancient)\s+)*variant of\b|^used in\b|^(?:japanese |korean )?surname\b|^cl:/iu;
const ABBREVIATION = /\(([A-Z][A-Z0-9&.-]{1,9})\)/gu;
const HAN_WITH_PINYIN = /[\p{Script=Han}|·]+(?:\[[^\]]*\])?|\[[^\]]*\]/gu;

/** The English senses of a headword, cross-references followed one step. */
function englishSenses(headword: string, dictionary: ReadonlyMap<string, readonly string[]>): { sense: string; order: number }[] {
  const senses: { sense: string; order: number }[] = [];
  (dictionary.get(headword) ?? []).forEach((sense, order) => {
    const see = SEE.exec(sense);
    if (see) {
      for (const target of dictionary.get(see[1]!) ?? []) if (!SEE.test(target) && !NO_ENGLISH.test(target)) senses.push({ sense: target, order });
    } else if (!NO_ENGLISH.test(sense)) {
      senses.push({ sense, order });
    }
  });
  return senses;
}

/** A sense's gloss phrases as content-word stems: "gross domestic product (GDP)" → [gross domest product], [gdp]. */
export function glossPhrases(sense: string, stopWords: ReadonlySet<string>): string[][] {
  const texts = [...sense.matchAll(ABBREVIATION)].map((match) => match[1]!);
  const plain = sense.replace(/\([^)]*\)/gu, " ").replace(HAN_WITH_PINYIN, " ");
  texts.push(...plain.split(/[;,]/u));
  return texts
    .map((text) => englishTokens(text).filter((token) => token.kind === "word" && !stopWords.has(token.surface)).map((token) => token.stem))
    .filter((stems) => stems.length > 0);
}

/**
 * English key → the corpus headwords whose glosses contain it, with a specificity weight:
 * keys few headwords share (idf), keys that are most of a gloss phrase (√coverage), longer
 * headwords and earlier senses score higher. Keys are contiguous runs of content-word stems.
 */
export function deriveGlossIndex(
  dictionary: ReadonlyMap<string, readonly string[]>,
  headwords: readonly string[],
  stopWords: ReadonlySet<string>,
  options: GlossIndexOptions = DEFAULT_GLOSS_INDEX_OPTIONS,
): Record<string, Candidates> {
  // key → headword → best (coverage, sense order) seen.
  const seen = new Map<string, Map<string, number>>();
  for (const headword of headwords) {
    for (const { sense, order } of englishSenses(headword, dictionary)) {
      for (const stems of glossPhrases(sense, stopWords)) {
        const longest = stems.length > options.maxPhraseWords ? 1 : Math.min(options.maxKeyWords, stems.length);
        for (let size = 1; size <= longest; size++) {
          for (let start = 0; start + size <= stems.length; start++) {
            const key = stems.slice(start, start + size).join(" ");
            // A key that is the whole gloss ("forest") counts fully, one word of a description far less.
            const local = Math.sqrt(size / stems.length) / (1 + 0.15 * order);
            const byHeadword = seen.get(key) ?? new Map<string, number>();
            byHeadword.set(headword, Math.max(byHeadword.get(headword) ?? 0, local));
            seen.set(key, byHeadword);
          }
        }
      }
    }
  }
  const glossed = new Set<string>();
  for (const byHeadword of seen.values()) for (const headword of byHeadword.keys()) glossed.add(headword);
  const total = glossed.size;
  const index: Record<string, Candidates> = {};
  for (const key of [...seen.keys()].sort()) {
    const byHeadword = seen.get(key)!;
    const idf = Math.log(1 + total / byHeadword.size) / Math.log(1 + total);
    const candidates: Candidates = [...byHeadword].map(([headword, local]) => {
      const lengthFactor = Math.min(1, 0.55 + 0.15 * headword.length);
      return [headword, Math.max(0.001, Math.round(idf * local * lengthFactor * 1000) / 1000)];
    });
    candidates.sort((left, right) => right[1] - left[1] || right[0].length - left[0].length || (left[0] < right[0] ? -1 : 1));
    index[key] = candidates.slice(0, options.maxCandidates);
  }
  return index;
}
