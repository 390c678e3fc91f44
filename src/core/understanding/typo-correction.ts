/**
 * One-edit typo tolerance against the report's own vocabulary. A question that writes
 * 森林复盖率 for 森林覆盖率, or 轨到交通 for 轨道交通, names a report term with one character
 * wrong (a homophone picked from the IME list, a similar shape) or one missing or extra;
 * read as typed, the term is foreign to the report and the question looks unanswerable.
 *
 * Only words the report does not contain are corrected, only to words it does contain, and
 * only when the correction is unambiguous: of the report words one edit away, the one the
 * report uses most, and only if no other candidate is used nearly as often. Words of two
 * characters are never corrected: with so little context a one-character change usually
 * makes another real word the report merely does not use (处于 is no typo of 勇于).
 */

export interface TypoCorrection {
  readonly typed: string;
  readonly corrected: string;
}

const WILDCARD = "\u0000";
/** A candidate must be used at least this many times more often than the runner-up to win. */
const DOMINANCE = 2;
const MINIMUM_LENGTH = 2;
/** Shortest typed word that is corrected (report words of two characters are still candidates for a deletion). */
const MINIMUM_CORRECTED_LENGTH = 3;
const MAXIMUM_LENGTH = 8;

const hanRun = /^\p{Script=Han}+$/u;

export class ReportVocabulary {
  /** Edit pattern (a word with one position wildcarded, or one character deleted) → words producing it. */
  private readonly patterns = new Map<string, string[]>();
  private readonly counts: ReadonlyMap<string, number>;

  /** `counts`: the report's words (as its segmentation gives them) with how often they occur. */
  constructor(counts: ReadonlyMap<string, number>) {
    const kept = new Map<string, number>();
    for (const [word, count] of counts) {
      const length = [...word].length;
      if (length < MINIMUM_LENGTH || length > MAXIMUM_LENGTH || !hanRun.test(word)) continue;
      kept.set(word, count);
      for (const pattern of editPatterns(word)) {
        const words = this.patterns.get(pattern);
        if (words) words.push(word);
        else this.patterns.set(pattern, [word]);
      }
    }
    this.counts = kept;
  }

  get size(): number {
    return this.counts.size;
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  /**
   * The report word `typed` most likely stands for, or undefined when it is not one edit
   * from exactly one clearly preferred report word. `inReport` says whether the report
   * contains a text at all (as a substring): words it contains are never corrected.
   */
  correct(typed: string, inReport: (text: string) => boolean): string | undefined {
    const characters = [...typed];
    if (characters.length < MINIMUM_CORRECTED_LENGTH || characters.length > MAXIMUM_LENGTH || !hanRun.test(typed) || inReport(typed)) return undefined;
    const candidates = new Set<string>();
    // Substitution: one position differs. An extra character is not undone: dropping one would
    // also turn a total the report never gives (总面积) into the part it does (面积).
    for (let index = 0; index < characters.length; index++) {
      const substituted = [...characters.slice(0, index), WILDCARD, ...characters.slice(index + 1)].join("");
      for (const word of this.patterns.get(substituted) ?? []) if ([...word].length === characters.length) candidates.add(word);
    }
    // A character left out (a word minus one is what was typed): only for longer words, where it is unambiguous.
    if (characters.length >= 3) for (const word of this.patterns.get(`${WILDCARD}del${typed}`) ?? []) candidates.add(word);
    const ranked = [...candidates].sort((left, right) => (this.counts.get(right) ?? 0) - (this.counts.get(left) ?? 0) || (left < right ? -1 : 1));
    const [best, runnerUp] = ranked;
    if (!best) return undefined;
    if (runnerUp && (this.counts.get(best) ?? 0) < DOMINANCE * (this.counts.get(runnerUp) ?? 0)) return undefined;
    return best;
  }
}

/** Every pattern one edit of `word` matches: each position wildcarded, and (for longer words) each deletion. */
function editPatterns(word: string): string[] {
  const characters = [...word];
  const patterns: string[] = [];
  for (let index = 0; index < characters.length; index++) {
    patterns.push([...characters.slice(0, index), WILDCARD, ...characters.slice(index + 1)].join(""));
    if (characters.length >= 4) patterns.push(`${WILDCARD}del${[...characters.slice(0, index), ...characters.slice(index + 1)].join("")}`);
  }
  return patterns;
}

/**
 * Corrects each term the report does not contain. A term too short to correct on its own
 * is tried with the characters around it in the question as well: the segmenter cuts a
 * mistyped word where the typo falls ("强存计划" → 强存 / 计划, and 计划 is a question word),
 * so the window "强存计划" is what is one edit from the report's 强村计划.
 */
export function correctTerms(
  terms: readonly string[],
  vocabulary: ReportVocabulary,
  inReport: (text: string) => boolean,
  text = "",
): { terms: string[]; corrections: TypoCorrection[] } {
  const corrections: TypoCorrection[] = [];
  const corrected = terms.map((term) => {
    const replacement = vocabulary.correct(term, inReport);
    if (replacement) {
      corrections.push({ typed: term, corrected: replacement });
      return replacement;
    }
    // Only a word the report lacks is widened: 江津 + 以 is no typo of 江津区.
    for (const window of inReport(term) ? [] : windowsAround(term, text)) {
      const word = vocabulary.correct(window, inReport);
      if (!word) continue;
      corrections.push({ typed: window, corrected: word });
      return word;
    }
    return term;
  });
  return { terms: corrected, corrections };
}

/** The term with one or two of the question's Han characters after or before it, where it occurs. */
function windowsAround(term: string, text: string): string[] {
  if (inReportSafe(term) || !text) return [];
  const at = text.indexOf(term);
  if (at < 0) return [];
  const windows: string[] = [];
  for (const extra of [1, 2]) {
    const after = text.slice(at, at + term.length + extra);
    const before = text.slice(Math.max(0, at - extra), at + term.length);
    for (const window of [after, before]) if (window.length === term.length + extra && hanRun.test(window)) windows.push(window);
  }
  return windows;
}

/** Only Han terms of two or more characters are widened. */
function inReportSafe(term: string): boolean {
  return [...term].length < MINIMUM_LENGTH || !hanRun.test(term);
}
