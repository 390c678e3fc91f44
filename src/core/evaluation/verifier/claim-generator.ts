import type { ReportLexicon } from "../../lexicon/question-lexicon.js";
import type { ClaimVerdict } from "../../verification/verification-schema.js";
import { findFigures, type Figure } from "../../verification/figures.js";
import { listsOf } from "../../verification/claim-check.js";
import { splitSentences } from "../../text/sentences.js";
import { seededRandom } from "../seeded-random.js";
import type { LabelledClaim } from "./labelled-claim.js";

/**
 * A labelled claim set derived from the report itself by a seeded generator, so that the
 * grounding checker is measured on hundreds of claims of each kind: true sentences (verbatim
 * and lightly reworded), the same sentences with one number, year, unit, place or list member
 * changed, sentences said of another district, added details and word salads of the report's
 * own vocabulary. The same seed gives the same set. The dev and blind halves take different
 * sentences of the report (even and odd sentence numbers) and different seeds.
 */

export type GeneratorHalf = "dev" | "blind";

/** A sentence of the report worth a claim: long enough to state something. */
const MIN_SENTENCE_CHARACTERS = 14;
const MAX_SENTENCE_CHARACTERS = 120;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export interface GeneratorInput {
  /** The report's text (one document). */
  readonly text: string;
  /** The report's subject and its places, from the lexicon sidecar. */
  readonly subject: NonNullable<ReportLexicon["subject"]>;
  /** Other districts a claim may be said of (another county of the same prefecture, say). */
  readonly otherPlaces: readonly string[];
  /** Words of the report (segmented), for word salads. */
  readonly words: readonly string[];
}

const isHeading = (sentence: string): boolean => /^[（(]?[一二三四五六七八九十\d]+[)）、.]/u.test(sentence) || !/[，,]/u.test(sentence);

/** Sentences of the report that make claims: not headings, not too short or long; the half's share of them. */
function sentencesFor(text: string, half: GeneratorHalf): string[] {
  return splitSentences(text)
    .map((sentence) => sentence.text.replace(/[。；;！!？?]+$/u, ""))
    .filter((sentence) => sentence.length >= MIN_SENTENCE_CHARACTERS && sentence.length <= MAX_SENTENCE_CHARACTERS && !isHeading(sentence))
    .filter((_, index) => (index % 2 === 0) === (half === "dev"));
}

function replaceAt(text: string, start: number, end: number, by: string): string {
  return text.slice(0, start) + by + text.slice(end);
}

/** Another plausible value for a figure: 10–50 % off, the same number of decimals, never the same. */
function changedValue(figure: Figure, random: () => number): string {
  const digits = figure.text.match(/\d+(?:\.\d+)?/u)?.[0] ?? figure.value.replace(/%$/u, "");
  const value = Number(digits);
  const decimals = digits.split(".")[1]?.length ?? 0;
  const factor = 1 + (random() < 0.5 ? -1 : 1) * (0.1 + random() * 0.4);
  let changed = (value * factor).toFixed(decimals);
  if (Number(changed) === value || Number(changed) <= 0) changed = (value + 10 ** -decimals * (1 + Math.floor(random() * 9))).toFixed(decimals);
  return changed;
}

const arabicFigure = (figure: Figure): boolean => /\d/u.test(figure.text);

/** Figures changed per sentence, at most: one claim each. */
const CHANGES_PER_SENTENCE = 3;

function numbersChanged(sentence: string, random: () => number): LabelledClaim[] {
  const figures = findFigures(sentence).filter((figure) => figure.kind !== "year" && arabicFigure(figure));
  return figures.slice(0, CHANGES_PER_SENTENCE).flatMap((figure) => numberChanged(sentence, figure, random) ?? []);
}

function numberChanged(sentence: string, figure: Figure, random: () => number): LabelledClaim | undefined {
  const digits = /\d+(?:\.\d+)?/u.exec(figure.text)!;
  const value = changedValue(figure, random);
  if (sentence.includes(value)) return undefined;
  const at = figure.start + digits.index;
  return claim(replaceAt(sentence, at, at + digits[0].length, value), "contradicted", "number-changed", `${digits[0]} → ${value}`);
}

function dateChanged(sentence: string, random: () => number): LabelledClaim | undefined {
  const years = findFigures(sentence).filter((figure) => figure.kind === "year" && /^\d{4}/u.test(figure.text));
  if (years.length === 0) return undefined;
  const year = pick(random, years);
  const shifted = String(Number(year.text.slice(0, 4)) + pick(random, [-3, -2, -1, 1, 2, 3]));
  if (sentence.includes(shifted)) return undefined;
  return claim(replaceAt(sentence, year.start, year.start + 4, shifted), "contradicted", "date-changed", `${year.text.slice(0, 4)} → ${shifted}`);
}

const SCALE_SWAP: Readonly<Record<string, string>> = { 亿: "万", 万: "亿" };

