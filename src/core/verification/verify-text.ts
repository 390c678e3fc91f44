import type { Chunk } from "../chunking/chunk.js";
import { QaError } from "../errors.js";
import { findPlaceMentions, placeRelation } from "../lexicon/place-mentions.js";
import type { QaEngine } from "../pipeline/qa-engine.js";
import { translateEnglishQuestion } from "../lexicon/translate-english.js";
import { normalizeText } from "../text/normalize.js";
import { matchingCharacters, type MatchedSpan, type SentenceProfile } from "./character-overlap.js";
import { checkClaim, listsOf, subjectOf, type ClaimCheck, type PreparedClaim, type WeightedWord } from "./claim-check.js";
import { isMostlyLatin, splitClaims, type Claim } from "./claims.js";
import { findFigures, sameFigure, type Figure } from "./figures.js";
import {
  MAX_VERIFY_CLAIMS,
  type AnswerCitation,
  type CitedCheck,
  type ClaimVerdict,
  type JudgedCitation,
  type VerificationResult,
  type VerifiedClaim,
  type VerifyRequest,
} from "./verification-schema.js";
import { DEFAULT_VERIFIER_SETTINGS, type VerifierSettings } from "./verifier-settings.js";
import { citedPassage, exactQuote, type Passage } from "./cited-passages.js";

export type { ClaimVerdict, VerificationResult, VerifiedClaim } from "./verification-schema.js";

/**
 * The grounding checker: one verifier, claim by claim, used by POST /api/verify, `npm run
 * verify`, `npm run eval -- --answers` and as the gate on generated answers. Each claim of the
 * text (claims.ts) is aligned to its best span among the report passages retrieved for it, and
 * checked against that span (claim-check.ts): figures, places and list members compared, the
 * verdict from named thresholds (verifier-settings.ts). When the answer gives citations or
 * contexts, each claim is checked against those as well.
 */

/** What the verifier reads of an engine. */
export type VerifierEngine = Pick<QaEngine, "chunks" | "retriever" | "lexicon" | "reader" | "segmenter">;

/** Best-matching spans kept per claim. */
export const SPANS_PER_CLAIM = 3;
/** A span that leaves a figure, place or member unmatched ranks below one that does not by this much support. */
const PROBLEM_PENALTY = 0.1;
const citationMarker = /\[(\d{1,3})\]/gu;
const hanWord = /^\p{Script=Han}{2,}$/u;

/** Whether a document states a figure; a passage that is no document (a caller's context) asks the whole corpus. */
type FiguresStated = (figure: Figure, source: string) => boolean;

interface FiguresByAmount {
  readonly everywhere: ReadonlyMap<string, readonly Figure[]>;
  readonly bySource: ReadonlyMap<string, ReadonlyMap<string, readonly Figure[]>>;
}

// Keyed on the chunks they are read from, not on the engine object: a reindex brings new chunks.
const figuresByChunks = new WeakMap<readonly Chunk[], FiguresByAmount>();

/**
 * Every figure each document states, by amount, read once per set of chunks. Per document, so
 * "…is nowhere in the report" speaks of the passage's own report, not of any in the corpus.
 */
function reportFigures(chunks: readonly Chunk[]): FiguresStated {
  let figures = figuresByChunks.get(chunks);
  if (!figures) {
    const everywhere = new Map<string, Figure[]>();
    const bySource = new Map<string, Map<string, Figure[]>>();
    const seenPaths = new Set<string>();
    const add = (source: string, text: string): void => {
      let ofSource = bySource.get(source);
      if (!ofSource) bySource.set(source, (ofSource = new Map()));
      for (const figure of findFigures(text)) {
        for (const map of [everywhere, ofSource]) map.set(String(figure.amount), [...(map.get(String(figure.amount)) ?? []), figure]);
      }
    };
    for (const chunk of chunks) {
      add(chunk.source, chunk.text);
      const path = `${chunk.source}\n${chunk.sectionPath.join("\n")}`;
      if (!seenPaths.has(path)) {
        seenPaths.add(path);
        add(chunk.source, `${chunk.title}\n${chunk.sectionPath.join("\n")}`);
      }
    }
    figures = { everywhere, bySource };
    figuresByChunks.set(chunks, figures);
  }
  const { everywhere, bySource } = figures;
  return (figure, source) => ((bySource.get(source) ?? everywhere).get(String(figure.amount)) ?? []).some((candidate) => sameFigure(figure, candidate));
}

function profileOf(pieces: readonly string[]): SentenceProfile {
  const grams = new Set<string>();
  let characters = 0;
  for (const piece of pieces) {
    const compared = matchingCharacters(piece);
    characters += compared.length;
    if (compared.length === 1) grams.add(compared[0]!);
    for (let index = 0; index + 1 < compared.length; index++) grams.add(compared[index]! + compared[index + 1]!);
  }
  return { grams, characters };
}

