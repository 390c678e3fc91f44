import type { QuantityKind } from "../understanding/quantity-kind.js";
import type { QuestionKind } from "../understanding/question-kind.js";
import { A_NOT_A, FUNCTION_CHARACTER_RUN, FUNCTION_CHARACTERS, GENERIC_QUESTION_TERMS, QUESTION_MARKER, QUESTION_WORDS, WHICH_COUNT } from "./question-vocabulary.js";

export type { QuestionKind };

/** One question (or one part of a multi-part question) as the understanding stage read it (src/core/understanding/question-reader.ts). */
export interface QuestionAnalysis {
  readonly question: string;
  /** Normalised, expanded with report vocabulary, follow-up context merged in. */
  readonly searchText: string;
  readonly kind: QuestionKind;
  /** Words that carry the question's meaning (question words and particles removed). */
  readonly contentTerms: readonly string[];
  /**
   * Content words taken from elsewhere, not from this question's own words: an elliptical
   * follow-up's from the conversation ("节点镇呢" after a question about 副中心城市), a later
   * part's from the first part ("…,下一步要建成哪些设施?" after 综保区). They say what is talked
   * about; the question's own words say what is asked, and rank sentences more
   * (`RankingWeights.inheritedTermShare`).
   */
  readonly inheritedTerms?: readonly string[];
  /** Groups of content words that are alternatives for one word of the question (the lexicon's 老百姓 → 群众 / 居民 / 人民): each counts once. */
  readonly termGroups: readonly (readonly string[])[];
  /** Content words the segmenter tags as no thing (verbs, adverbs, pronouns: 挣到, 落脚, 那种); empty without tagging. */
  readonly actionTerms: readonly string[];
  readonly years: readonly string[];
  readonly places: readonly string[];
  /** Quoted terms ("“一城”是指什么"): what the question is about, in the report's own words. */
  readonly focusTerms: readonly string[];
  /** The attribute a who-question asks for ("作者是谁" → 作者): a sentence without it does not answer. */
  readonly askedAttribute: string | undefined;
  /** For a how-many question, the kind of figure it asks for (a total, a share, an area …) when it says. */
  readonly quantityKind: QuantityKind | undefined;
  /** Whether the question asks about what was done ("已经拿到了什么") or what is planned ("下一步要争创什么"). */
  readonly tense: "past" | "future" | undefined;
  /** "怎么样", "好不好": asks where something stands rather than for a named fact. */
  readonly asksForStatus: boolean;
  /** How many items a list question asks for ("哪五个" → 5); undefined when it does not say. */
  readonly listCount: number | undefined;
  /** Asks for the members of a set (哪些, 哪几, 分别是哪, which): a count or the group's name is no answer. */
  readonly asksForMembers: boolean;
  /** Han characters in the question: a question without them cannot be read by this product's matching. */
  readonly hanCharacterCount: number;
  /** Latin letters: a question mostly in another script is one the embedder cannot read. */
  readonly latinLetterCount: number;
  /** The sub-questions of a question that asks several things; empty for a single question. */
  readonly parts: readonly QuestionAnalysis[];
}

/**
 * "是多少亿元", "有多少人", "几公里": the unit after a how-many word is the kind of answer asked for,
 * not its topic; a quote about another topic with a figure in 亿元 holds it just as well. Only a
 * unit that ends the phrase: 多少人口 asks about 人口.
 */
const ASKED_UNIT = /(?:多少|几)(?:亿元|万元|亿|万|元|平方公里|公里|千米|米|亩|公顷|人次|人|个|家|名|项|条|座|所|位|户|次|辆|倍)(?=[的了呢啊吗呀嘛哦?？,，。!！\s]|$)/gu;

function stripQuestionWords(normalized: string): string {
  let reduced = normalized.replace(ASKED_UNIT, " ").replace(A_NOT_A, " ").replace(WHICH_COUNT, " ");
  for (const word of QUESTION_WORDS) if (reduced.includes(word)) reduced = reduced.split(word).join(" ");
  return reduced;
}

const intlSegmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Words of a text as a segmenter cuts them (the engine's, else the runtime's Intl.Segmenter). */
function segmentsOf(text: string, segmenter: { cut(text: string): string[] } | undefined): { segment: string; isWordLike: boolean }[] {
  if (!segmenter) return [...intlSegmenter.segment(text)].map(({ segment, isWordLike }) => ({ segment, isWordLike: isWordLike ?? false }));
  // Spaces stand between words a rewrite put in ("多少 占 是用在"): each side is cut on its own,
  // so single characters either side are never joined across them.
  return text.split(/\s+/u).flatMap((piece) => [
    ...segmenter.cut(piece).map((segment) => ({ segment, isWordLike: /[\p{L}\p{N}]/u.test(segment) })),
    { segment: " ", isWordLike: false },
  ]);
}

/**
 * The question's content words, segmented as words rather than bigrams so that a word
 * the report never uses shows as missing, while bigrams that straddle two words (区地
 * in 江津区地区) do not count as missing vocabulary. Runs of single characters are
 * joined back: the segmenter's dictionary splits words it does not know (房价 → 房/价,
 * 五地 → 五/地), and those are exactly the words that matter.
 */
export function contentTermsOf(normalized: string, segmenter?: { cut(text: string): string[] }): string[] {
  const terms: string[] = [];
  let singles = "";
  const flush = (): void => {
    // Particles the segmenter left among an unknown word's characters ("德感要",
    // "禁渔要禁") separate words: the run is cut there.
    for (const piece of singles.split(FUNCTION_CHARACTER_RUN)) if (piece) terms.push(piece);
    singles = "";
  };
  for (const segment of segmentsOf(stripQuestionWords(normalized), segmenter)) {
    if (!segment.isWordLike) {
      flush();
      continue;
    }
    const isSingleHan = segment.segment.length === 1 && /\p{Script=Han}/u.test(segment.segment);
    if (isSingleHan) singles += segment.segment;
    else {
      flush();
      terms.push(segment.segment);
    }
  }
  flush();
  return [...new Set(terms)].filter((term) => ![...term].every((character) => FUNCTION_CHARACTERS.has(character)) && !GENERIC_QUESTION_TERMS.has(term));
}


/**
 * "这几年", "再过几年", "近几个月": 几 in a span of time is no question word. A clause whose
 * only question word is one of these asks nothing; it is context for the clause that does.
 */
const SPAN_OF_TIME = /(?:这|近|前|头|再过|过去|过了?|最近)几(?:年|天|个月|月)/gu;

/** Whether a clause asks something: a question word outside the time spans that only look like one. */
export function asksSomething(clause: string): boolean {
  return QUESTION_MARKER.test(clause.replace(SPAN_OF_TIME, " "));
}

/**
 * A question that asks two things ("森林覆盖率现在有多少?今后要创建什么称号") is split
 * into parts, each answered on its own; clauses without a question word ("历史文化名城这块")
 * are context shared by every part. A clause that asks but names nothing of its own
 * ("穷人都脱贫了吗,多少人", "节点镇呢,有哪几个": `hasTopic` false) asks about the clause
 * before it, and the two are one part.
 */
export function splitParts(normalized: string, hasTopic: (clause: string) => boolean = () => true): string[] {
  const clauses = normalized.split(/[,，?？;；。!！]/u).map((clause) => clause.trim()).filter(Boolean);
  const context: string[] = [];
  const asking: string[] = [];
  for (const clause of clauses) {
    if (!asksSomething(clause)) context.push(clause);
    else if (asking.length > 0 && !hasTopic(clause)) asking[asking.length - 1] = `${asking[asking.length - 1]} ${clause}`;
    else asking.push(clause);
  }
  if (asking.length < 2) return [];
  return asking.map((clause) => `${context.join(" ")} ${clause}`.trim());
}

/**
 * Terms of quoted context other than the asked-about one are dropped: in
 * "“一主两副六节点多特色”中的“一主”指什么" the long quote only says where 一主 is.
 */
export function withoutQuotedContext(terms: readonly string[], normalized: string, focus: readonly string[]): string[] {
  const quoted = [...normalized.matchAll(/[“"「『]([^”"」』]{1,20})[”"」』]/gu)].map((match) => match[1]!);
  const context = quoted.filter((text) => !focus.includes(text));
  if (context.length === 0) return [...terms];
  const kept = terms.filter((term) => focus.some((text) => text.includes(term)) || !context.some((text) => text.includes(term)));
  return kept.length > 0 ? kept : [...terms];
}

