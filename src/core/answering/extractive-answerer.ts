import { Runnable } from "@langchain/core/runnables";
import { formatSectionPath, type Chunk } from "../chunking/chunk.js";
import type { Embedder } from "../ports/embedder.js";
import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";
import { normalizeText } from "../text/normalize.js";
import { splitSentences, type TextSpan } from "../text/sentences.js";
import { abstentionMessage } from "./abstention-messages.js";
import type { AnswerDraft, AnswerInput, AnswerPiece } from "./answer-draft.js";
import { analyzeQuestion, type QuestionAnalysis } from "./question-analysis.js";
import { narrowToClauses } from "./span-selection.js";
import { coverage, coveredTerms } from "./support.js";
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

interface Candidate {
  readonly chunk: Chunk;
  readonly span: TextSpan; // offsets into chunk.text
  readonly normalized: string;
  readonly support: number;
  readonly score: number;
  readonly order: number; // position in the report
}

/** A piece as chosen, with its whole sentence (normalised) for checks on context such as the year. */
interface ChosenPiece extends AnswerPiece {
  readonly sentence: string;
}

const ENDING_PUNCTUATION = /[\s，,、：:。；;！!？?]+$/u;
const LEADING_MARKS = /^[\s●•◆■▪○◇]+/u;

/** Drops bullet marks and trailing punctuation from a span, keeping offsets exact. */
function trimSpan(text: string, span: TextSpan): TextSpan {
  const leading = span.text.length - span.text.replace(LEADING_MARKS, "").length;
  const trailing = span.text.length - span.text.replace(ENDING_PUNCTUATION, "").length;
  const start = span.start + leading;
  const end = Math.max(start, span.end - trailing);
  return { text: text.slice(start, end), start, end };
}

/**
 * Answers by quoting the report: ranks the sentences of the retrieved passages by how
 * much of the question's rare vocabulary they hold (plus vector similarity and the
 * passage's rank), narrows long sentences to the clauses that answer, and composes up
 * to three pieces in report order, each followed by its citation marker. Nothing is
 * paraphrased, so every number in an answer is in its quote. When support is weak, or
 * the question asks about a year or place the report does not cover, it abstains.
 */
export class ExtractiveAnswerer extends Runnable<AnswerInput, AnswerDraft> {
  lc_namespace = ["jiangjin_report_qa", "answerers"];
  override name = "extractive-v1";
  private readonly options: ExtractiveAnswererOptions;
  readonly settings: ExtractiveAnswererSettings;

  constructor(options: ExtractiveAnswererOptions) {
    super();
    this.options = options;
    this.settings = { ...DEFAULT_ANSWERER_SETTINGS, ...options.settings };
  }

  override async invoke(input: AnswerInput): Promise<AnswerDraft> {
    const analysis = analyzeQuestion(input.question, input.history);
    const abstain = (reason: AnswerDraft["abstentionReason"] & string): AnswerDraft => ({
      answer: abstentionMessage(reason, { years: analysis.years, places: this.foreignPlaces(analysis, "") }),
      abstained: true,
      abstentionReason: reason,
      pieces: [],
    });
    if (analysis.hanCharacterCount < 2 || analysis.latinLetterCount > analysis.hanCharacterCount) return abstain("unreadable-language");
    if (analysis.years.some((year) => !this.options.statistics.contains(year))) return abstain("other-year");

    const candidates = await this.rankSentences(analysis, input.passages);
    const best = candidates[0];
    if (!best) return abstain("not-covered");
    const pieces = this.choosePieces(analysis, candidates);
    // Support is judged on the pieces together: a two-part question needs both parts.
    const quoted = normalizeText(pieces.map((piece) => piece.quote).join(" "));
    const paths = normalizeText(pieces.map((piece) => formatSectionPath(piece.chunk.sectionPath)).join(" "));
    const support = Number(coverage(analysis.contentTerms, quoted, paths, this.options.statistics).toFixed(4));
    if (support < this.settings.minimumSupport) return { ...abstain("not-covered"), support };
    if (!this.answersTheAskedQuantity(analysis, pieces)) return { ...abstain("not-covered"), support };
    if (this.foreignVocabularyShare(analysis) >= this.settings.maximumForeignVocabulary) return { ...abstain("not-covered"), support };
    const evidence = normalizeText(pieces.map((piece) => `${piece.chunk.text} ${formatSectionPath(piece.chunk.sectionPath)}`).join(" "));
    if (analysis.years.some((year) => !evidence.includes(year))) return { ...abstain("other-year"), support };
    if (this.foreignPlaces(analysis, evidence).length > 0) return { ...abstain("other-place"), support };
    return { answer: composeAnswer(pieces), abstained: false, pieces: pieces.map(({ sentence: _sentence, ...piece }) => piece), support };
  }

  /**
   * "How many …" and "when …" need a number or date, in a piece that answers the
   * question on its own (and holds the year asked about): a passage naming the topic
   * next to some other figure is not an answer.
   */
  private answersTheAskedQuantity(analysis: QuestionAnalysis, pieces: readonly ChosenPiece[]): boolean {
    if (analysis.kind !== "numeric" && analysis.kind !== "when") return true;
    const pattern = analysis.kind === "when" ? /\d{4}年|\d{1,2}月|\d{1,2}日/u : /\d/u;
    return pieces.some((piece) => {
      const quote = normalizeText(piece.quote);
      const path = normalizeText(formatSectionPath(piece.chunk.sectionPath));
      return (
        pattern.test(quote) &&
        analysis.years.every((year) => piece.sentence.includes(year)) &&
        coverage(analysis.contentTerms, quote, path, this.options.statistics) >= this.settings.minimumSupport
      );
    });
  }

