/**
 * English words as the lexicon keys them: lower case, one light stemmer applied alike to
 * CC-CEDICT glosses at ingest and to questions at query time, so "increased", "increases"
 * and "increasing" meet "increase". Consistency matters more than linguistic accuracy.
 */

/** Stored with the lexicon: keys made by another version of `englishStem` would not match. */
export const ENGLISH_STEMMER_VERSION = "light-v1";

export interface EnglishToken {
  /** As written, lower case ("disposable", "2026", "5g"). */
  readonly surface: string;
  /** The key form: a stem for words; numbers and codes as written. */
  readonly stem: string;
  /** `number`: digits only (1,800 → 1800, 6.5, 52%); `code`: digits and letters (5g, covid19), or a lone %. */
  readonly kind: "word" | "number" | "code";
}

const DOUBLED = new Set(["bb", "dd", "gg", "mm", "nn", "pp", "rr", "tt"]);
const hasVowel = (text: string): boolean => /[aeiouy]/.test(text);
const undouble = (stem: string): string => (DOUBLED.has(stem.slice(-2)) ? stem.slice(0, -1) : stem);

/** A light stemmer: British -ise/-isation as -ize, plurals, -ing, -ed, final -e (string tests: it runs on every gloss at ingest). */
export function englishStem(word: string): string {
  let stem = word.toLowerCase();
  if (stem.endsWith("'s")) stem = stem.slice(0, -2);
  else if (stem.endsWith("'")) stem = stem.slice(0, -1);
  if (stem.length <= 3) return stem;
  if (stem.length >= 7 && stem.includes("is")) stem = stem.replace(/isation(s?)$/, "ization$1").replace(/is(e|es|ed|ing)$/, "iz$1");
  if (stem.endsWith("ies") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith("xes") || stem.endsWith("ches") || stem.endsWith("shes") || stem.endsWith("sses") || stem.endsWith("zes")) stem = stem.slice(0, -2);
  else if (stem.endsWith("s") && !stem.endsWith("ss") && !stem.endsWith("us") && !stem.endsWith("is")) stem = stem.slice(0, -1);
  if (stem.endsWith("ing") && stem.length > 5 && hasVowel(stem.slice(0, -3))) stem = undouble(stem.slice(0, -3));
  else if (stem.endsWith("ied") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith("ed") && !stem.endsWith("eed") && stem.length > 4 && hasVowel(stem.slice(0, -2))) stem = undouble(stem.slice(0, -2));
  if (stem.length > 3 && stem.endsWith("e")) stem = stem.slice(0, -1);
  return stem;
}

// Hyphens and slashes separate words ("high-speed" is "high speed"); a thousands comma or a
// decimal point inside digits does not; a trailing % belongs to its number.
// "#" stands for a number in the lexicon's own phrases ("by #").
const TOKEN = /[a-z0-9]+(?:[.,][0-9]+)*%?|[%#]/g;
const NUMBER = /^[\d.,]+%?$|^#$/;
const DIGIT = /\d/;

/** The words, numbers and codes of English text, in order. */
export function englishTokens(text: string): EnglishToken[] {
  const tokens: EnglishToken[] = [];
  for (const match of text.toLowerCase().replace(/[’']s\b/g, "").matchAll(TOKEN)) {
    const surface = match[0];
    if (NUMBER.test(surface)) tokens.push({ surface, stem: surface.replace(/,/g, ""), kind: "number" });
    else if (DIGIT.test(surface) || surface === "%") tokens.push({ surface, stem: surface, kind: "code" });
    else tokens.push({ surface, stem: englishStem(surface), kind: "word" });
  }
  return tokens;
}

/** The key of a phrase: its stems, numbers as "#" ("by 2026" → "by #"). */
export function phraseKey(tokens: readonly EnglishToken[]): string {
  return tokens.map((token) => (token.kind === "number" ? "#" : token.stem)).join(" ");
}
