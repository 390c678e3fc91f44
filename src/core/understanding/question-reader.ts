import type { QuestionAnalysis } from "../answering/question-analysis.js";
import { contentTermsOf, splitParts, withoutQuotedContext } from "../answering/question-analysis.js";
import { CHINESE_COUNTS, FUTURE_MARKERS, PAST_MARKERS, QUESTION_MARKER } from "../answering/question-vocabulary.js";
import type { TermStatistics } from "../answering/term-statistics.js";
import type { ConversationTurn } from "../schemas/ask-request.js";
import { normalizeText } from "../text/normalize.js";
import { normalizeChineseNumerals } from "../verification/numbers.js";
import { asksForMore, isElliptical, previousAnswer } from "./follow-up.js";
import { askedQuantityKind } from "./quantity-kind.js";
import { questionKind } from "./question-kind.js";
import { correctTerms, type ReportVocabulary, type TypoCorrection } from "./typo-correction.js";

/** What the understanding stage needs to know about the language of questions and of the report. */
export interface QuestionVocabulary {
  /** Everyday, dialect and report-specific words replaced by the report's terms (the lexicon's rewrites). */
  rewrite(normalized: string): string;
  /** Dialect and colloquial question words → standard Mandarin, fillers dropped (啷个 → 怎么, 噻 → ""): the question frame, not its topic. */
  standardize(normalized: string): string;
  /** An English (or mixed) question's words as the report's Chinese terms; undefined when nothing was recognised. */
  translateEnglish(normalized: string): { readonly chinese: readonly string[]; readonly unknown: readonly string[] } | undefined;
  /** Places a text names (whole names, not a place inside a longer report term such as a river or railway). */
  placesIn(normalized: string): string[];
  /** Groups of report terms that one word of the question was rewritten to (alternatives: 老百姓 → 群众 / 居民 / 人民). */
  alternativesIn?(normalized: string): string[][];
  /** The places those are part of (重庆 for 江津), for questions about another level of government. */
  parentsOf?(places: readonly string[]): string[];
}

export interface WordCutter {
  cut(text: string): string[];
  nounsOf?(text: string): ReadonlySet<string>;
}

export interface QuestionReaderParts {
  readonly statistics: TermStatistics;
  readonly vocabulary: QuestionVocabulary;
  /** The report's own words, for one-edit typo correction; no correction without it. */
  readonly reportWords?: ReportVocabulary;
  readonly segmenter?: WordCutter;
}

/** A question as the answerer reads it: its analysis plus what understanding found on the way. */
export interface QuestionReading extends QuestionAnalysis {
  readonly language: "zh" | "en" | "mixed";
  readonly corrections: readonly TypoCorrection[];
  /** The conversation was needed to read this turn (an elliptical follow-up). */
  readonly followUp: boolean;
  /** Normalised previous answer when the turn asks for more than it gave ("还有别的吗"): its quotes are not repeated. */
  readonly alreadyAnswered: string | undefined;
  /** English words of the question that map to nothing in the report. */
  readonly untranslated: readonly string[];
}

/** What a later turn needs of the turn before it. */
interface TurnContext {
  readonly merged: string;
  readonly kind: QuestionAnalysis["kind"];
  readonly groups: readonly (readonly string[])[];
}

const yearPattern = /(?<!\d)(19\d{2}|20\d{2}|21\d{2})(?!\d)/gu;

/**
 * The understanding stage: one reading per question, before retrieval and answering.
 * Normalises (NFKC, case, traditional → simplified), reads Chinese numerals as digits
 * (二〇二六年 → 2026年), rewrites everyday, dialect and English wording into the report's
 * terms, corrects one-character typos of report words, resolves an elliptical follow-up
 * against the conversation, and finds the question's kind, content words, years and places.
 */
export class QuestionReader {
  constructor(private readonly parts: QuestionReaderParts) {}

  read(question: string, history: readonly ConversationTurn[] = []): QuestionReading {
    const turns = history.filter((turn) => turn.role === "user").map((turn) => turn.content);
    // Earlier turns are resolved in order, so the third turn of a conversation builds on the second as the second did on the first.
    let context: TurnContext | undefined;
    for (const turn of turns) {
      const reading = this.readTurn(turn, context);
      context = { merged: reading.merged, kind: reading.analysis.kind, groups: reading.analysis.termGroups };
    }
    const { analysis, followUp } = this.readTurn(question, context);
    const normalized = normalizeText(question);
    const previous = previousAnswer(history);
    return { ...analysis, alreadyAnswered: followUp && previous && asksForMore(normalized) ? normalizeText(previous) : undefined };
  }

