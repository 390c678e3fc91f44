import type { Chunk } from "../chunking/chunk.js";
import { findPlaceMentions, placeRelation, type PlaceMention } from "../lexicon/place-mentions.js";
import type { QuestionLexicon, ReportLexicon } from "../lexicon/question-lexicon.js";
import { normalizeText } from "../text/normalize.js";
import { splitClauses, splitSentences } from "../text/sentences.js";
import { bestSpanForProfile, characterContainment, gramsContainment, type MatchedSpan, type SentenceProfile } from "./character-overlap.js";
import { normalizeChineseNumerals } from "./numbers.js";
import { comparable, findFigures, sameDigitsOtherUnit, sameFigure, type Figure } from "./figures.js";
import type { ClaimReason, ClaimVerdict } from "./verification-schema.js";
import type { VerifierSettings } from "./verifier-settings.js";

/**
 * One claim checked against one passage: the passage's best span for the claim, how much of
 * the claim's wording it holds, and what in the claim the passage states differently — a
 * figure (value, scale, unit, year), a place, a member of a list — or not at all.
 */

/** A claim prepared once, then checked against each candidate passage. */
export interface PreparedClaim {
  readonly text: string;
  /** `normalizeText(text)`: what place names and list members are looked for in. */
  readonly normalized: string;
  /** Its wording without its figures and without the report's own subject (江津区 is implied by every sentence of the report): what its support is measured on. */
  readonly profile: SentenceProfile;
  /** Its whole wording, figures included: what its span is chosen by, so that of two sentences saying the same with other figures the one with the claim's figures wins. */
  readonly alignment: SentenceProfile;
  /** Figures, offsets into `text`. */
  readonly figures: readonly Figure[];
  /** Places the claim names other than the report's subject. */
  readonly places: readonly PlaceMention[];
  /** The members of each list the claim states (A、B、C), as written. */
  readonly lists: readonly (readonly string[])[];
  /** The report's subject as the claim names it (江津区): a member that differs from the passage's only by it is the passage's. */
  readonly impliedPlaces: readonly string[];
  /**
   * Content words and their weight (things 1, other words less): the share of this weight a
   * passage holds is the claim's support by words, which a reworded claim keeps when its
   * character pairs are reordered or split.
   */
  readonly words: readonly WeightedWord[];
}

export interface WeightedWord {
  readonly word: string;
  /** Forms any of which counts as the word (an English word's Chinese alternatives); the word alone when absent. */
  readonly alternatives?: readonly string[];
  readonly weight: number;
}

const foundIn = (passage: string, { word, alternatives }: WeightedWord): boolean => (alternatives ?? [word]).some((form) => passage.includes(form));

export interface ClaimCheck {
  readonly verdict: ClaimVerdict;
  /** Share (0–1) of the claim's wording (figures and subject aside) the best span holds. */
  readonly support: number;
  readonly span: MatchedSpan | undefined;
  readonly reasons: readonly ClaimReason[];
}

/** What the checks need of the engine's lexicon. */
export type PlaceVocabulary = Pick<QuestionLexicon, "places" | "placeCompounds" | "corpusWords" | "reports">;

const CONTRADICTING: ReadonlySet<ClaimReason["kind"]> = new Set(["number-differs", "unit-differs", "date-differs", "place-differs", "member-differs"]);
/** What leaves a claim short of supported: part of what it states is not in the passage. Missing words alone only lower the support. */
const INCOMPLETE: ReadonlySet<ClaimReason["kind"]> = new Set(["number-not-in-span", "member-missing", "place-missing"]);

/**
 * The subject of the report a chunk comes from (its place, forms and parents), when the lexicon
 * knows it. A passage of no known document (a context, a quote given without its source) is the
 * report's when there is one report; over several, which district it speaks of is unknown.
 */
export function subjectOf(lexicon: PlaceVocabulary, source: string): ReportLexicon["subject"] {
  const own = lexicon.reports.find((report) => report.source === source);
  if (own) return own.subject;
  return lexicon.reports.length === 1 ? lexicon.reports[0]!.subject : undefined;
}

/** What is read of a chunk once, whatever claims it is checked against. */
interface ChunkReading {
  readonly sentences: readonly { start: number; end: number }[];
  /** Years of the chunk and its section path: they set the scene for the passage. */
  readonly years: readonly Figure[];
  /** Figures and normalised text of each context (sentence run) asked for, by its offsets. */
  readonly contexts: Map<string, { figures: readonly Figure[]; normalized: string }>;
}

// The gate checks every claim of an answer against the same few chunks: read each once.
const readings = new WeakMap<Chunk, ChunkReading>();