  /**
   * Weighted share of the question's words that share not even two characters with the
   * report (房价, 天气, 场馆). Everyday synonyms were already mapped, and grammar words
   * dropped, so what is left names something the report does not talk about.
   */
  private foreignVocabularyShare(analysis: QuestionAnalysis): number {
    let total = 0;
    let foreign = 0;
    for (const term of analysis.contentTerms) {
      const weight = this.options.statistics.weight(term);
      total += weight;
      if ([...term].length >= 2 && !this.options.statistics.sharesBigram(term)) foreign += weight;
    }
    return total > 0 ? foreign / total : 0;
  }

  /** Places the question names that are neither the corpus's subject nor in the evidence. */
  private foreignPlaces(analysis: QuestionAnalysis, evidence: string): string[] {
    return analysis.places.filter((place) => !this.options.subjectPlaces.includes(place) && !evidence.includes(place));
  }

  private async rankSentences(analysis: QuestionAnalysis, passages: readonly RetrievedPassage[]): Promise<Candidate[]> {
    const considered = passages.slice(0, this.settings.passagesConsidered);
    const bestPassageScore = Math.max(...considered.map((passage) => passage.score), Number.EPSILON);
    const sentences = considered.flatMap((passage, rank) =>
      splitSentences(passage.chunk.text).map((span) => ({ passage, rank, span: trimSpan(passage.chunk.text, span) })),
    );
    const usable = sentences.filter(({ span }) => span.end > span.start);
    const [questionVector, ...sentenceVectors] = await this.options.embedder.embedDocuments([
      analysis.searchText,
      ...usable.map(({ span }) => span.text),
    ]);
    const wantsNumber = analysis.kind === "numeric";
    const candidates = usable.map(({ passage, span }, index): Candidate => {
      const normalized = normalizeText(span.text);
      const path = normalizeText(formatSectionPath(passage.chunk.sectionPath));
      const support = coverage(analysis.contentTerms, normalized, path, this.options.statistics);
      const similarity = cosine(questionVector ?? [], sentenceVectors[index] ?? []);
      let score = 0.65 * support + 0.2 * similarity + 0.15 * (passage.score / bestPassageScore);
      if (wantsNumber) score += /\d/u.test(normalized) ? 0.08 : -0.1;
      if (analysis.kind === "when") score += /\d{4}年/u.test(normalized) ? 0.08 : -0.1;
      if (analysis.years.length > 0) score += analysis.years.every((year) => normalized.includes(year)) ? 0.1 : -0.05;
      // A definition question is answered where its quoted term is defined ("“一城”,即宜居城市").
      if (analysis.focusTerms.some((term) => new RegExp(`${escapeRegExp(term)}.{0,4}(即|是指|是|指)`, "u").test(normalized))) score += 0.1;
      // A heading names a topic; the sentences under it say something about it.
      if (isHeading(span.text, passage.chunk.sectionPath)) score -= 0.15;
      return { chunk: passage.chunk, span, normalized, support, score, order: passage.chunk.start + span.start };
    });
    return candidates.sort((left, right) => right.score - left.score || left.order - right.order);
  }

  /**
   * The best sentence, then up to two more that add question words it lacks (or, for a
   * list or a comparison, that support the question nearly as well), in report order.
   */
  private choosePieces(analysis: QuestionAnalysis, candidates: readonly Candidate[]): ChosenPiece[] {
    const [best, ...rest] = candidates;
    if (!best) return [];
    const chosen: Candidate[] = [best];
    const covered = coveredTerms(analysis.contentTerms, best.normalized);
    for (const candidate of rest) {
      if (chosen.length >= this.settings.maximumPieces) break;
      if (chosen.some((piece) => piece.order === candidate.order)) continue;
      const adds = [...coveredTerms(analysis.contentTerms, candidate.normalized)].filter((term) => !covered.has(term));
      const addedWeight = adds.reduce((sum, term) => sum + this.options.statistics.weight(term), 0);
      const strongEnough = candidate.score >= 0.6 * best.score;
      const listLike = analysis.kind === "list" && candidate.score >= 0.9 * best.score;
      if ((strongEnough && addedWeight > 0.5) || listLike) {
        chosen.push(candidate);
        for (const term of adds) covered.add(term);
      }
    }
    const narrow = analysis.kind !== "list" && analysis.kind !== "definition";
    return chosen
      .sort((left, right) => left.order - right.order)
      .map((candidate) => {
        const span = narrow
          ? trimSpan(candidate.chunk.text, narrowToClauses({
              source: candidate.chunk.text,
              sentence: candidate.span,
              terms: analysis.contentTerms,
              weight: (term) => this.options.statistics.weight(term),
              wantsNumber: analysis.kind === "numeric",
            }))
          : candidate.span;
        return {
          chunk: candidate.chunk,
          quoteStart: candidate.chunk.start + span.start,
          quoteEnd: candidate.chunk.start + span.end,
          quote: span.text,
          score: Number(candidate.score.toFixed(4)),
          sentence: candidate.normalized,
        };
      });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

function isHeading(text: string, sectionPath: readonly string[]): boolean {
  const label = text.replace(/[。.]$/u, "");
  return sectionPath.includes(label);
}

function cosine(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  for (let index = 0; index < Math.min(left.length, right.length); index++) dot += left[index]! * right[index]!;
  return dot;
}

/** "piece one[1]；piece two[2]。" — each marker closes the clause it supports. */
export function composeAnswer(pieces: readonly AnswerPiece[]): string {
  return `${pieces.map((piece, index) => `${piece.quote.replace(/\s*\n+\s*/gu, " ")}[${index + 1}]`).join("；")}。`;
}