  private readTurn(question: string, context: TurnContext | undefined): { analysis: QuestionReading; merged: string; followUp: boolean } {
    const own = this.prepare(question);
    const ownTerms = this.terms(own.text);
    // "要达到什么效果?", "为什么这么重视它?" name no thing of their own: they ask about the conversation's.
    const followUp = context !== undefined && (isElliptical(own.text, ownTerms.terms.length, QUESTION_MARKER.test(own.text)) || !this.namesSomething(own.plain));
    let merged = own.text;
    if (followUp && context) {
      let previous = context.merged;
      if (own.text.match(yearPattern)) previous = previous.replace(yearPattern, " ");
      const places = this.parts.vocabulary.placesIn(own.text);
      if (places.length > 0) for (const place of this.parts.vocabulary.placesIn(previous)) previous = previous.split(place).join(" ");
      merged = `${previous} ${own.text}`;
    }
    // Kinds are read from the question's own words: a rewrite (比例 → 占) must not hide what it asks for.
    const ownKind = questionKind(own.plain);
    // "白沙呢?", "具体是什么?" ask what the previous turn asked, about something else or in more detail.
    const kind = !followUp || !context ? ownKind : followUpKind(own.plain, ownKind, context.kind);
    const groups = followUp && context ? [...context.groups, ...own.groups] : own.groups;
    const read = this.analyze(question, own.plain, merged, kind, groups);
    const inheritedTerms = followUp ? read.contentTerms.filter((term) => !ownTerms.terms.includes(term)) : [];
    const analysis = { ...read, inheritedTerms };
    const hasTopic = (clause: string): boolean => this.namesSomething(clause);
    const plainParts = splitParts(own.plain, hasTopic);
    // A later part is about what the first one named ("综保区现在是什么状态,下一步要建成哪些设施?": the 设施 of the 综保区):
    // the first part's words join it as inherited words, ranking less than its own.
    const parts: QuestionAnalysis[] = [];
    for (const [index, part] of splitParts(own.text, hasTopic).entries()) {
      const plainPart = plainParts[index] ?? part;
      const first = parts[0];
      const partTerms = first ? this.terms(part).terms : [];
      // Only a part that names nothing the first named borrows: "今后要创建什么森林方面的称号" after 森林覆盖率 has its own topic.
      const sharesTopic = first !== undefined && partTerms.some((term) => first.contentTerms.includes(term));
      // Years and figures stay with their part: "2021年…是多少?2026年的目标是多少?" asks 2026 of the second.
      const borrowed = first && !sharesTopic ? first.contentTerms.filter((term) => !partTerms.includes(term) && !/\d/u.test(term)) : [];
      const read = this.analyze(question, plainPart, borrowed.length > 0 ? `${part} ${borrowed.join(" ")}` : part, questionKind(plainPart), own.groups);
      parts.push({ ...read, inheritedTerms: read.contentTerms.filter((term) => borrowed.includes(term)), parts: [] });
    }
    return {
      analysis: { ...analysis, parts, language: own.language, corrections: analysis.corrections, followUp, alreadyAnswered: undefined, untranslated: own.untranslated },
      merged,
      followUp,
    };
  }

