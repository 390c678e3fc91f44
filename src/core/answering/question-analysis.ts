import type { ConversationTurn } from "../schemas/ask-request.js";
import { normalizeText } from "../text/normalize.js";
import { findPlaces } from "./place-names.js";
import { expandQuery } from "./query-expansion.js";

export type QuestionKind = "numeric" | "when" | "list" | "whether" | "definition" | "factoid";

export interface QuestionAnalysis {
  readonly question: string;
  /** Normalised, expanded with report vocabulary, follow-up context merged in. */
  readonly searchText: string;
  readonly kind: QuestionKind;
  /** Words that carry the question's meaning (question words and particles removed). */
  readonly contentTerms: readonly string[];
  readonly years: readonly string[];
  readonly places: readonly string[];
  /** Quoted terms ("“一城”是指什么"): what the question is about, in the report's own words. */
  readonly focusTerms: readonly string[];
  /** The attribute a who-question asks for ("作者是谁" → 作者): a sentence without it does not answer. */
  readonly askedAttribute: string | undefined;
  /** Whether the question asks about what was done ("已经拿到了什么") or what is planned ("下一步要争创什么"). */
  readonly tense: "past" | "future" | undefined;
  /** "怎么样", "好不好": asks where something stands rather than for a named fact. */
  readonly asksForStatus: boolean;
  /** How many items a list question asks for ("哪五个" → 5); undefined when it does not say. */
  readonly listCount: number | undefined;
  /** Han characters in the question: a question without them cannot be read by this product's matching. */
  readonly hanCharacterCount: number;
  /** Latin letters: a question mostly in another script is one the embedder cannot read. */
  readonly latinLetterCount: number;
  /** The sub-questions of a question that asks several things; empty for a single question. */
  readonly parts: readonly QuestionAnalysis[];
}

// Longest first: removing 多少 must not leave 少 behind from 有多少.
const QUESTION_WORDS = [
  "是多少", "有多少", "为多少", "多少", "多长", "多远", "多久", "多宽", "多快", "多重", "哪几个", "哪几项", "哪几", "哪一些", "哪些", "哪个", "哪里", "哪儿", "哪家", "哪条",
  "什么样", "是什么", "有什么", "什么", "怎么样", "怎么", "怎样", "如何", "为何", "为什么", "是否", "有没有", "是不是",
  "能不能", "请问", "请告诉我", "告诉我", "一下", "介绍", "具体", "主要", "分别", "情况", "方面", "内容", "报告中", "报告里",
  "报告", "提到", "提出", "提及", "说了", "关于", "大概", "大约", "左右", "目标是", "计划", "打算", "准备", "几个", "几项",
  "几条", "几次", "叫做", "名字", "名称", "称为", "这篇", "这份", "文章", "本文", "以后", "今后", "将来", "现在", "目前",
  "这几年", "近几年", "这些年", "接下来", "下一步", "这块", "这一块", "能否", "可以", "能够", "有何", "什么样的",
  "哪一年", "哪年", "什么时候", "何时", "哪天", "几", "谁", "吗", "呢", "吧", "啊", "呀", "么", "叫", "的", "了", "是",
] as const;
/**
 * Everyday words of questions about any topic ("已经拿到了什么", "一共多少", "有多大"):
 * not the report's vocabulary, and no evidence either way about whether it answers.
 */
const GENERIC_QUESTION_TERMS = new Set([
  "已经", "拿到", "得到", "取得", "一共", "总共", "多大", "多高", "多少", "一年", "每年", "平均", "状态", "进展", "地方",
  "想去", "还想", "又要", "还能", "能坐", "包括", "意思", "构成", "组成", "程度", "照顾", "主推", "怎样", "样子", "这样",
  "那样", "这里", "那里", "里面", "其中", "之中", "以及", "还有", "哪儿", "部分", "打算", "政策", "方向", "措施", "举措",
  "做法", "工作", "问题", "东西", "事情", "水平", "成效", "效果", "结果", "变化", "未来", "过去", "今年", "去年", "明年",
  "几年", "五年", "最近", "近年", "当前", "眼下", "下面", "上面", "具体", "详细", "简单", "大概", "大致", "什么", "指的",
  "所谓", "放在", "称号", "名头", "牌子", "说法", "提法", "称作", "叫作", "句话", "几句", "一句", "如今", "同时", "另外", "分别",
]);
// "好不好", "快不快": a yes/no frame around a word, not content.
const A_NOT_A = /(\p{Script=Han})不\1/gu;
// "哪五个", "哪两个", "哪三类": which-N-of questions.
const WHICH_COUNT = /哪[\d一二三四五六七八九十两几]*[个项条类种大部位家座点方]?/gu;

// Single characters that carry grammar, not topic, when the segmenter leaves them alone.
const FUNCTION_CHARACTERS = new Set([..."第到有指在和与及对从把被给让向为以于所其这那哪个些次年上中下后前都要会将还能去里又也就再想"]);

const FUNCTION_CHARACTER_RUN = new RegExp(`[${[...FUNCTION_CHARACTERS].join("")}]+`, "u");

const FOLLOW_UP_OPENERS = /^(那|那么|那个|还有|另外|它|它们|其|这个|这些|该|此|同时|然后)/u;