function readingOf(chunk: Chunk): ChunkReading {
  let reading = readings.get(chunk);
  if (!reading) {
    reading = {
      sentences: splitSentences(chunk.text),
      years: findFigures(`${chunk.text}\n${chunk.sectionPath.join("\n")}`).filter((figure) => figure.kind === "year"),
      contexts: new Map(),
    };
    readings.set(chunk, reading);
  }
  return reading;
}

interface SpanContext {
  readonly text: string;
  readonly start: number;
  readonly figures: readonly Figure[];
  readonly normalized: string;
}

/** The sentences of the chunk the span touches: figures are read from whole sentences, not the clause matched. */
function contextOf(chunk: Chunk, span: MatchedSpan): SpanContext {
  const from = span.quoteStart - chunk.start;
  const to = span.quoteEnd - chunk.start;
  const reading = readingOf(chunk);
  const sentences = reading.sentences.filter((sentence) => sentence.end > from && sentence.start < to);
  const start = sentences[0]?.start ?? from;
  const end = sentences.at(-1)?.end ?? to;
  const text = chunk.text.slice(start, end);
  const key = `${start}:${end}`;
  let read = reading.contexts.get(key);
  if (!read) {
    read = { figures: findFigures(text), normalized: normalizeText(text) };
    reading.contexts.set(key, read);
  }
  return { text, start: chunk.start + start, ...read };
}

function leftContext(text: string, at: number): string {
  return text.slice(Math.max(0, at - 6), at);
}

/** Of the passage's figures no claim figure matches, the one most likely stating the same fact as `figure`. */
function counterpart(figure: Figure, claimText: string, spare: readonly Figure[], contextText: string): Figure | undefined {
  const byUnit = spare.find((candidate) => sameDigitsOtherUnit(figure, candidate));
  if (byUnit) return byUnit;
  const candidates = spare.filter((candidate) => comparable(figure, candidate));
  if (candidates.length <= 1) return candidates[0];
  const before = leftContext(claimText, figure.start);
  return candidates
    .map((candidate) => ({ candidate, score: characterContainment(leftContext(contextText, candidate.start), before) }))
    .sort((left, right) => right.score - left.score)[0]!.candidate;
}

function figureReasons(
  claim: PreparedClaim,
  core: string,
  context: SpanContext,
  chunkYears: readonly Figure[],
  reportFigures: (figure: Figure) => boolean,
  anchored: boolean,
): ClaimReason[] {
  const inContext = context.figures;
  // The clause that says what the claim says comes first: a sentence may give two facts their own
  // figures (高速公路、铁路通车里程分别达191公里、182公里).
  const coreAt = context.text.indexOf(core);
  const inCore = coreAt < 0 ? inContext : inContext.filter((figure) => figure.start >= coreAt && figure.end <= coreAt + core.length);
  const unmatched = (figures: readonly Figure[]): Figure[] => figures.filter((candidate) => !claim.figures.some((figure) => sameFigure(figure, candidate)));
  const spareInCore = unmatched(inCore);
  const spareInContext = unmatched(inContext);
  const reasons: ClaimReason[] = [];
  for (const figure of claim.figures) {
    if (inCore.some((candidate) => sameFigure(figure, candidate))) continue;
    let other = counterpart(figure, claim.text, spareInCore, context.text);
    if (!other) {
      if (inContext.some((candidate) => sameFigure(figure, candidate))) continue;
      // A year may set the scene for the whole passage (到2026年 heads a list of targets).
      if (figure.kind === "year" && chunkYears.some((candidate) => sameFigure(figure, candidate))) continue;
      other = counterpart(figure, claim.text, spareInContext, context.text);
    }
    if (other) {
      for (const spare of [spareInCore, spareInContext]) if (spare.includes(other)) spare.splice(spare.indexOf(other), 1);
      const kind = sameDigitsOtherUnit(figure, other) ? "unit-differs" : figure.kind === "year" ? "date-differs" : "number-differs";
      reasons.push({
        kind,
        claim: figure.text,
        report: other.text,
        ...(anchored ? { reportStart: context.start + other.start, reportEnd: context.start + other.end } : {}),
        message: `${figure.text} where the report says ${other.text}`,
      });
    } else {
      const elsewhere = reportFigures(figure);
      reasons.push({
        kind: "number-not-in-span",
        claim: figure.text,
        message: elsewhere ? `${figure.text} is in the report, but not in this passage` : `${figure.text} is nowhere in the report`,
      });
    }
  }
  return reasons;
}

/**
 * The clause of a span that holds most of what the claim says besides its places: a span may
 * run over two clauses (德感建设消费品产业城,珞璜建设临港产业城), and the claim's place (and
 * first its figures) must be those of the clause that says what the claim says.
 */
