import type { AbstentionReason, AnswerKind } from "../schemas/ask-response.js";

/**
 * The named features the answer decision is made on, worked out by the answerer for one
 * question and its chosen quotes. Each is something a reader could check by hand.
 */
export interface AnswerFeatures {
  /** Share of the question's weighted content words the quotes (and their section paths) hold. */
  readonly support: number;
  /** The same for the best single quote: one quote must answer a single question. */
  readonly bestSingleSupport: number;
  /** Weighted share of the question's words that share not even two adjacent characters with the report. */
  readonly foreignShare: number;
  /** Weighted share of the question's words the report does not contain as words (after rewriting and typo correction). */
  readonly absentShare: number;
  /** A figure (how many) or date (when) stands in a quote that answers the question on its own (support ≥ minimumSupport). */
  readonly asksQuantityAnswered: boolean;
  /** The same at the related level: a quote with a figure or date holds at least relatedMinimumSupport of the question. */
  readonly asksQuantityRelated: boolean;
  /** "哪五个" is answered by a list of five. */
  readonly listCountAnswered: boolean;
  /** Every year the question names stands in a quote's sentence together with the question's rarest word. */
  readonly yearsInEvidence: boolean;
  /** The kind of figure asked (a total, a share, an area …) is stated in a quote; true when none was asked. */
  readonly quantityKindStated: boolean;
  /** Every quote comes from the front matter (title, byline, "扫码…" lines): they name the report, they tell nothing about its topics. */
  readonly onlyFrontMatter: boolean;
  /** A question for the members of a set is answered by a quote naming at least two. */
  readonly listGiven: boolean;
  /** A how-many question's rarest word (总面积, 总人口) is nowhere in the report: the figure it asks for is not given. */
  readonly figureTermAbsent: boolean;
  /** A who-question's role word (书记, 作者 …) stands in a quote; true for other questions. */
  readonly askedRoleFound: boolean;
  /** The question asks who holds a role (作者是谁): the quote naming the role names the person. */
  readonly asksForRole: boolean;
  /** The question has several parts, each answered by its best quote. */
  readonly multiPart: boolean;
  readonly isList: boolean;
  /** A numeric or when-question: figures and dates must be right or absent, never adjacent. */
  readonly asksFigure: boolean;
}

export interface AnswerDecisionSettings {
  readonly minimumSupport: number;
  readonly maximumForeignVocabulary: number;
  readonly relatedMinimumSupport: number;
  readonly maximumAbsentVocabulary: number;
}

export interface AnswerDecision {
  readonly kind: AnswerKind;
  readonly reason?: AbstentionReason;
}

/**
 * One rule over the named features (thresholds in AnswerDecisionSettings, fitted on
 * eval/dev). Refusal needs positive evidence: most of what is asked is absent from the
 * report, the asked kind of figure or the asked person is not there, or a figure for a
 * year is asked and the quotes are about another. Otherwise the answer is direct when
 * every check passes, and the best quotes are given as related content when support is
 * only partial — the words did not match, but retrieval found the passage.
 */
export function decideAnswer(features: AnswerFeatures, settings: AnswerDecisionSettings): AnswerDecision {
  if (features.absentShare >= settings.maximumAbsentVocabulary) return { kind: "not-in-report", reason: "not-covered" };
  if (!features.askedRoleFound) return { kind: "not-in-report", reason: "person-not-named" };
  if (features.asksFigure && (!features.quantityKindStated || features.figureTermAbsent)) return { kind: "not-in-report", reason: "figure-not-given" };
  // "哪五个" answered by a quote that only names the group ("深入实施“五大环保行动”"): the report does not list them.
  if (!features.listCountAnswered || !features.listGiven) return { kind: "not-in-report", reason: "not-covered" };
  if (features.asksFigure && !features.yearsInEvidence) return { kind: "not-in-report", reason: "other-year" };
  const direct =
    features.support >= settings.minimumSupport &&
    (features.multiPart || features.isList || features.bestSingleSupport >= settings.minimumSupport) &&
    features.asksQuantityAnswered &&
    features.listCountAnswered &&
    features.yearsInEvidence &&
    features.foreignShare < settings.maximumForeignVocabulary;
  if (direct) return { kind: "direct" };
  // "作者是谁" answered by "作者:周杭": the role word is the question's point, whatever else it says.
  if (features.asksForRole && features.askedRoleFound && features.support >= settings.relatedMinimumSupport) return { kind: "direct" };
  // A figure next to the topic is not the figure asked for: a numeric question is answered directly or not at all.
  if (features.asksFigure && !features.asksQuantityRelated) return { kind: "not-in-report", reason: "figure-not-given" };
  // The title shares words with every question about the congress; as "the most relevant content" it says nothing.
  if (features.support >= settings.relatedMinimumSupport && !features.onlyFrontMatter) return { kind: "related" };
  return { kind: "not-in-report", reason: "not-covered" };
}
