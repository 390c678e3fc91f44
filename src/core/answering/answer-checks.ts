import { formatSectionPath } from "../chunking/chunk.js";
import { normalizeText } from "../text/normalize.js";
import type { ChosenPiece } from "./candidate.js";
import type { QuestionAnalysis } from "./question-analysis.js";
import { DATE, QUANTITY } from "./sentence-ranking.js";
import { coverage } from "./support.js";
import type { TermStatistics } from "./term-statistics.js";

/** How much of the question the pieces support together (a two-part question needs both parts). */
export function piecesSupport(analysis: QuestionAnalysis, pieces: readonly ChosenPiece[], statistics: TermStatistics): number {
  const quoted = normalizeText(pieces.map((piece) => piece.quote).join(" "));
  const paths = normalizeText(pieces.map((piece) => formatSectionPath(piece.chunk.sectionPath)).join(" "));
  return coverage(analysis.contentTerms, quoted, paths, statistics);
}

/**
 * "How many …" and "when …" need a figure or a date in a piece that answers the question
 * on its own, and every year asked about in the sentence of such a piece: a passage
 * naming the topic next to some other figure ("2016年社会消费品零售总额" answered from a
 * 2016 industrial figure) is no answer.
 */
export function answersTheAskedQuantity(
  analysis: QuestionAnalysis,
  pieces: readonly ChosenPiece[],
  statistics: TermStatistics,
  minimumSupport: number,
): boolean {
  if (analysis.kind !== "numeric" && analysis.kind !== "when") return true;
  const pattern = analysis.kind === "when" ? DATE : QUANTITY;
  const answering = pieces.filter((piece) => {
    const quote = normalizeText(piece.quote);
    return pattern.test(quote) && coverage(analysis.contentTerms, quote, normalizeText(formatSectionPath(piece.chunk.sectionPath)), statistics) >= minimumSupport;
  });
  return answering.length > 0 && analysis.years.every((year) => answering.some((piece) => piece.sentence.includes(year)));
}

/**
 * Weighted share of the question's words that share not even two adjacent characters
 * with the report (房价, 天气, 场馆). Everyday synonyms were mapped and grammar words
 * dropped before this, so what is left names something the report does not discuss.
 */
export function foreignVocabularyShare(analysis: QuestionAnalysis, statistics: TermStatistics): number {
  let total = 0;
  let foreign = 0;
  for (const term of analysis.contentTerms) {
    const weight = statistics.weight(term);
    total += weight;
    if ([...term].length >= 2 && !statistics.sharesBigram(term)) foreign += weight;
  }
  return total > 0 ? foreign / total : 0;
}

/**
 * "哪五个" needs five items: a piece that only names the group ("深入实施“五大环保行动”")
 * does not list them.
 */
export function listsTheAskedCount(analysis: QuestionAnalysis, pieces: readonly ChosenPiece[]): boolean {
  if (analysis.listCount === undefined) return true;
  const asked = analysis.listCount;
  // Items of one list are joined by 、 within a clause; commas separate clauses, not items.
  const longestList = (quote: string): number => Math.max(...quote.split(/[，,;；:：]/u).map((clause) => clause.split("、").length));
  return pieces.some((piece) => longestList(piece.quote) >= asked);
}

/** Places the question names that are neither the corpus's subject nor in the evidence. */
export function foreignPlaces(analysis: QuestionAnalysis, subjectPlaces: readonly string[], evidence: string): string[] {
  return analysis.places.filter((place) => !subjectPlaces.includes(place) && !evidence.includes(place));
}