function coreClause(claim: PreparedClaim, quote: string): string {
  const rest = claim.places.reduce((text, mention) => text.split(mention.form).join(" "), claim.normalized);
  const clauses = splitClauses(quote, 0, quote.length);
  if (clauses.length <= 1) return quote;
  return clauses.reduce((best, clause) => (characterContainment(rest, clause.text) > characterContainment(rest, best.text) ? clause : best)).text;
}

/**
 * A place the claim names must be the span's: a sentence of the report often gives each town its
 * own project (德感建设消费品产业城,珞璜建设临港产业城), so a place found only elsewhere in the
 * sentence counts only when the span itself names no other place.
 */
function placeReasons(claim: PreparedClaim, spanNormalized: string, contextNormalized: string, lexicon: PlaceVocabulary, subject: ReportLexicon["subject"]): ClaimReason[] {
  const reasons: ClaimReason[] = [];
  const claimNames = new Set(claim.places.map((mention) => mention.name));
  const others = (text: string): PlaceMention[] => findPlaceMentions(text, lexicon).filter((mention) => placeRelation(mention, subject) !== "subject" && !claimNames.has(mention.name));
  const holds = (text: string, mention: PlaceMention): boolean => text.includes(mention.form) || text.includes(mention.name);
  const spareInSpan = claim.places.some((mention) => !holds(spanNormalized, mention)) ? others(spanNormalized) : [];
  const missing = claim.places.filter((mention) => !holds(spanNormalized, mention) && (spareInSpan.length > 0 || !holds(contextNormalized, mention)));
  if (missing.length === 0) return reasons;
  const spare = spareInSpan.length > 0 ? spareInSpan : others(contextNormalized);
  for (const mention of missing) {
    const other = spare.shift();
    if (other) {
      reasons.push({ kind: "place-differs", claim: mention.form, report: other.form, message: `${mention.form} where the report says ${other.form}` });
    } else if (placeRelation(mention, subject) !== "local" && subject) {
      // The report speaks of its own subject throughout: the same statement of another place is a changed place.
      reasons.push({ kind: "place-differs", claim: mention.form, report: subject.place, message: `${mention.form}: the report says this of ${subject.place}` });
    } else {
      reasons.push({ kind: "place-missing", claim: mention.form, message: `the passage does not name ${mention.form}` });
    }
  }
  return reasons;
}

/**
 * A member is the passage's when the passage holds nearly all of its character pairs: list
 * members are names (长江江津段, 綦江河江津段) that often share a part, so a looser share would
 * take one for the other.
 */
const MEMBER_FOUND_AT = 0.8;

function memberReasons(claim: PreparedClaim, contextText: string): ClaimReason[] {
  const reasons: ClaimReason[] = [];
  const contextNormalized = normalizeText(contextText);
  const holds = (member: string): boolean => member.length > 0 && (contextNormalized.includes(member) || characterContainment(member, contextText) >= MEMBER_FOUND_AT);
  const found = (member: string): boolean => holds(member) || claim.impliedPlaces.some((place) => member.includes(place) && holds(member.split(place).join("")));
  for (const members of claim.lists) {
    // A member with a figure is compared as a figure.
    const missing = members.filter((member) => member.length >= 2 && !/\d/u.test(normalizeChineseNumerals(member)) && !found(member));
    if (missing.length === 0 || missing.length === members.length) continue;
    const reportMembers = listsOf(contextNormalized)
      .flat()
      .filter((member) => !claim.normalized.includes(member) && characterContainment(member, claim.text) < MEMBER_FOUND_AT);
    for (const member of missing) {
      const other = reportMembers.shift();
      reasons.push(
        other
          ? { kind: "member-differs", claim: member, report: other, message: `${member} where the report lists ${other}` }
          : { kind: "member-missing", claim: member, message: `the passage does not list ${member}` },
      );
    }
  }
  return reasons;
}

/** Characters kept of a list's first and last members: they carry the words around the list ("实施" before, "等五大行动" after). */
const EDGE_MEMBER_CHARACTERS = 6;
const lastJoiner = /(?:以及|和|及|与)/u;
/** Where a list's head begins after its last member: a count (这三大, 6个, 两个), 这/那, 等. */
const LIST_HEAD = /[这那等]|[\d一二两三四五六七八九十]+[个项大家类条种座所批]/u;
/** What introduces a list's first member: 是, 为, 包括, 有, 如, 即. */
const LIST_FRAME = /是|为|包括|有|如|即/gu;

/**
 * Members of the enumerations (A、B、C和D) of a text, clause by clause. The first member is cut
 * to its end and the last to its start (the verb before a list, the head noun after it are no
 * member), and the last one is split at 和/及/与. A subject in `subjects` opening a clause is dropped.
 */