function unitChanged(sentence: string): LabelledClaim | undefined {
  for (const figure of findFigures(sentence)) {
    const scaleAt = figure.text.search(/[万亿]/u);
    if (scaleAt < 0 || !/\d/u.test(figure.text.slice(0, scaleAt))) continue;
    const at = figure.start + scaleAt;
    const swapped = SCALE_SWAP[sentence[at]!]!;
    return claim(replaceAt(sentence, at, at + 1, swapped), "contradicted", "unit-changed", `${sentence[at]} → ${swapped}`);
  }
  return undefined;
}

function placeChanged(sentence: string, input: GeneratorInput, random: () => number): LabelledClaim | undefined {
  const named = input.subject.localPlaces.filter((place) => sentence.includes(place));
  if (named.length === 0) return undefined;
  const place = pick(random, named);
  const others = input.subject.localPlaces.filter((other) => !sentence.includes(other));
  if (others.length === 0) return undefined;
  const other = pick(random, others);
  return claim(sentence.split(place).join(other), "contradicted", "place-changed", `${place} → ${other}`);
}

function saidOfAnotherDistrict(sentence: string, input: GeneratorInput, random: () => number): LabelledClaim {
  const other = pick(random, input.otherPlaces);
  const forms = [input.subject.place, ...input.subject.forms].sort((left, right) => right.length - left.length);
  const form = forms.find((candidate) => sentence.includes(candidate));
  const text = form ? sentence.split(form).join(other) : `${other}${sentence}`;
  return claim(text, "contradicted", "other-district", `said of ${other}`);
}

function memberChanged(sentence: string, allMembers: readonly string[], random: () => number): LabelledClaim | undefined {
  const lists = listsOf(sentence).filter((members) => members.length >= 3);
  if (lists.length === 0) return undefined;
  const members = pick(random, lists);
  // An inner member: the edges are cut to a few characters and may not be whole names.
  const inner = members.slice(1, -1).filter((member) => member.length >= 2 && sentence.split(member).length === 2);
  if (inner.length === 0) return undefined;
  const member = pick(random, inner);
  const candidates = allMembers.filter((other) => other.length >= 2 && other.length <= 8 && !sentence.includes(other) && !other.includes(member));
  if (candidates.length === 0) return undefined;
  const other = pick(random, candidates);
  return claim(sentence.replace(member, other), "contradicted", "member-changed", `${member} → ${other}`);
}

/** Light rewordings that keep the meaning: the subject named, punctuation changed, a leading condition dropped. */
function reworded(sentence: string, input: GeneratorInput, random: () => number): LabelledClaim {
  const ways = [
    (): string => (sentence.includes(input.subject.forms[0] ?? input.subject.place) ? sentence : `${input.subject.place}${sentence}`),
    (): string => sentence.replace(/，/gu, ",").replace(/、/gu, "，"),
    (): string => sentence.replace(/达到/gu, "达").replace(/(?<!达)达(?!到)/gu, "达到"),
    (): string => sentence.replace(/(\d+(?:\.\d+)?)%/gu, "百分之$1"),
  ];
  const text = pick(random, ways)();
  return claim(text === sentence ? `${input.subject.place}${sentence}` : text, "supported", "reworded", "light rewording");
}

function wordSalad(input: GeneratorInput, random: () => number): LabelledClaim {
  const words = Array.from({ length: 6 }, () => pick(random, input.words));
  return claim(`${input.subject.forms[0] ?? ""}${words.slice(0, 3).join("")}，${words.slice(3).join("")}`, "not-found", "word-salad", "report words, no statement");
}

function addedDetail(sentence: string, input: GeneratorInput, random: () => number): LabelledClaim {
  const words = Array.from({ length: 5 }, () => pick(random, input.words));
  return claim(`${sentence}，${words.join("")}`, "partly-supported", "added-detail", "a clause of report words that states nothing of the report");
}

let counter = 0;
function claim(text: string, label: ClaimVerdict, kind: string, note: string): LabelledClaim {
  return { id: `gen-${++counter}`, claim: text, label, kind, note };
}

/** The generated set for one half: for each chosen sentence one claim of each kind that applies to it. */
export function generateClaims(input: GeneratorInput, half: GeneratorHalf, seed: number): LabelledClaim[] {
  counter = 0;
  const random = seededRandom(seed);
  const sentences = sentencesFor(input.text, half);
  const allMembers = listsOf(input.text).flatMap((members) => members.slice(1, -1));
  const claims: LabelledClaim[] = [];
  for (const sentence of sentences) {
    claims.push(claim(sentence, "supported", "verbatim", "a sentence of the report"));
    claims.push(reworded(sentence, input, random));
    for (const changed of [...numbersChanged(sentence, random), dateChanged(sentence, random), unitChanged(sentence), placeChanged(sentence, input, random), memberChanged(sentence, allMembers, random)]) {
      if (changed) claims.push(changed);
    }
    if (random() < 0.3) claims.push(saidOfAnotherDistrict(sentence, input, random));
    if (random() < 0.2) claims.push(addedDetail(sentence, input, random));
  }
  const salads = Math.max(20, Math.round(sentences.length / 4));
  for (let index = 0; index < salads; index++) claims.push(wordSalad(input, random));
  return claims.map((item, index) => ({ ...item, id: `gen-${half}-${String(index + 1).padStart(4, "0")}` }));
}
