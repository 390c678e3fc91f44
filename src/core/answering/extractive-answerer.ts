import { Runnable } from "@langchain/core/runnables";
import { formatSectionPath } from "../chunking/chunk.js";
import { FRONT_MATTER_SECTION } from "../chunking/outline-parser.js";
import type { Embedder } from "../ports/embedder.js";
import type { AbstentionReason } from "../schemas/ask-response.js";
import { normalizeText } from "../text/normalize.js";
import { abstentionMessage, answerLead } from "./abstention-messages.js";
import {
  absentVocabularyShare,
  askedAboutHigherLevel,
  asksForAbsentTotal,
  countsAPart,
  answersTheAskedQuantity,
  foreignPlaces,
  foreignVocabularyShare,
  givesAList,
  listsTheAskedCount,
  namesTheAskedRole,
  piecesSupport,
  statesTheAskedKind,
} from "./answer-checks.js";
import { decideAnswer, type AnswerFeatures } from "./answer-decision.js";
import { answerScope, poolOfDocuments, type AnswerScope } from "./answer-scope.js";
import { comparedDocuments, documentsAbout, type AnswerDocument } from "./document-scope.js";
import { DEFAULT_RANKING_WEIGHTS, type RankingWeights } from "./ranking-weights.js";
import type { AnswerDraft, AnswerInput, AnswerPiece } from "./answer-draft.js";
import type { Candidate, ChosenPiece } from "./candidate.js";
import { selectCandidates, toPieces } from "./piece-selection.js";
import type { QuestionAnalysis } from "./question-analysis.js";
import type { QuestionReading } from "../understanding/question-reader.js";
import { DATE, QUANTITY, rankSentences, SentenceCache, sentencePool } from "./sentence-ranking.js";
import { coverage, termMatch } from "./support.js";
import type { TermStatistics } from "./term-statistics.js";

export interface ExtractiveAnswererSettings {
  /** At or above this support (and with every answer-type check passing) the answer is direct; calibrated on eval/dev (docs/DECISIONS.md). */
  readonly minimumSupport: number;
  /** At or above this weighted share of words foreign to the report the answer cannot be direct (docs/DECISIONS.md). */
  readonly maximumForeignVocabulary: number;
  /** Below minimumSupport but at or above this, the best quotes are given as related content rather than refused. */
  readonly relatedMinimumSupport: number;
  /** At or above this weighted share of the question's words absent from the whole report (as words), it is refused. */
  readonly maximumAbsentVocabulary: number;
  /** How much a missing verb or adverb counts towards that share, against 1 for a missing noun. */
  readonly absentActionWeight: number;
  /** Passages whose sentences compete for the answer. */
  readonly passagesConsidered: number;
  readonly maximumPieces: number;
  /** Pieces a how, why or list answer may take when they are the sentences under one heading that names the question. */
  readonly headingPieces: number;
  /** Sentence-ranking and piece-selection weights, by name. */
  readonly ranking: RankingWeights;
}

/** Settings as overridden (eval sweeps, tests): any field, and any ranking weight on its own. */
export type AnswererSettingsOverrides = Partial<Omit<ExtractiveAnswererSettings, "ranking">> & { readonly ranking?: Partial<RankingWeights> };

export const DEFAULT_ANSWERER_SETTINGS: ExtractiveAnswererSettings = {
  minimumSupport: 0.45,
  maximumForeignVocabulary: 0.35,
  relatedMinimumSupport: 0.25,
  maximumAbsentVocabulary: 0.6,
  absentActionWeight: 0.25,
  passagesConsidered: 6,
  maximumPieces: 3,
  headingPieces: 5,
  ranking: DEFAULT_RANKING_WEIGHTS,
};

export interface ExtractiveAnswererOptions {
  readonly embedder: Embedder;
  readonly statistics: TermStatistics;
  /** Places the corpus is about (from document titles): naming them is not asking about elsewhere. */
  readonly subjectPlaces: readonly string[];
  /** Whole place mentions in a text (places inside a longer report word, such as a river, are none); substring matching when absent. */
  readonly placesIn?: (normalized: string) => string[];
  /** The places those belong to (重庆 for 江津): a question about one of them alone asks about another level of government. */
  readonly parentPlaces?: readonly string[];
  /** The corpus's documents, each with its own subject: the place, level and year checks run per document (document-scope.ts). */
  readonly documents?: readonly AnswerDocument[];
  readonly settings?: AnswererSettingsOverrides;
}


