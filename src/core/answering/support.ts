import type { TermStatistics } from "./term-statistics.js";

function bigrams(term: string): string[] {
  const characters = [...term];
  const pairs: string[] = [];
  for (let index = 0; index + 1 < characters.length; index++) pairs.push(characters[index]! + characters[index + 1]!);
  return pairs;
}

const hanOnly = /^\p{Script=Han}+$/u;

/** A question term with what matching it needs, worked out once per question instead of once per sentence. */
export interface CompiledTerm {
  readonly term: string;
  readonly weight: number;
  /** Its bigrams when partial matches count (a Han word of three or more characters), else undefined. */
  readonly pairs: readonly string[] | undefined;
  /** For a two-character word the report never uses, its character the report uses rarely (含硒 → 硒, the report's 富硒), else undefined. */
  readonly morpheme?: string;
}

/** Partial-match bigrams per term, remembered (bounded): clause narrowing matches the same few terms many times. */
const partialPairs = new Map<string, readonly string[] | undefined>();

function compileTerm(term: string, weight: number): CompiledTerm {
  let pairs = partialPairs.get(term);
  if (pairs === undefined && !partialPairs.has(term)) {
    const all = hanOnly.test(term) ? bigrams(term) : [];
    pairs = all.length >= 2 ? all : undefined;
    if (partialPairs.size >= 4096) partialPairs.clear();
    partialPairs.set(term, pairs);
  }
  return { term, weight, pairs };
}

function matchCompiled({ term, pairs, morpheme }: CompiledTerm, normalizedText: string): number {
  if (normalizedText.includes(term)) return 1;
  if (morpheme !== undefined) return normalizedText.includes(morpheme) ? MORPHEME_CREDIT : 0;
  // A number is right or wrong: 2026 is not two-thirds of 2021.
  if (!pairs) return 0;
  let found = 0;
  for (const pair of pairs) if (normalizedText.includes(pair)) found++;
  return 0.8 * (found / pairs.length);
}

/**
 * How much of one term a text holds: all of it, or for a Chinese word of three or more
 * characters the share of its bigrams (the report writes 专精特新“小巨人”, a question
 * 专精特新小巨人), discounted because a partial match is weaker evidence.
 */
export function termMatch(term: string, normalizedText: string): number {
  return matchCompiled(compileTerm(term, 0), normalizedText);
}

/** Credit for a rare character of an unknown two-character word: weaker evidence than a bigram. */
const MORPHEME_CREDIT = 0.5;
/** At most this many of the corpus's passages may hold the character for it to stand for the word (a larger corpus has fewer such characters: the match only gets rarer). */
const RARE_MORPHEME_PASSAGES = 3;

/**
 * "含硒的农产品" for the report's 富硒: a two-character word the report never uses, one of whose
 * characters the report uses in very few passages, is partly matched by that character.
 */
function rareMorpheme(term: string, statistics: TermStatistics): string | undefined {
  const characters = [...term];
  if (characters.length !== 2 || !hanOnly.test(term) || statistics.contains(term)) return undefined;
  const rare = characters.filter((character) => {
    const passages = statistics.documentFrequency(character);
    return passages > 0 && passages <= RARE_MORPHEME_PASSAGES;
  });
  return rare.length === 1 ? rare[0] : undefined;
}

/** A section path supports a question less than the sentence itself does. */
const SECTION_PATH_CREDIT = 0.6;

/**
 * Share of the question's weighted content words that a sentence (or the section it
 * sits in) contains: 1 when every rare word is there, near 0 when the rare words are not.
 */
export function coverage(
  terms: readonly string[],
  normalizedText: string,
  normalizedSectionPath: string,
  statistics: TermStatistics,
  alternatives: readonly (readonly string[])[] = [],
): number {
  return weightedCoverage(compileTerms(terms, statistics, alternatives), normalizedText, normalizedSectionPath);
}

/**
 * The question's terms compiled for `weightedCoverage`, in order. Terms that are
 * alternatives for one word of the question (老百姓 → 群众 / 居民 / 人民) form a group that
 * counts once, as its best-matching member: a sentence need not hold all three.
 */
export function compileTerms(
  terms: readonly string[],
  statistics: TermStatistics,
  alternatives: readonly (readonly string[])[] = [],
  scaled: { readonly terms: readonly string[]; readonly share: number } = { terms: [], share: 1 },
): CompiledTerms {
  const groupOf = new Int32Array(terms.length).fill(-1);
  if (alternatives.length > 0) {
    terms.forEach((term, index) => {
      const group = alternatives.findIndex((members) => members.length > 1 && members.includes(term));
      if (group >= 0) groupOf[index] = group;
    });
  }
  const scale = (term: string): number => (scaled.terms.includes(term) ? scaled.share : 1);
  const compiled = (term: string): CompiledTerm => {
    const plain = compileTerm(term, statistics.weight(term) * scale(term));
    const morpheme = rareMorpheme(term, statistics);
    return morpheme === undefined ? plain : { ...plain, morpheme };
  };
  return { terms: terms.map(compiled), pathMatches: new Map(), groupOf, groups: alternatives.length };
}

export interface CompiledTerms {
  readonly terms: readonly CompiledTerm[];
  /** Per term, the alternatives group it belongs to, or -1. */
  readonly groupOf: Int32Array;
  readonly groups: number;
  /** Per section path, the credit each term gets from it: many sentences share one path. */
  readonly pathMatches: Map<string, readonly number[]>;
}

/** `coverage` with the terms compiled once: the same sums in the same order. */
export function weightedCoverage(compiled: CompiledTerms, normalizedText: string, normalizedSectionPath: string): number {
  const { terms, pathMatches } = compiled;
  let pathCredit = pathMatches.get(normalizedSectionPath);
  if (!pathCredit) {
    pathCredit = terms.map((term) => SECTION_PATH_CREDIT * matchCompiled(term, normalizedSectionPath));
    if (pathMatches.size > 64) pathMatches.clear();
    pathMatches.set(normalizedSectionPath, pathCredit);
  }
  let total = 0;
  let covered = 0;
  const { groupOf, groups } = compiled;
  const groupWeight = groups > 0 ? new Float64Array(groups) : undefined;
  const groupCovered = groups > 0 ? new Float64Array(groups) : undefined;
  for (let index = 0; index < terms.length; index++) {
    const term = terms[index]!;
    const credit = term.weight * Math.max(matchCompiled(term, normalizedText), pathCredit[index]!);
    const group = groupOf[index]!;
    if (group < 0) {
      total += term.weight;
      covered += credit;
    } else {
      groupWeight![group] = Math.max(groupWeight![group]!, term.weight);
      groupCovered![group] = Math.max(groupCovered![group]!, credit);
    }
  }
  for (let group = 0; group < groups; group++) {
    total += groupWeight![group]!;
    covered += groupCovered![group]!;
  }
  return total > 0 ? covered / total : 0;
}

/** Terms of the question a text holds (fully or for the most part). */
export function coveredTerms(terms: readonly string[], normalizedText: string): Set<string> {
  return new Set(terms.filter((term) => termMatch(term, normalizedText) >= 0.5));
}