export function listsOf(text: string, subjects: readonly string[] = []): string[][] {
  return text
    .split(/[，,。；;：:！？!?\n]/u)
    .filter((clause) => clause.includes("、"))
    .map((clause) => {
      const members = clause.split("、").map((member) => member.trim());
      // The subject opening the clause is no part of its first member (江津区围绕企业、项目).
      const subject = subjects.find((form) => members[0]!.startsWith(form));
      if (subject) members[0] = members[0]!.slice(subject.length);
      const last = members.pop()!;
      const tail = last.split(lastJoiner);
      members.push(...tail);
      // What follows the last member is the list's head ("生猪这三大保供产业", "四屏6个节点镇"), what precedes the first its frame ("节点镇是石蟆").
      const lastMember = members.at(-1)!;
      const head = LIST_HEAD.exec(lastMember);
      members[members.length - 1] = (head && head.index > 0 ? lastMember.slice(0, head.index) : lastMember).slice(0, EDGE_MEMBER_CHARACTERS);
      const frame = [...members[0]!.matchAll(LIST_FRAME)].at(-1);
      if (frame && frame.index + frame[0].length < members[0]!.length) members[0] = members[0]!.slice(frame.index + frame[0].length);
      members[0] = members[0]!.slice(-EDGE_MEMBER_CHARACTERS);
      return members.filter((member) => member.length > 0);
    });
}

/**
 * Checks a claim against one passage. The verdict: `contradicted` when the passage holds the
 * claim's wording (support ≥ contradictedAt) but states a figure, place or list member
 * differently; `supported` when it holds the wording (≥ supportedAt) and every figure;
 * `partly-supported` from partlyAt; `not-found` below.
 */
export function checkClaim(
  claim: PreparedClaim,
  chunk: Chunk,
  settings: VerifierSettings,
  lexicon: PlaceVocabulary,
  reportFigures: (figure: Figure) => boolean,
  /** The passage is the report at its offsets (a retrieved chunk, a citation given by offsets), not a quote or context on its own. */
  anchored = true,
): ClaimCheck {
  const span = bestSpanForProfile(claim.alignment, chunk);
  if (!span) return { verdict: "not-found", support: 0, span, reasons: [] };
  const context = contextOf(chunk, span);
  const contextNormalized = context.normalized;
  const byPairs = gramsContainment(claim.profile.grams, span.quote);
  // Words are looked for in the span itself: a long sentence around it holds many words by chance.
  const byWords = wordSupport(claim.words, normalizeText(span.quote));
  const support = roundShare(Math.max(byPairs, (1 - settings.wordWeight) * byPairs + settings.wordWeight * byWords));
  const chunkYears = readingOf(chunk).years;
  const core = coreClause(claim, span.quote);
  const reasons = [
    ...figureReasons(claim, core, context, chunkYears, reportFigures, anchored),
    ...placeReasons(claim, normalizeText(core), contextNormalized, lexicon, subjectOf(lexicon, chunk.source)),
    ...memberReasons(claim, context.text),
  ];
  const missingWords = claim.words.filter((word) => !foundIn(contextNormalized, word)).map(({ word }) => word);
  if (missingWords.length > 0) reasons.push({ kind: "words-missing", words: missingWords.slice(0, 8), message: `the passage lacks ${missingWords.slice(0, 8).join("、")}` });
  // The span is reported with the claim's containment in it (figures and subject aside), as the schema says.
  return { verdict: verdictFor(support, reasons, settings), support, span: { ...span, containment: roundShare(byPairs) }, reasons };
}

const roundShare = (value: number): number => Math.round(value * 1000) / 1000;

/** Share of the claim's word weight the passage holds (three decimals); 0 for a claim without words. */
function wordSupport(words: readonly WeightedWord[], passage: string): number {
  const total = words.reduce((sum, { weight }) => sum + weight, 0);
  if (total === 0) return 0;
  const found = words.reduce((sum, word) => sum + (foundIn(passage, word) ? word.weight : 0), 0);
  return Math.round((found / total) * 1000) / 1000;
}

function verdictFor(support: number, reasons: readonly ClaimReason[], settings: VerifierSettings): ClaimVerdict {
  if (support >= settings.contradictedAt && reasons.some((reason) => CONTRADICTING.has(reason.kind))) return "contradicted";
  if (reasons.some((reason) => reason.kind === "place-differs")) return "not-found";
  const complete = !reasons.some((reason) => INCOMPLETE.has(reason.kind));
  if (support >= settings.supportedAt && complete) return "supported";
  if (support >= settings.partlyAt) return "partly-supported";
  return "not-found";
}