  /** Normalised text in the report's vocabulary, and the question's language. */
  private prepare(question: string): { text: string; plain: string; groups: string[][]; language: QuestionReading["language"]; untranslated: readonly string[] } {
    // Rewrites see the question as typed (全球五百强 → 世界500强), then numerals become digits (二〇二六年 → 2026年).
    // Dialect question words become standard ones first (啷个 → 怎么, 好多 → 多少): the kind is read from them.
    const typed = this.parts.vocabulary.standardize(normalizeText(question).trim());
    const normalized = normalizeChineseNumerals(typed);
    const han = (normalized.match(/\p{Script=Han}/gu) ?? []).length;
    const latinWords = (normalized.replace(/<[^>]*>?/gu, " ").match(/[a-z]{2,}/gu) ?? []).filter((word) => !/^(gdp|5g|[a-z])$/u.test(word)).length;
    const language: QuestionReading["language"] = latinWords === 0 ? "zh" : han === 0 || latinWords * 2 > han ? "en" : "mixed";
    const groupsIn = (text: string): string[][] => this.parts.vocabulary.alternativesIn?.(text) ?? [];
    if (language === "zh") return { text: normalizeChineseNumerals(this.parts.vocabulary.rewrite(typed)), plain: normalized, groups: groupsIn(typed), language, untranslated: [] };
    const translated = this.parts.vocabulary.translateEnglish(normalized);
    const chinese = translated?.chinese ?? [];
    const hanPart = normalized.replace(/[a-z][a-z'-]*/gu, " ");
    const text = normalizeChineseNumerals(this.parts.vocabulary.rewrite(`${hanPart} ${chinese.join(" ")}`.replace(/\s+/gu, " ").trim()));
    return { text, plain: normalized, groups: groupsIn(hanPart), language, untranslated: translated?.unknown ?? [] };
  }

  /**
   * Whether a clause names a thing of its own: a word of two or more characters the tagger
   * takes for a noun, or a time of its own ("今后要建成什么" after what was achieved asks about
   * the plan). "多少人", "有哪几个" name neither: they ask about what the clause before them named.
   */
  private namesSomething(clause: string): boolean {
    const { segmenter } = this.parts;
    if (tenseOf(clause) !== undefined) return true;
    const nouns = segmenter?.nounsOf?.(clause);
    return contentTermsOf(clause, segmenter).some((term) => [...term].length >= 2 && (!nouns || nouns.has(term) || segmenter!.cut(term).length > 1));
  }

  private terms(text: string): { terms: string[]; corrections: TypoCorrection[] } {
    const raw = contentTermsOf(text, this.parts.segmenter);
    const { reportWords, statistics } = this.parts;
    if (!reportWords) return { terms: raw, corrections: [] };
    return correctTerms(raw, reportWords, (term) => statistics.contains(term), text);
  }

  private analyze(question: string, normalized: string, merged: string, kind: QuestionAnalysis["kind"], groups: readonly (readonly string[])[]): Omit<QuestionReading, "parts"> {
    const { terms: corrected, corrections } = this.terms(merged);
    // Corrected words go into the search text too, so retrieval looks for 覆盖率, not 复盖率.
    let searchText = merged;
    for (const { typed, corrected: word } of corrections) searchText = searchText.split(typed).join(word);
    const focusTerms = [...normalized.matchAll(/[“"「『]([^”"」』]{1,20})[”"」』]/gu)].map((match) => match[1]!).slice(-1);
    const nouns = this.parts.segmenter?.nounsOf?.(searchText);
    return {
      question,
      searchText,
      kind,
      // A word the tagger did not see whole (a run of single characters joined back) is taken for a thing: unknown words mostly are.
      termGroups: groups,
      actionTerms: nouns ? corrected.filter((term) => !nouns.has(term) && this.parts.segmenter!.cut(term).length === 1 && !/\d/u.test(term)) : [],
      contentTerms: kind === "definition" ? withoutQuotedContext(corrected, normalized, focusTerms) : corrected,
      askedAttribute: /(\p{Script=Han}{2})是谁/u.exec(normalized.replace(/的/gu, ""))?.[1],
      quantityKind: kind === "numeric" ? askedQuantityKind(normalized) : undefined,
      tense: tenseOf(normalized),
      listCount: listCountOf(normalized),
      asksForMembers: kind === "list" && /哪些|哪几|哪[两二三四五六七八九十\d]|分别是哪|都有哪|\bwhich\b|\bwhat are the\b/u.test(normalized),
      asksForStatus: /怎么样|怎样|情况|(\p{Script=Han})不\1/u.test(normalized),
      years: [...new Set(merged.match(yearPattern) ?? [])],
      places: this.parts.vocabulary.placesIn(merged),
      focusTerms,
      hanCharacterCount: (normalized.match(/\p{Script=Han}/gu) ?? []).length,
      latinLetterCount: (normalized.replace(/<[^>]*>?/gu, " ").match(/[a-z]/gu) ?? []).length,
      language: "zh",
      corrections,
      followUp: false,
      alreadyAnswered: undefined,
      untranslated: [],
    };
  }
}

const ENGLISH_PAST = /\b(?:did|was|were|has been|have been|achieved|past|so far)\b/u;
const ENGLISH_FUTURE = /\b(?:will|plan|plans|planned|target|targets|future|goal|goals|by 20\d\d)\b/u;

/**
 * The kind of an elliptical turn: its own when it asks something of its own (为什么, 多少 …),
 * else the previous turn's. "另外几个是什么?" after a which-question still asks which
 * (几 names the list's other members), while "有几个?" asks how many.
 */
function followUpKind(plain: string, own: QuestionAnalysis["kind"], previous: QuestionAnalysis["kind"]): QuestionAnalysis["kind"] {
  // "那其他几个方向呢?" asks for the rest of a set, whatever the turn before asked.
  if (/(?:另外|其他|其它|其余|剩下|还有)(?:的)?几/u.test(plain)) return "list";
  if (previous === "list" && /几[个项条类].*(?:是什么|是哪|呢)/u.test(plain)) return "list";
  return /为什么|为何|为啥|怎么|如何|多少|几|哪|何时|什么时候|谁/u.test(plain) ? own : previous;
}

const EXISTENCE = /有没有|有无|是否有|是不是有/u;

function tenseOf(normalized: string): QuestionAnalysis["tense"] {
  // "江津有没有综合保税区?" asks whether it exists: what was built or set up, not what is planned.
  const past = PAST_MARKERS.test(normalized) || ENGLISH_PAST.test(normalized) || EXISTENCE.test(normalized);
  const future = FUTURE_MARKERS.test(normalized) || ENGLISH_FUTURE.test(normalized);
  return past === future ? undefined : past ? "past" : "future";
}

function listCountOf(normalized: string): number | undefined {
  const count = /哪([两二三四五六七八九十]|\d)[个项类条种大部方面家座所位]/u.exec(normalized)?.[1];
  if (count) return CHINESE_COUNTS[count] ?? Number(count);
  // "在津的23家世界500强企业分别是哪些?": the set's size, given before asking for its members, is how many the answer must name.
  const given = /(?<![\d.])(\d{1,3})(?:个|家|项|类|条|种|所|座|位|名)[^,，?？。]*?(?:分别是|都是|是)?(?:哪些|哪几)/u.exec(normalized)?.[1];
  return given && Number(given) >= 2 ? Number(given) : undefined;
}
