import { Runnable } from "@langchain/core/runnables";
import { formatSectionPath } from "../chunking/chunk.js";
import type { Embedder } from "../ports/embedder.js";
import type { AbstentionReason } from "../schemas/ask-response.js";
import { normalizeText } from "../text/normalize.js";
import { abstentionMessage } from "./abstention-messages.js";
import { answersTheAskedQuantity, foreignPlaces, foreignVocabularyShare, listsTheAskedCount, piecesSupport } from "./answer-checks.js";
import type { AnswerDraft, AnswerInput, AnswerPiece } from "./answer-draft.js";
import type { Candidate, ChosenPiece } from "./candidate.js";
import { selectCandidates, toPieces } from "./piece-selection.js";
import { analyzeQuestion, type QuestionAnalysis } from "./question-analysis.js";
import { DATE, QUANTITY, rankSentences, SentenceCache, sentencePool } from "./sentence-ranking.js";
import type { TermStatistics } from "./term-statistics.js";

export interface ExtractiveAnswererSettings {
  /** Below this support the answerer abstains; calibrated on the gold set (docs/DECISIONS.md). */
  readonly minimumSupport: number;
  /** At or above this weighted share of words foreign to the report, the answerer abstains (docs/DECISIONS.md). */
  readonly maximumForeignVocabulary: number;
  /** Passages whose sentences compete for the answer. */
  readonly passagesConsidered: number;
  readonly maximumPieces: number;
}

export const DEFAULT_ANSWERER_SETTINGS: ExtractiveAnswererSettings = {
  minimumSupport: 0.45,
  maximumForeignVocabulary: 0.35,
  passagesConsidered: 6,
  maximumPieces: 3,
};

export interface ExtractiveAnswererOptions {
  readonly embedder: Embedder;
  readonly statistics: TermStatistics;
  /** Places the corpus is about (from document titles): naming them is not asking about elsewhere. */
  readonly subjectPlaces: readonly string[];
  readonly settings?: Partial<ExtractiveAnswererSettings>;
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

  constructor(options: ExtractiveAnswererOptions) {
    super();
    this.options = options;
    this.settings = { ...DEFAULT_ANSWERER_SETTINGS, ...options.settings };
  }

  override async invoke(input: AnswerInput): Promise<AnswerDraft> {
    const { statistics, subjectPlaces } = this.options;
    const analysis = analyzeQuestion(input.question, input.history);
    const abstain = (reason: AbstentionReason, support?: number): AnswerDraft => ({
      answer: abstentionMessage(reason, { years: analysis.years, places: foreignPlaces(analysis, subjectPlaces, "") }),
      abstained: true,
      abstentionReason: reason,
      pieces: [],
      ...(support === undefined ? {} : { support }),
    });
    if (analysis.hanCharacterCount < 2 || analysis.latinLetterCount > analysis.hanCharacterCount) return abstain("unreadable-language");
    if (analysis.years.some((year) => !statistics.contains(year))) return abstain("other-year");

    const targets = analysis.parts.length >= 2 ? analysis.parts : [analysis];
    const piecesPerTarget = await this.answerTargets(targets, input);
    const pieces = mergePieces(piecesPerTarget.flat(), this.settings.maximumPieces);
    if (pieces.length === 0) return abstain("not-covered");
    // Asked about somewhere else: say so, whatever else the pieces happen to support.
    const evidence = normalizeText(pieces.map((piece) => `${piece.chunk.text} ${formatSectionPath(piece.chunk.sectionPath)}`).join(" "));
    if (foreignPlaces(analysis, subjectPlaces, evidence).length > 0) return abstain("other-place");
    const support = Number(piecesSupport(analysis, pieces, statistics).toFixed(4));
    if (support < this.settings.minimumSupport) return abstain("not-covered", support);
    const quantitiesAnswered = targets.every((target, index) =>
      answersTheAskedQuantity(target, piecesPerTarget[index] ?? [], statistics, this.settings.minimumSupport),
    );
    if (!quantitiesAnswered || !targets.every((target, index) => listsTheAskedCount(target, piecesPerTarget[index] ?? []))) {
      return abstain("not-covered", support);
    }
    // A single question must be answered by one piece; pieces that each hold some of its
    // words (区委 here, 书记 there) do not add up to an answer.
    const bestSingle = Math.max(...pieces.map((piece) => piecesSupport(analysis, [piece], statistics)));
    if (targets.length === 1 && analysis.kind !== "list" && bestSingle < this.settings.minimumSupport) return abstain("not-covered", support);
    if (foreignVocabularyShare(analysis, statistics) >= this.settings.maximumForeignVocabulary) return abstain("not-covered", support);
    if (analysis.years.some((year) => !evidence.includes(year))) return abstain("other-year", support);
    const answerPieces: AnswerPiece[] = pieces.map(({ sentence: _sentence, ...piece }) => piece);
    return { answer: composeAnswer(answerPieces), abstained: false, pieces: answerPieces, support };
  }

