import type { TermStatistics } from "./term-statistics.js";

function bigrams(term: string): string[] {
  const characters = [...term];
  const pairs: string[] = [];
  for (let index = 0; index + 1 < characters.length; index++) pairs.push(characters[index]! + characters[index + 1]!);
  return pairs;
}

/**
 * How much of one term a text holds: all of it, or for a Chinese word of three or more
 * characters the share of its bigrams (the report writes 专精特新“小巨人”, a question
 * 专精特新小巨人), discounted because a partial match is weaker evidence.
 */
export function termMatch(term: string, normalizedText: string): number {
  if (normalizedText.includes(term)) return 1;
  // A number is right or wrong: 2026 is not two-thirds of 2021.
  if (!/^\p{Script=Han}+$/u.test(term)) return 0;
  const pairs = bigrams(term);
  if (pairs.length < 2) return 0;
  const found = pairs.filter((pair) => normalizedText.includes(pair)).length;
  return 0.8 * (found / pairs.length);
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
): number {
  let total = 0;
  let covered = 0;
  for (const term of terms) {
    const weight = statistics.weight(term);
    total += weight;
    covered += weight * Math.max(termMatch(term, normalizedText), SECTION_PATH_CREDIT * termMatch(term, normalizedSectionPath));
  }
  return total > 0 ? covered / total : 0;
}

/** Terms of the question a text holds (fully or for the most part). */
export function coveredTerms(terms: readonly string[], normalizedText: string): Set<string> {
  return new Set(terms.filter((term) => termMatch(term, normalizedText) >= 0.5));
}