/** Cuts `text` at the given spans, keeping what lies between. */
function without(text: string, spans: readonly { start: number; end: number }[]): string[] {
  const pieces: string[] = [];
  let cursor = 0;
  for (const span of [...spans].sort((left, right) => left.start - right.start)) {
    if (span.start > cursor) pieces.push(text.slice(cursor, span.start));
    cursor = Math.max(cursor, span.end);
  }
  pieces.push(text.slice(cursor));
  return pieces;
}

type Subject = ReturnType<typeof subjectOf>;

/**
 * A claim ready to be checked against the passages of one report: its wording without figures
 * and without that report's subject (implied by every sentence of it), its places, lists and
 * words. Without a subject, the first document's (the report's, when there is one).
 */
export function prepareClaim(text: string, engine: VerifierEngine, subject: Subject = subjectOf(engine.lexicon, engine.chunks[0]?.source ?? "")): { claim: PreparedClaim; query: string } {
  const normalized = normalizeText(text.replace(citationMarker, " "));
  const figures = findFigures(text);
  if (isMostlyLatin(text)) {
    // English: compared through the report's Chinese for each word or phrase (the lexicon's
    // translation); a term counts as found when any of its Chinese alternatives is in the span.
    const subjectForms = new Set(subject ? [subject.place, ...subject.forms] : []);
    const terms = translateEnglishQuestion(normalized, engine.lexicon).terms.filter(
      (term) => !/^[\d.,%]+$/u.test(term.english) && !term.chinese.some((chinese) => subjectForms.has(chinese)),
    );
    const words = terms.map((term) => ({ word: term.chinese[0]!, alternatives: term.chinese, weight: 1 }));
    return {
      claim: { text, normalized, profile: profileOf(words.map(({ word }) => word)), alignment: profileOf([...words.map(({ word }) => word), ...figures.map((figure) => figure.text)]), figures, places: [], lists: [], impliedPlaces: [], words },
      query: engine.reader.read(text).searchText,
    };
  }
  const mentions = findPlaceMentions(normalized, engine.lexicon);
  const namesSubject = mentions.some((mention) => placeRelation(mention, subject) === "subject");
  // The subject is implied by every sentence of its report, and so is its parent when the claim names the subject too (重庆市江津区).
  const implicit = mentions.filter((mention) => {
    const relation = placeRelation(mention, subject);
    return relation === "subject" || (relation === "parent" && namesSubject);
  });
  const masked = without(normalized, [...findFigures(normalized), ...implicit]);
  const implicitForms = new Set(implicit.map((mention) => mention.form));
  // Words are read without the implied places too.
  const words = weightedWords(masked.join(" "), engine);
  return {
    claim: {
      text,
      normalized,
      profile: profileOf(masked),
      alignment: profileOf([normalized]),
      figures,
      places: mentions.filter((mention) => !implicit.includes(mention)),
      lists: listsOf(normalized, [...implicitForms].sort((left, right) => right.length - left.length)),
      impliedPlaces: [...implicitForms],
      words,
    },
    query: text,
  };
}

/** A word that names nothing (a verb, an adverb: 达到, 力争) weighs this much beside a thing's 1. */
const ACTION_WORD_WEIGHT = 0.5;

/** The claim's words of two or more Han characters, once each, weighted; none without a segmenter. */
function weightedWords(text: string, engine: VerifierEngine): WeightedWord[] {
  const segmenter = engine.segmenter;
  if (!segmenter) return [];
  const nouns = segmenter.nounsOf?.(text);
  const words = [...new Set(segmenter.cut(text).filter((word) => hanWord.test(word)))];
  return words.map((word) => ({ word, weight: !nouns || nouns.has(word) ? 1 : ACTION_WORD_WEIGHT }));
}

const VERDICT_ORDER: Readonly<Record<ClaimVerdict, number>> = { contradicted: 0, "not-found": 1, "partly-supported": 2, supported: 3 };
const problems = (check: ClaimCheck): number => check.reasons.filter((reason) => reason.kind !== "words-missing").length;
const rankOf = (check: ClaimCheck): number => check.support - PROBLEM_PENALTY * problems(check);

// A claim is checked against a passage once: its citation's passage is usually one of those it
// was checked against for the report-wide verdict (the gate's always are).
const checksByClaim = new WeakMap<PreparedClaim, Map<string, ClaimCheck>>();

function checkOnce(claim: PreparedClaim, chunk: Chunk, anchored: boolean, check: () => ClaimCheck): ClaimCheck {
  let checks = checksByClaim.get(claim);
  if (!checks) checksByClaim.set(claim, (checks = new Map()));
  const key = `${anchored ? "a" : "u"}:${chunk.id}:${chunk.start}:${chunk.end}:${chunk.text.length}`;
  let found = checks.get(key);
  if (!found) checks.set(key, (found = check()));
  return found;
}