/**
 * Answers by quoting the report: ranks the sentences of the retrieved passages against
 * the question (each part of a two-part question separately), narrows long sentences to
 * the clauses that answer, and composes up to three pieces in report order, each
 * followed by its citation marker. Nothing is paraphrased, so every number in an answer
 * is in its quote. When support is weak, or the question is about a year, a place or
 * a thing the report does not cover, it abstains instead of guessing.
 */
export class ExtractiveAnswerer extends Runnable<AnswerInput, AnswerDraft> {
  lc_namespace = ["jiangjin_report_qa", "answerers"];
  override name = "extractive-v1";
  readonly settings: ExtractiveAnswererSettings;
  private readonly options: ExtractiveAnswererOptions;
  /** Sentences and sentence vectors of recently retrieved chunks: this answerer's engine and embedder only. */
  private readonly sentences = new SentenceCache();

  /** A document's place in the corpus, for composing pieces of several documents in corpus order. */
  private readonly documentOrder: (source: string) => number;

  constructor(options: ExtractiveAnswererOptions) {
    super();
    this.options = options;
    const order = new Map((options.documents ?? []).map((document, index) => [document.source, index]));
    this.documentOrder = (source) => order.get(source) ?? 0;
    this.settings = { ...DEFAULT_ANSWERER_SETTINGS, ...options.settings, ranking: { ...DEFAULT_RANKING_WEIGHTS, ...options.settings?.ranking } };
  }

  override async invoke(input: AnswerInput): Promise<AnswerDraft> {
    const { statistics } = this.options;
    const analysis = input.reading;
    const scope = answerScope(input, this.options);
    const { subjectPlaces } = scope;
    const language = analysis.language === "en" ? "en" : "zh";
    const refuse = (reason: AbstentionReason, support?: number): AnswerDraft => ({
      answer: abstentionMessage(reason, { years: analysis.years, places: foreignPlaces(analysis, subjectPlaces, []), language, about: scope.about }),
      abstained: true,
      answerKind: "not-in-report",
      abstentionReason: reason,
      // The places the refusal names, for clients that word their own notice (the widget's badge).
      ...((reason === "other-place" || reason === "other-level") && scope.about.length > 0 ? { refusalPlaces: scope.about } : {}),
      language,
      pieces: [],
      ...(support === undefined ? {} : { support }),
    });
    const readable = analysis.language === "zh" ? analysis.hanCharacterCount >= 2 : analysis.contentTerms.length > 0;
    if (!readable) return refuse("unreadable-language");
    if (analysis.years.some((year) => !scope.knowsYear(year))) return refuse("other-year");
    if (askedAboutHigherLevel(analysis, subjectPlaces, scope.parentPlaces)) return refuse("other-level");

    // A comparison of documents is answered like a two-part question: each document's best, so each is cited.
    const compared = analysis.parts.length >= 2 ? [] : comparedDocuments(analysis, scope.documents);
    const targets = analysis.parts.length >= 2 ? analysis.parts : compared.length >= 2 ? compared.map(() => analysis) : [analysis];
    const targetDocuments = compared.length >= 2 ? compared.map((document) => [document]) : targets.map((target) => documentsAbout(target, scope.documents));
    const piecesPerTarget = await this.answerTargets(targets, input, scope, targetDocuments);
    const pieces = mergePieces(piecesPerTarget.flat(), Math.max(this.settings.maximumPieces, targets.length === 1 ? (piecesPerTarget[0]?.length ?? 0) : 0), this.documentOrder);
    if (pieces.length === 0) return refuse("not-covered");
    // Asked about somewhere else: say so, whatever else the pieces happen to support.
    const evidence = normalizeText(pieces.map((piece) => `${piece.chunk.text} ${formatSectionPath(piece.chunk.sectionPath)}`).join(" "));
    if (foreignPlaces(analysis, subjectPlaces, this.options.placesIn?.(evidence) ?? analysis.places.filter((place) => evidence.includes(place))).length > 0) return refuse("other-place");
    const support = Number(piecesSupport(analysis, pieces, statistics).toFixed(4));
    const decision = decideAnswer(this.features(analysis, targets, piecesPerTarget, pieces, support, subjectPlaces), this.settings);
    if (decision.kind === "not-in-report") return refuse(decision.reason ?? "not-covered", support);
    const answerPieces: AnswerPiece[] = pieces.map(({ sentence: _sentence, ...piece }) => piece);
    const missing = decision.kind === "related" ? missingTerms(analysis, pieces, subjectPlaces, statistics) : [];
    const lead = answerLead({ kind: decision.kind, language, missing });
    return { answer: `${lead}${composeAnswer(answerPieces)}`, abstained: false, answerKind: decision.kind, language, ...(lead ? { lead } : {}), pieces: answerPieces, support };
  }