  /** Pieces for each question part: a single question may take several, each part of a multi-part one its best. */
  private async answerTargets(targets: readonly QuestionAnalysis[], input: AnswerInput): Promise<ChosenPiece[][]> {
    const { embedder, statistics } = this.options;
    const pool = await sentencePool(input.passages.slice(0, this.settings.passagesConsidered), embedder, this.sentences);
    const questionVectors = await embedder.embedDocuments(targets.map((target) => target.searchText));
    if (targets.length === 1) {
      const target = targets[0]!;
      const ranked = preferQuantities(target, rankSentences(target, questionVectors[0] ?? [], pool, statistics), statistics);
      return [toPieces(target, selectCandidates(target, ranked, statistics, this.settings.maximumPieces), statistics)];
    }
    // Parts may share a sentence ("累计引进产业类项目622个、协议引资超5000亿元"); merging removes repeats.
    return targets.map((target, index) => {
      const best = rankSentences(target, questionVectors[index] ?? [], pool, statistics)[0];
      return best ? toPieces(target, [best], statistics) : [];
    });
  }
}

/**
 * For "how many"/"when", the best sentence whose answering clause holds a figure or date
 * moves to the top, if it is nearly as good: the top sentence may match the words while
 * its figure sits in another clause.
 */
function preferQuantities(analysis: QuestionAnalysis, ranked: readonly Candidate[], statistics: TermStatistics): Candidate[] {
  if (analysis.kind !== "numeric" && analysis.kind !== "when") return [...ranked];
  const pattern = analysis.kind === "when" ? DATE : QUANTITY;
  const top = ranked[0];
  const withFigure = ranked.slice(0, 5).find((candidate) => pattern.test(normalizeText(toPieces(analysis, [candidate], statistics)[0]?.quote ?? "")));
  if (!top || !withFigure || withFigure === top || withFigure.score < 0.8 * top.score) return [...ranked];
  return [withFigure, ...ranked.filter((candidate) => candidate !== withFigure)];
}

/** Distinct pieces in report order, at most `maximum` (the highest-scoring kept). */
function mergePieces(pieces: readonly ChosenPiece[], maximum: number): ChosenPiece[] {
  const distinct = new Map<string, ChosenPiece>();
  for (const piece of pieces) {
    const key = `${piece.quoteStart}:${piece.quoteEnd}`;
    if (!distinct.has(key)) distinct.set(key, piece);
  }
  const kept = [...distinct.values()].sort((left, right) => right.score - left.score).slice(0, maximum);
  // Overlapping quotes (two parts answered by the same clause) would repeat text: keep the longer.
  const withoutOverlap = kept.filter(
    (piece) => !kept.some((other) => other !== piece && other.quoteStart <= piece.quoteStart && other.quoteEnd >= piece.quoteEnd && other.quoteEnd - other.quoteStart > piece.quoteEnd - piece.quoteStart),
  );
  return withoutOverlap.sort((left, right) => left.quoteStart - right.quoteStart);
}

/** "piece one[1]；piece two[2]。" — each marker closes the clause it supports. */
export function composeAnswer(pieces: readonly AnswerPiece[]): string {
  return `${pieces.map((piece, index) => `${piece.quote.replace(/\s*\n+\s*/gu, " ")}[${index + 1}]`).join("；")}。`;
}
