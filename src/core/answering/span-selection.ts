import { splitClauses, type TextSpan } from "../text/sentences.js";
import { normalizeText } from "../text/normalize.js";
import { termMatch } from "./support.js";

const digit = /\d/u;
/** Sentences longer than this are narrowed to the clauses that answer; a number is wanted in fewer words. */
export const NARROW_ABOVE_CHARACTERS = 70;
export const NARROW_NUMERIC_ABOVE_CHARACTERS = 40;

export interface NarrowingRequest {
  readonly source: string; // the chunk text
  readonly sentence: TextSpan; // offsets into `source`
  readonly terms: readonly string[];
  readonly weight: (term: string) => number;
  readonly wantsNumber: boolean;
}

/**
 * The shortest run of clauses that still answers: starting from the clause richest in
 * the question's words, neighbours join while they add words not yet covered (or the
 * number a numeric question asks for). "到2026年,地区生产总值达1800亿元左右,年均增长6%以上,…"
 * asked for the GDP target becomes "到2026年,地区生产总值达1800亿元左右".
 */
export function narrowToClauses(request: NarrowingRequest): TextSpan {
  const { source, sentence, terms, weight, wantsNumber } = request;
  const limit = wantsNumber ? NARROW_NUMERIC_ABOVE_CHARACTERS : NARROW_ABOVE_CHARACTERS;
  if (sentence.end - sentence.start <= limit) return sentence;
  const clauses = splitClauses(source, sentence.start, sentence.end);
  if (clauses.length <= 1) return sentence;
  const normalized = clauses.map((clause) => normalizeText(clause.text));
  const gain = (index: number, covered: ReadonlySet<string>): number =>
    terms.reduce((sum, term) => (covered.has(term) ? sum : sum + weight(term) * termMatch(term, normalized[index]!)), 0);
  const termsOf = (index: number): string[] => terms.filter((term) => termMatch(term, normalized[index]!) >= 0.5);
  // The year a question names ("到2026年") is context, not the figure it asks for.
  const hasNumber = (index: number): boolean => digit.test(normalized[index]!.replace(/(?<!\d)(?:19|20|21)\d{2}年/gu, ""));

  let best = 0;
  let bestGain = -1;
  clauses.forEach((_, index) => {
    const score = gain(index, new Set()) + (wantsNumber && hasNumber(index) ? 0.5 : 0);
    if (score > bestGain) [best, bestGain] = [index, score];
  });
  let first = best;
  let last = best;
  const covered = new Set(termsOf(best));
  let numberFound = hasNumber(best);
  // Grow one clause at a time towards the side that adds more, at most two steps each way.
  for (let step = 0; step < 4; step++) {
    const left = first > 0 && best - (first - 1) <= 2 ? first - 1 : undefined;
    const right = last + 1 < clauses.length && last + 1 - best <= 2 ? last + 1 : undefined;
    const score = (index: number | undefined): number =>
      index === undefined ? 0 : gain(index, covered) + (wantsNumber && !numberFound && hasNumber(index) ? 0.5 : 0);
    const [leftScore, rightScore] = [score(left), score(right)];
    if (Math.max(leftScore, rightScore) <= 0.05) break;
    const chosen = rightScore >= leftScore ? right! : left!;
    if (chosen === right) last = chosen;
    else first = chosen;
    for (const term of termsOf(chosen)) covered.add(term);
    numberFound ||= hasNumber(chosen);
  }
  const start = clauses[first]!.start;
  const end = clauses[last]!.end;
  return { text: source.slice(start, end), start, end };
}
