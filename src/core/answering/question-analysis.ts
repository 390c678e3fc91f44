import type { ConversationTurn } from "../schemas/ask-request.js";
import { normalizeText } from "../text/normalize.js";
import { findPlaces } from "./place-names.js";
import { expandQuery } from "./query-expansion.js";

export type QuestionKind = "numeric" | "list" | "whether" | "definition" | "factoid";

export interface QuestionAnalysis {
  readonly question: string;
  /** Normalised, expanded with report vocabulary, follow-up context merged in. */
  readonly searchText: string;
  readonly kind: QuestionKind;
  /** Words that carry the question's meaning (question words and particles removed). */
  readonly contentTerms: readonly string[];
  readonly years: readonly string[];
  readonly places: readonly string[];
  /** Han characters in the question: a question without them cannot be read by this product's matching. */
  readonly hanCharacterCount: number;
}

// Longest first: removing 多少 must not leave 少 behind from 有多少.
const QUESTION_WORDS = [
  "是多少", "有多少", "为多少", "多少", "哪几个", "哪几项", "哪几", "哪一些", "哪些", "哪个", "哪里", "哪儿", "哪家", "哪条",
  "什么样", "是什么", "有什么", "什么", "怎么样", "怎么", "怎样", "如何", "为何", "为什么", "是否", "有没有", "是不是",
  "能不能", "请问", "请告诉我", "告诉我", "一下", "介绍", "具体", "主要", "分别", "情况", "方面", "内容", "报告中", "报告里",
  "报告", "提到", "提出", "提及", "说了", "关于", "大概", "大约", "左右", "目标是", "计划", "打算", "准备", "几个", "几项",
  "几条", "几次", "几", "谁", "吗", "呢", "吧", "啊", "呀", "么", "的", "了", "是", "都", "要", "会", "将", "还",
] as const;

// Single characters that carry grammar, not topic, when the segmenter leaves them alone.
const FUNCTION_CHARACTERS = new Set([..."到有指在和与及对从把被给让向为以于所其这那哪个些次年上中下后前"]);

const FOLLOW_UP_OPENERS = /^(那|那么|那个|还有|另外|它|它们|其|这个|这些|该|此|同时|然后)/u;

function detectKind(normalized: string): QuestionKind {
  if (/哪些|哪几|有什么|包括|包含|都有|列举|几大|几项|分别/u.test(normalized)) return "list";
  if (/多少|几个|几次|几家|几名|比例|百分之|占比|增长.*[几多]|多长|多大|多高|多远|几公里|[%％]/u.test(normalized)) return "numeric";
  if (/什么是|是什么意思|指什么|指的是|含义|定义|何谓|是指/u.test(normalized)) return "definition";
  if (/是否|有没有|是不是|能不能|吗$|吗\?$/u.test(normalized)) return "whether";
  return "factoid";
}

function stripQuestionWords(normalized: string): string {
  let reduced = normalized;
  for (const word of QUESTION_WORDS) reduced = reduced.split(word).join(" ");
  return reduced;
}

const wordSegmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * The question's content words, segmented as words rather than bigrams so that a word
 * the report never uses shows as missing, while bigrams that straddle two words (区地
 * in 江津区地区) do not count as missing vocabulary. Runs of single characters are
 * joined back: the segmenter's dictionary splits words it does not know (房价 → 房/价,
 * 五地 → 五/地), and those are exactly the words that matter.
 */
export function contentTermsOf(normalized: string): string[] {
  const terms: string[] = [];
  let singles = "";
  const flush = (): void => {
    if (singles) terms.push(singles);
    singles = "";
  };
  for (const segment of wordSegmenter.segment(stripQuestionWords(normalized))) {
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
  return [...new Set(terms)].filter((term) => !FUNCTION_CHARACTERS.has(term));
}

const yearPattern = /(?<!\d)(19\d{2}|20\d{2}|21\d{2})(?!\d)/gu;

/** Whether a question leans on an earlier turn ("那到2026年呢?", "农村居民呢"). */
function isFollowUp(normalized: string): boolean {
  const content = stripQuestionWords(normalized).replace(/[\s\p{P}]/gu, "");
  return FOLLOW_UP_OPENERS.test(normalized) || /呢[?？]?$/u.test(normalized) || content.length <= 4;
}

/**
 * Reads a question: its kind, content words, years and places, with the previous user
 * turn merged in when the question is elliptical. Years and places come from the
 * latest question when it names any, so "那到2026年呢?" asks about 2026, not 2021.
 */
export function analyzeQuestion(question: string, history: readonly ConversationTurn[] = []): QuestionAnalysis {
  const normalized = normalizeText(question).trim();
  const previous = [...history].reverse().find((turn) => turn.role === "user");
  let merged = normalized;
  if (previous && isFollowUp(normalized)) {
    let context = normalizeText(previous.content);
    if (normalized.match(yearPattern)) context = context.replace(yearPattern, " ");
    if (findPlaces(normalized).length > 0) for (const place of findPlaces(context)) context = context.split(place).join(" ");
    merged = `${context} ${normalized}`;
  }
  const searchText = expandQuery(merged);
  return {
    question,
    searchText,
    kind: detectKind(normalized),
    contentTerms: contentTermsOf(searchText),
    years: [...new Set(merged.match(yearPattern) ?? [])],
    places: findPlaces(merged),
    hanCharacterCount: (normalized.match(/\p{Script=Han}/gu) ?? []).length,
  };
}
