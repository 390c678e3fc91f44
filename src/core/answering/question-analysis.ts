import type { ConversationTurn } from "../schemas/ask-request.js";
import { normalizeText } from "../text/normalize.js";
import { findPlaces } from "./place-names.js";
import { expandQuery } from "./query-expansion.js";
import {
  A_NOT_A,
  CHINESE_COUNTS,
  FOLLOW_UP_OPENERS,
  FUNCTION_CHARACTER_RUN,
  FUNCTION_CHARACTERS,
  FUTURE_MARKERS,
  GENERIC_QUESTION_TERMS,
  PAST_MARKERS,
  QUESTION_WORDS,
  WHICH_COUNT,
} from "./question-vocabulary.js";

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
  for (const word of QUESTION_WORDS) if (reduced.includes(word)) reduced = reduced.split(word).join(" ");
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

/**
 * Whether a question leans on an earlier turn: it opens with 那/还有/它… or asks "X呢"
 * ("农村居民呢", "节点镇呢，有哪几个"). A short question with a topic of its own
 * ("江津的房价是多少?") stands alone, whatever came before.
 */
function isFollowUp(normalized: string): boolean {
  return FOLLOW_UP_OPENERS.test(normalized) || /呢(?:[\s,，?？。!！]|$)/u.test(normalized);
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

// ask() reads the question for retrieval and the answerer reads it again right after: the
// last reading is kept so the second is free.
let lastReading: { readonly key: string; readonly analysis: QuestionAnalysis } | undefined;

export function analyzeQuestion(question: string, history: readonly ConversationTurn[] = []): QuestionAnalysis {
  const key = JSON.stringify([question, history]);
  if (lastReading?.key === key) return lastReading.analysis;
  const analysis = readQuestion(question, history);
  lastReading = { key, analysis };
  return analysis;
}

function readQuestion(question: string, history: readonly ConversationTurn[]): QuestionAnalysis {
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