/** A claim as read for the passages of each report: what it implies is the subject of the passage's own document. */
type ClaimFor = (chunk: Chunk) => PreparedClaim;

/**
 * The claim prepared once per subject among the documents it is checked against: over several
 * reports, 永川区 named in a claim checked against the 永川 report is that report's own subject,
 * and 江津区 named in it is another place. One report: one preparation, as before.
 */
function claimPreparations(text: string, engine: VerifierEngine): { claimFor: ClaimFor; first: { claim: PreparedClaim; query: string } } {
  const first = prepareClaim(text, engine);
  const firstSubject = subjectOf(engine.lexicon, engine.chunks[0]?.source ?? "");
  const bySubject = new Map<Subject, PreparedClaim>([[firstSubject, first.claim]]);
  const claimFor: ClaimFor = (chunk) => {
    const subject = subjectOf(engine.lexicon, chunk.source);
    let prepared = bySubject.get(subject);
    if (!prepared) bySubject.set(subject, (prepared = prepareClaim(text, engine, subject).claim));
    return prepared;
  };
  return { claimFor, first };
}

/** The check a claim's verdict rests on: the best-ranked passage; other passages' spans follow it. */
function bestCheck(claimFor: ClaimFor, passages: readonly Passage[], settings: VerifierSettings, engine: VerifierEngine, inReport: FiguresStated): { best: ClaimCheck; spans: MatchedSpan[] } {
  const checks = passages.map(({ chunk, anchored }) => {
    const claim = claimFor(chunk);
    return checkOnce(claim, chunk, anchored, () => checkClaim(claim, chunk, settings, engine.lexicon, (figure) => inReport(figure, chunk.source), anchored));
  });
  const ranked = checks.map((check, rank) => ({ check, rank })).sort((left, right) => rankOf(right.check) - rankOf(left.check) || left.rank - right.rank);
  const best = ranked[0]?.check ?? { verdict: "not-found" as const, support: 0, span: undefined, reasons: [] };
  const seen = new Set<string>();
  const spans = ranked
    .flatMap(({ check }) => (check.span && check.span.containment > 0 ? [check.span] : []))
    .filter((span) => {
      const key = `${span.source}:${span.quoteStart}:${span.quoteEnd}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, SPANS_PER_CLAIM);
  return { best, spans };
}

/** The [n] markers a claim carries. */
function markersOf(text: string): number[] {
  return [...new Set([...text.matchAll(citationMarker)].map((match) => Number(match[1])))];
}

function checkAgainst(claimFor: ClaimFor, passages: readonly Passage[], markers: number[], settings: VerifierSettings, engine: VerifierEngine, inReport: FiguresStated): CitedCheck {
  const { best } = bestCheck(claimFor, passages, settings, engine, inReport);
  const anchored = passages.find((passage) => passage.chunk.id === best.span?.chunkId)?.anchored ?? false;
  return {
    markers,
    verdict: best.verdict,
    support: best.support,
    reasons: [...best.reasons],
    // Only a span of the report at its own offsets is one (a context or a bare quote has none).
    ...(best.span && anchored ? { span: { ...best.span, section: [...best.span.section] } } : {}),
  };
}

/** The whole text's verdict: contradicted if any claim is, supported if all are, not-found if none is found, else partly. */
export function overallVerdict(verdicts: readonly ClaimVerdict[]): ClaimVerdict {
  if (verdicts.includes("contradicted")) return "contradicted";
  if (verdicts.every((verdict) => verdict === "supported")) return "supported";
  if (verdicts.every((verdict) => verdict === "not-found")) return "not-found";
  return "partly-supported";
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/**
 * Checks a text claim by claim against the report (and against its citations and contexts
 * when given). Offsets of claims and figures index into the text; span offsets into the
 * source document. A text with no claim, or more than MAX_VERIFY_CLAIMS, is refused
 * (QaError "invalid_parameter").
 */
export interface VerifyOptions {
  /**
   * Check every claim against these passages instead of retrieving passages for it: the gate on
   * generated answers checks what the model was given (and spends no retrieval per sentence).
   */
  readonly candidates?: readonly Chunk[];
  /** The request's deadline: checking stops (rejecting with the signal's reason) when it aborts. */
  readonly signal?: AbortSignal;
}

/**
 * Claims checked between two yields to the event loop. A 20,000-character text has up to ~1,200
 * claims (about a second of work): yielding lets other requests be answered meanwhile, and lets
 * a deadline that has passed stop the work.
 */
const CLAIMS_PER_TURN = 16;
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function verifyText(
  engine: VerifierEngine,
  input: string | VerifyRequest,
  settings: VerifierSettings = DEFAULT_VERIFIER_SETTINGS,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const request = typeof input === "string" ? { text: input } : input;
  const claims = splitClaims(request.text);
  if (claims.length === 0) throw new QaError("invalid_parameter", "text has no claim to check: it holds only whitespace or punctuation.");
  if (claims.length > MAX_VERIFY_CLAIMS) {
    throw new QaError("invalid_parameter", `text has ${claims.length} claims; at most ${MAX_VERIFY_CLAIMS} can be checked at once. Split it into parts.`);
  }
  const inReport = reportFigures(engine.chunks);
  const citations = request.citations ?? [];
  const cited = new Map<number, { citation: AnswerCitation; passage: Passage | undefined }>();
  citations.forEach((citation, index) => {
    const marker = citation.marker ?? index + 1;
    if (!cited.has(marker)) cited.set(marker, { citation, passage: citedPassage(citation, marker, engine.chunks) });
  });
  const contexts = (request.contexts ?? [])
    .filter((context) => context.trim().length > 0)
    .map((text, index): Passage => ({ chunk: { id: `context-${index + 1}`, source: "context", title: "", sectionPath: [], start: 0, end: text.length, text }, anchored: false }));

  const checked: VerifiedClaim[] = [];
  const relevantMarkers = new Set<number>();
  const claimsByMarker = new Map<number, number[]>();
  for (const [index, claim] of claims.entries()) {
    if (index > 0 && index % CLAIMS_PER_TURN === 0) {
      await nextTurn();
      if (options.signal?.aborted) throw options.signal.reason ?? new QaError("timeout", "The check took too long.");
    }
    checked.push(await verifyClaim(claim, index));
  }

  async function verifyClaim(claim: Claim, index: number): Promise<VerifiedClaim> {
    const {
      claimFor,
      first: { claim: prepared, query },
    } = claimPreparations(claim.text, engine);
    const candidates = options.candidates ?? (await engine.retriever.retrieve(query, settings.passages)).map((passage) => passage.chunk);
    const { best, spans } = bestCheck(claimFor, candidates.map((chunk) => ({ chunk, anchored: true })), settings, engine, inReport);
    const markers = markersOf(claim.text).filter((marker) => cited.has(marker));
    for (const marker of markers) {
      claimsByMarker.set(marker, [...(claimsByMarker.get(marker) ?? []), index]);
      const passage = cited.get(marker)!.passage;
      if (passage && VERDICT_ORDER[checkAgainst(claimFor, [passage], [marker], settings, engine, inReport).verdict] >= VERDICT_ORDER["partly-supported"]) relevantMarkers.add(marker);
    }
    const citedPassages = markers.flatMap((marker) => cited.get(marker)!.passage ?? []);
    return {
      text: claim.text,
      start: claim.start,
      end: claim.end,
      sentence: claim.sentence,
      verdict: best.verdict,
      support: best.support,
      reasons: [...best.reasons],
      spans: spans.map((span) => ({ ...span, section: [...span.section] })),
      figures: prepared.figures.map((figure) => ({ text: figure.text, value: figure.value, unit: figure.unit, start: claim.start + figure.start, end: claim.start + figure.end })),
      ...(markers.length > 0 ? { cited: citedPassages.length > 0 ? checkAgainst(claimFor, citedPassages, markers, settings, engine, inReport) : { markers, verdict: "not-found" as const, support: 0, reasons: [] } } : {}),
      ...(contexts.length > 0 ? { contexts: checkAgainst(claimFor, contexts, [], settings, engine, inReport) } : {}),
    };
  }

  const judged: JudgedCitation[] = [...cited.entries()].map(([marker, { citation }]) => ({
    marker,
    exact: exactQuote(citation, engine.chunks),
    claims: claimsByMarker.get(marker) ?? [],
    relevant: relevantMarkers.has(marker),
  }));
  const count = (verdict: ClaimVerdict): number => checked.filter((claim) => claim.verdict === verdict).length;
  const citedMarkers = judged.filter((citation) => citation.claims.length > 0);
  return {
    claims: checked,
    citations: judged,
    summary: {
      verdict: overallVerdict(checked.map((claim) => claim.verdict)),
      claims: checked.length,
      supported: count("supported"),
      partlySupported: count("partly-supported"),
      contradicted: count("contradicted"),
      notFound: count("not-found"),
      citationRecall: citations.length === 0 ? null : share(checked.filter((claim) => claim.cited?.verdict === "supported").length, checked.length),
      citationPrecision: citations.length === 0 ? null : share(citedMarkers.filter((citation) => citation.relevant).length, citedMarkers.length),
      contextSupport: contexts.length === 0 ? null : share(checked.filter((claim) => claim.contexts?.verdict === "supported").length, checked.length),
    },
  };
}