  /** The named features the answer decision is made on (answer-decision.ts), for one question and its chosen pieces. */
  private features(analysis: QuestionReading, targets: readonly QuestionAnalysis[], piecesPerTarget: readonly ChosenPiece[][], pieces: readonly ChosenPiece[], support: number, subjectPlaces: readonly string[]): AnswerFeatures {
    const { statistics } = this.options;
    const { minimumSupport, relatedMinimumSupport } = this.settings;
    const eachTarget = (check: (target: QuestionAnalysis, targetPieces: readonly ChosenPiece[]) => boolean): boolean =>
      targets.every((target, index) => check(target, piecesPerTarget[index] ?? []));
    // The title's 第十五次 is no figure of 中小学: front matter counts only for a question about the report itself.
    const namesSubject = (target: QuestionAnalysis): boolean => target.places.some((place) => subjectPlaces.includes(place));
    const figureSource = (target: QuestionAnalysis) => (piece: ChosenPiece): boolean => inBody(piece) || piecesSupport(target, [piece], statistics) >= minimumSupport;
    return {
      support,
      bestSingleSupport: Math.max(...pieces.map((piece) => piecesSupport(analysis, [piece], statistics))),
      foreignShare: foreignVocabularyShare(analysis, statistics),
      absentShare: absentVocabularyShare(analysis, statistics, this.settings.absentActionWeight),
      asksQuantityAnswered: eachTarget((target, found) => answersTheAskedQuantity(target, found.filter(figureSource(target)), statistics, minimumSupport)),
      asksQuantityRelated: eachTarget((target, found) => answersTheAskedQuantity(target, found.filter(figureSource(target)), statistics, relatedMinimumSupport)),
      listCountAnswered: eachTarget(listsTheAskedCount),
      // A year must stand with the topic: a 2016 figure of another topic is no answer for this one's 2016.
      yearsInEvidence: yearsWithTopic(analysis, pieces, statistics, minimumSupport),
      figureTermAbsent: asksForAbsentTotal(analysis, statistics),
      quantityKindStated: eachTarget((target, found) =>
        statesTheAskedKind(target, found, (piece) => aboutTopic(target, piece, statistics, minimumSupport), (quote) => namesSubject(target) && countsAPart(target, quote, statistics)),
      ),
      listGiven: eachTarget(givesAList),
      askedRoleFound: eachTarget(namesTheAskedRole),
      asksForRole: analysis.kind === "who" && analysis.askedAttribute !== undefined,
      multiPart: targets.length > 1,
      onlyFrontMatter: !pieces.some(inBody),
      isList: analysis.kind === "list",
      asksFigure: analysis.kind === "numeric" || analysis.kind === "when",
    };
  }

  /** Pieces for each question part: a single question may take several, each part of a multi-part one its best. */
  private async answerTargets(targets: readonly QuestionAnalysis[], input: AnswerInput, scope: AnswerScope, targetDocuments: readonly (readonly AnswerDocument[])[]): Promise<ChosenPiece[][]> {
    const { embedder, statistics } = this.options;
    const pool = await sentencePool(scope.passages.slice(0, this.settings.passagesConsidered), embedder, this.sentences);
    const questionVectors = await embedder.embedDocuments(targets.map((target) => target.searchText));
    if (targets.length === 1) {
      const target = targets[0]!;
      const { ranking } = this.settings;
      const ranked = withoutAlreadyAnswered(preferQuantities(target, rankSentences(target, questionVectors[0] ?? [], pool, statistics, ranking), statistics, ranking), input.reading.alreadyAnswered);
      const chosen = selectCandidates(target, ranked, statistics, this.settings.maximumPieces, ranking);
      const measured = withMeasures(target, chosen, ranked, this.settings.maximumPieces);
      return [toPieces(target, withRestOfHeading(target, measured, ranked, statistics, this.settings.headingPieces), statistics)];
    }
    // Parts may share a sentence ("累计引进产业类项目622个、协议引资超5000亿元"); merging removes repeats.
    return targets.map((target, index) => {
      const best = rankSentences(target, questionVectors[index] ?? [], poolOfDocuments(pool, targetDocuments[index] ?? scope.documents, scope.documents), statistics, this.settings.ranking)[0];
      return best ? toPieces(target, [best], statistics) : [];
    });
  }
}

