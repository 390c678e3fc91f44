import { formatSectionPath } from "../chunking/chunk.js";
import { normalizeText } from "../text/normalize.js";
import type { ChosenPiece } from "./candidate.js";
import type { QuestionAnalysis } from "./question-analysis.js";
import { DATE, QUANTITY } from "./sentence-ranking.js";
import { coverage } from "./support.js";
import { statesQuantityKind } from "../understanding/quantity-kind.js";
import type { TermStatistics } from "./term-statistics.js";

/** How much of the question the pieces support together (a two-part question needs both parts). */
export function piecesSupport(analysis: QuestionAnalysis, pieces: readonly ChosenPiece[], statistics: TermStatistics): number {
  const quoted = normalizeText(pieces.map((piece) => piece.quote).join(" "));
  const paths = normalizeText(pieces.map((piece) => formatSectionPath(piece.chunk.sectionPath)).join(" "));
  return coverage(analysis.contentTerms, quoted, paths, statistics, analysis.termGroups);
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
    return pattern.test(quote) && coverage(analysis.contentTerms, quote, normalizeText(formatSectionPath(piece.chunk.sectionPath)), statistics, analysis.termGroups) >= minimumSupport;
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

/**
 * Places the question names that are neither the corpus's subject nor mentioned in the
 * evidence. `evidencePlaces` are the evidence's whole place mentions: 綦江 inside 綦江河 (a
 * river the report names) is no mention of 綦江区.
 */
export function foreignPlaces(analysis: QuestionAnalysis, subjectPlaces: readonly string[], evidencePlaces: readonly string[]): string[] {
  return analysis.places.filter((place) => !subjectPlaces.includes(place) && !evidencePlaces.includes(place));
}

/**
 * Weighted share of the question's words the report does not contain as words: after
 * everyday and dialect words were rewritten and typos corrected, what is left names
 * something the report does not discuss (房价, 天气, 场馆). Unlike `foreignVocabularyShare`
 * a word counts as present only when the report holds all of it, not two of its characters.
 */
export function absentVocabularyShare(analysis: QuestionAnalysis, statistics: TermStatistics, actionWeight: number): number {
  let total = 0;
  let absent = 0;
  const actions = new Set(analysis.actionTerms);
  for (const term of analysis.contentTerms) {
    if (/\d/u.test(term)) continue; // years and figures are checked on their own
    // A missing verb or adverb ("挣到", "落脚") is the asker's wording; a missing thing is a topic the report lacks.
    const weight = statistics.weight(term) * (actions.has(term) ? actionWeight : 1);
    total += weight;
    if ([...term].length >= 2 && !statistics.contains(term) && !statistics.sharesBigram(term)) absent += weight;
    else if ([...term].length >= 3 && !statistics.contains(term)) absent += 0.5 * weight;
  }
  return total > 0 ? absent / total : 0;
}

/** Whether a quote about the question's topic states the kind of figure it asks for (true when it names none). */
export function statesTheAskedKind(
  analysis: QuestionAnalysis,
  pieces: readonly ChosenPiece[],
  aboutTopic: (piece: ChosenPiece) => boolean,
  part?: (normalizedQuote: string) => boolean,
): boolean {
  const kind = analysis.quantityKind;
  if (!kind) return true;
  return pieces.some((piece) => aboutTopic(piece) && statesQuantityKind(kind, normalizeText(piece.quote)) && !(kind === "count" && part?.(normalizeText(piece.quote))));
}

/**
 * "江津的人口有多少?" answered by "29654名贫困人口": the quote counts the asked thing only with a
 * qualifier in front that the question does not ask about (贫困人口 of 人口, 世界500强企业 of 企业):
 * a part of the total, not the total. The asked thing is the question's rarest noun the quote holds.
 * Only for a question that names the report's subject as the owner ("江津的人口"): it asks for the
 * subject's total; "贫困村有几个" is answered by the 15个市级贫困村 the report counts.
 */
export function countsAPart(analysis: QuestionAnalysis, normalizedQuote: string, statistics: TermStatistics): boolean {
  const asked = analysis.contentTerms
    .filter((term) => [...term].length >= 2 && !/\d/u.test(term) && !analysis.actionTerms.includes(term) && normalizedQuote.includes(term))
    .sort((left, right) => statistics.weight(right) - statistics.weight(left))[0];
  if (!asked) return false;
  const question = analysis.searchText;
  const occurrences = [...normalizedQuote.matchAll(new RegExp(`([\\p{Script=Han}\\d]{0,8})${asked.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}`, "gu"))];
  return (
    occurrences.length > 0 &&
    occurrences.every((occurrence) => {
      // What stands right before the word, after a figure and its measure word ("29654名"): its qualifier.
      const qualifier = (occurrence[1] ?? "").replace(/^.*\d+(?:\.\d+)?[万亿]?[个家人名所座项条次位户]?/u, "").replace(/^(?:的|和|及|与|在|达|全部|共)+/u, "");
      const characters = [...qualifier];
      if (characters.length < 2) return false;
      // A qualifier the question names (森林 of 森林覆盖率) narrows nothing.
      return !characters.some((character, index) => index + 1 < characters.length && question.includes(character + characters[index + 1]!));
    })
  );
}

/**
 * "在津的23家世界500强企业分别是哪些公司?": a question that asks for the members of a set
 * (哪些, 哪几, 分别是哪) is answered by a quote that names at least two; one that only
 * counts or names the group gives no list.
 */
export function givesAList(analysis: QuestionAnalysis, pieces: readonly ChosenPiece[]): boolean {
  if (!analysis.asksForMembers) return true;
  return pieces.some((piece) => listLength(piece.quote) >= 2) || pieces.length >= 2;
}

/** Items a quote names: the longest run joined by 、, +, 和, 及, 与 or — within one clause. */
export function listLength(quote: string): number {
  return Math.max(...quote.split(/[，,;；:：。]/u).map((clause) => clause.split(/[、—+＋]|和|及|与/u).length));
}

/** A who-question's role word (书记, 作者) must stand in a quote: the report names no one in a role it never mentions. */
export function namesTheAskedRole(analysis: QuestionAnalysis, pieces: readonly ChosenPiece[]): boolean {
  const role = analysis.askedAttribute;
  if (!role || analysis.kind !== "who") return true;
  return pieces.some((piece) => normalizeText(piece.quote).includes(role));
}

/**
 * "重庆的地区生产总值目标是多少": the question names the place the report's subject belongs
 * to, and not the subject itself. The report's figures are the district's, so it is asked
 * about another level of government. A question naming both ("江津在重庆的定位") is about the
 * district, one naming another district of the city ("重庆市渝北区") about another place.
 */
export function askedAboutHigherLevel(analysis: QuestionAnalysis, subjectPlaces: readonly string[], parentPlaces: readonly string[]): boolean {
  if (subjectPlaces.length === 0 || parentPlaces.length === 0) return false;
  const namesParent = analysis.places.some((place) => parentPlaces.includes(place));
  const namesSubject = analysis.places.some((place) => subjectPlaces.includes(place));
  // "重庆市渝北区…" names a place under the parent: that is another place, not the city as a whole.
  const namesOther = analysis.places.some((place) => !parentPlaces.includes(place) && !subjectPlaces.includes(place));
  return namesParent && !namesSubject && !namesOther;
}


/**
 * "江津区总面积有多少": a how-many question for a total (总面积, 总人口, 全区人口) the report
 * never states, though it states parts of it (城镇建成区面积). The total is the asked word
 * with 总/全 in front, and the report has the word only without it.
 */
export function asksForAbsentTotal(analysis: QuestionAnalysis, statistics: TermStatistics): boolean {
  if (analysis.kind !== "numeric") return false;
  return analysis.contentTerms.some((term) => {
    const part = TOTAL_PREFIX.exec(term);
    return part !== null && [...part[1]!].length >= 2 && !statistics.contains(term) && statistics.contains(part[1]!);
  });
}

/** What makes a word a total: 总面积, 全区人口, 全市…; the rest is the attribute. */
const TOTAL_PREFIX = /^(?:总|全区|全市|全县|全)(\p{Script=Han}+)$/u;