function detectKind(normalized: string): QuestionKind {
  if (/哪一?年|什么时候|何时|哪天|几月|什么日子|哪个月/u.test(normalized)) return "when";
  if (/哪些|哪几|哪[两二三四五六七八九十]|有什么|包括|包含|都有|列举|几大|几项|分别是/u.test(normalized)) return "list";
  if (/多少|几个|几次|几家|几名|第几|比例|百分之|占比|增长.*[几多]|多长|多久|多大|多高|多远|几公里|[%％]/u.test(normalized)) return "numeric";
  if (/什么是|是什么意思|指什么|指的是|含义|定义|何谓|是指/u.test(normalized)) return "definition";
  if (/是否|有没有|是不是|能不能|吗$|吗\?$/u.test(normalized)) return "whether";
  return "factoid";
}

function stripQuestionWords(normalized: string): string {
  let reduced = normalized.replace(A_NOT_A, " ").replace(WHICH_COUNT, " ");
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
    // Particles the segmenter left among an unknown word's characters ("德感要",
    // "禁渔要禁") separate words: the run is cut there.
    for (const piece of singles.split(FUNCTION_CHARACTER_RUN)) if (piece) terms.push(piece);
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
  return [...new Set(terms)].filter((term) => ![...term].every((character) => FUNCTION_CHARACTERS.has(character)) && !GENERIC_QUESTION_TERMS.has(term));
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
const QUESTION_MARKER = /什么|多少|哪|几|怎|如何|吗|呢|是否|有没有/u;

/**
 * A question that asks two things ("森林覆盖率现在有多少?今后要创建什么称号") is split
 * into parts, each answered on its own; clauses without a question word ("历史文化名城这块")
 * are context shared by every part.
 */
function splitParts(normalized: string): string[] {
  const clauses = normalized.split(/[,，?？;；。!！]/u).map((clause) => clause.trim()).filter(Boolean);
  const asking = clauses.filter((clause) => QUESTION_MARKER.test(clause));
  if (asking.length < 2) return [];
  const context = clauses.filter((clause) => !QUESTION_MARKER.test(clause)).join(" ");
  return asking.map((clause) => `${context} ${clause}`.trim());
}

const PAST_MARKERS = /已经|过去|取得|拿到|获得|获评|这几年|近几年|这些年|以来|成效|成绩|现在|目前/u;
const FUTURE_MARKERS = /下一步|今后|未来|将来|以后|接下来|计划|打算|要争|还想|又要|将要|准备|目标/u;
const CHINESE_COUNTS: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function tenseOf(normalized: string): QuestionAnalysis["tense"] {
  const past = PAST_MARKERS.test(normalized);
  const future = FUTURE_MARKERS.test(normalized);
  return past === future ? undefined : past ? "past" : "future";
}

function listCountOf(normalized: string): number | undefined {
  const count = /哪([两二三四五六七八九十])[个项类条种大部方面家座所位]/u.exec(normalized)?.[1];
  return count ? CHINESE_COUNTS[count] : undefined;
}

/**
 * Terms of quoted context other than the asked-about one are dropped: in
 * "“一主两副六节点多特色”中的“一主”指什么" the long quote only says where 一主 is.
 */
function withoutQuotedContext(terms: readonly string[], normalized: string, focus: readonly string[]): string[] {
  const quoted = [...normalized.matchAll(/[“"「『]([^”"」』]{1,20})[”"」』]/gu)].map((match) => match[1]!);
  const context = quoted.filter((text) => !focus.includes(text));
  if (context.length === 0) return [...terms];
  const kept = terms.filter((term) => focus.some((text) => text.includes(term)) || !context.some((text) => text.includes(term)));
  return kept.length > 0 ? kept : [...terms];
}

function analyzeText(question: string, normalized: string, merged: string): Omit<QuestionAnalysis, "parts"> {
  const searchText = expandQuery(merged);
  const kind = detectKind(normalized);
  // The last quoted term is the one asked about: "“一主两副…”中的“一主”指什么" asks about 一主.
  const focusTerms = [...normalized.matchAll(/[“"「『]([^”"」』]{1,20})[”"」』]/gu)].map((match) => match[1]!).slice(-1);
  const terms = contentTermsOf(searchText);
  return {
    question,
    searchText,
    kind,
    contentTerms: kind === "definition" ? withoutQuotedContext(terms, normalized, focusTerms) : terms,
    askedAttribute: /(\p{Script=Han}{2})是谁/u.exec(normalized.replace(/的/gu, ""))?.[1],
    tense: tenseOf(normalized),
    listCount: listCountOf(normalized),
    asksForStatus: /怎么样|怎样|如何|情况|(\p{Script=Han})不\1/u.test(normalized),
    years: [...new Set(merged.match(yearPattern) ?? [])],
    places: findPlaces(merged),
    focusTerms,
    hanCharacterCount: (normalized.match(/\p{Script=Han}/gu) ?? []).length,
    // Markup pasted along with a question ("…是多少?<img …>") is not its language.
    latinLetterCount: (normalized.replace(/<[^>]*>?/gu, " ").match(/[a-z]/gu) ?? []).length,
  };
}

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
  const parts = splitParts(normalized).map((part) => ({ ...analyzeText(question, part, part), parts: [] }));
  return { ...analyzeText(question, normalized, merged), parts };
}