/**
 * For "how many"/"when", the best sentence whose answering clause holds a figure or date
 * moves to the top, if it is nearly as good: the top sentence may match the words while
 * its figure sits in another clause.
 */
function preferQuantities(analysis: QuestionAnalysis, ranked: readonly Candidate[], statistics: TermStatistics, weights: RankingWeights): Candidate[] {
  if (analysis.kind !== "numeric" && analysis.kind !== "when") return [...ranked];
  const pattern = analysis.kind === "when" ? DATE : QUANTITY;
  const top = ranked[0];
  const withFigure = ranked.slice(0, 5).find((candidate) => pattern.test(normalizeText(toPieces(analysis, [candidate], statistics)[0]?.quote ?? "")));
  if (!top || !withFigure || withFigure === top || withFigure.score < weights.figurePromotionShare * top.score) return [...ranked];
  return [withFigure, ...ranked.filter((candidate) => candidate !== withFigure)];
}

/**
 * Each year the question names must stand in a quote's sentence about the question's topic:
 * one that answers on its own, or holds the question's rarest word. A 2016 figure of
 * another topic is no answer for this one's 2016.
 */
/**
 * Whether a quote is about the question's topic: it answers on its own, or holds the
 * question's rarest word. A figure or a year in a quote about something else answers nothing.
 */
function aboutTopic(analysis: QuestionAnalysis, piece: ChosenPiece, statistics: TermStatistics, minimumSupport: number): boolean {
  const topic = analysis.contentTerms.filter((term) => !/\d/u.test(term)).sort((left, right) => statistics.weight(right) - statistics.weight(left))[0];
  return piecesSupport(analysis, [piece], statistics) >= minimumSupport || (topic !== undefined && termMatch(topic, piece.sentence) >= 0.5);
}

/** Each year the question names stands in a quote about its topic: a 2016 figure of another topic is no answer for this one's 2016. */
function yearsWithTopic(analysis: QuestionAnalysis, pieces: readonly ChosenPiece[], statistics: TermStatistics, minimumSupport: number): boolean {
  return analysis.years.every((year) => pieces.some((piece) => piece.sentence.includes(year) && aboutTopic(analysis, piece, statistics, minimumSupport)));
}

/** A piece from the report's body, not its front matter (title, byline). */
const inBody = (piece: ChosenPiece): boolean => piece.chunk.sectionPath[0] !== FRONT_MATTER_SECTION;

/** "还有别的吗": sentences the previous answer already quoted go to the back. */
function withoutAlreadyAnswered(ranked: readonly Candidate[], alreadyAnswered: string | undefined): Candidate[] {
  if (!alreadyAnswered) return [...ranked];
  const repeated = (candidate: Candidate): boolean => alreadyAnswered.includes(candidate.normalized.slice(0, 12));
  return [...ranked.filter((candidate) => !repeated(candidate)), ...ranked.filter(repeated)];
}

/**
 * "怎么…", "为什么…": the sentence that matches the question's words best often only
 * restates the goal ("推动乡村振兴"); the measures or reasons follow it. When the best
 * sentence is mostly the question's own words, the sentence after it in the same passage joins.
 */
function withMeasures(analysis: QuestionAnalysis, chosen: readonly Candidate[], ranked: readonly Candidate[], maximum: number): Candidate[] {
  if ((analysis.kind !== "how" && analysis.kind !== "why") || chosen.length === 0 || chosen.length >= maximum) return [...chosen];
  const best = chosen[0]!;
  const restates = [...best.normalized].length <= RESTATEMENT_CHARACTERS || best.support >= 0.9;
  if (!restates) return [...chosen];
  const next = ranked
    .filter((candidate) => candidate.chunk === best.chunk && candidate.span.start >= best.span.end && !chosen.includes(candidate))
    .sort((left, right) => left.span.start - right.span.start)[0];
  return next ? [...chosen, next] : [...chosen];
}

/**
 * "靠哪些制度来护好绿水青山?": when the best sentence stands under a heading that names the
 * question ("●护好“绿水青山”。"), the sentences under that heading are the measures or members
 * asked for, one a sentence. A how, why or list answer takes the rest of them, in report
 * order, up to `maximum` pieces in all.
 */
function withRestOfHeading(analysis: QuestionAnalysis, chosen: readonly Candidate[], ranked: readonly Candidate[], statistics: TermStatistics, maximum: number): Candidate[] {
  if ((analysis.kind !== "how" && analysis.kind !== "why" && analysis.kind !== "list") || chosen.length === 0 || chosen.length >= maximum) return [...chosen];
  const best = chosen[0]!;
  const heading = best.chunk.sectionPath[best.chunk.sectionPath.length - 1];
  if (!heading || coverage(analysis.contentTerms, normalizeText(heading), "", statistics, analysis.termGroups) < HEADING_NAMES_QUESTION) return [...chosen];
  const rest = ranked
    .filter((candidate) => candidate.chunk === best.chunk && !chosen.includes(candidate))
    .sort((left, right) => left.order - right.order)
    .slice(0, maximum - chosen.length);
  return [...chosen, ...rest];
}

/** Share of the question's words a heading must hold for the sentences under it to answer it. */
const HEADING_NAMES_QUESTION = 0.5;

/** A best sentence this short under a how/why question names the goal, not how it is reached. */
const RESTATEMENT_CHARACTERS = 30;

/** Distinct pieces in report order (documents in corpus order), at most `maximum` (the highest-scoring kept). */
function mergePieces(pieces: readonly ChosenPiece[], maximum: number, documentOrder: (source: string) => number): ChosenPiece[] {
  const distinct = new Map<string, ChosenPiece>();
  for (const piece of pieces) {
    const key = `${piece.chunk.source}:${piece.quoteStart}:${piece.quoteEnd}`;
    if (!distinct.has(key)) distinct.set(key, piece);
  }
  const kept = [...distinct.values()].sort((left, right) => right.score - left.score).slice(0, maximum);
  // Overlapping quotes (two parts answered by the same clause) would repeat text: keep the longer.
  const withoutOverlap = kept.filter(
    (piece) => !kept.some((other) => other !== piece && other.chunk.source === piece.chunk.source && other.quoteStart <= piece.quoteStart && other.quoteEnd >= piece.quoteEnd && other.quoteEnd - other.quoteStart > piece.quoteEnd - piece.quoteStart),
  );
  return withoutOverlap.sort((left, right) => documentOrder(left.chunk.source) - documentOrder(right.chunk.source) || left.quoteStart - right.quoteStart);
}

/** The question's words no quote holds, for "报告没有直接提到…": figures left out, so every number in an answer stays inside a quote. */
function missingTerms(analysis: QuestionAnalysis, pieces: readonly ChosenPiece[], subjectPlaces: readonly string[], statistics: TermStatistics): string[] {
  const quoted = normalizeText(pieces.map((piece) => piece.quote).join(" "));
  // Named are things the quotes lack: not the report's own place, not the asker's verbs ("针对", "通到").
  const named = (term: string): boolean => !/\d/u.test(term) && [...term].length >= 2 && !analysis.actionTerms.includes(term) && !subjectPlaces.some((place) => place.includes(term) || term.includes(place));
  // "报告没有直接提到“X”" is a claim about the whole report: only words it nowhere contains are named.
  return analysis.contentTerms.filter((term) => named(term) && termMatch(term, quoted) < 0.5 && !statistics.contains(term)).slice(0, 3);
}
/** "piece one[1]；piece two[2]。" — each marker closes the clause it supports. */
export function composeAnswer(pieces: readonly AnswerPiece[]): string {
  return `${pieces.map((piece, index) => `${piece.quote.replace(/\s*\n+\s*/gu, " ")}[${index + 1}]`).join("；")}。`;
}
