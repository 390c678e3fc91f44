import { formatSectionPath } from "../chunking/chunk.js";
import type { Embedder } from "../ports/embedder.js";
import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";
import { normalizeText } from "../text/normalize.js";
import { splitSentences, type TextSpan } from "../text/sentences.js";
import type { Candidate } from "./candidate.js";
import type { QuestionAnalysis } from "./question-analysis.js";
import { coverage } from "./support.js";
import type { TermStatistics } from "./term-statistics.js";

const ENDING_PUNCTUATION = /[\s，,、：:。；;！!？?]+$/u;
const LEADING_MARKS = /^[\s●•◆■▪○◇—–-]+/u;
/** Figures written out in words count as figures: 十年, 第七次, 首个, 半小时; the idiom 百年名校 does not. */
export const QUANTITY = /\d|第[一二三四五六七八九十百]+|(?<![百千万])(?:[一二三四五六七八九十两半]|[一二三四五六七八九十两][百千万])+(?:个|次|年|项|大|条|家|名|座|所|类|种|小时|倍)|首个|首批/u;
export const DATE = /\d{4}年|\d{1,2}月|\d{1,2}日/u;

/** Drops bullet marks and trailing punctuation from a span, keeping offsets exact. */
export function trimSpan(text: string, span: TextSpan): TextSpan {
  const leading = span.text.length - span.text.replace(LEADING_MARKS, "").length;
  const trailing = span.text.length - span.text.replace(ENDING_PUNCTUATION, "").length;
  const start = span.start + leading;
  const end = Math.max(start, span.end - trailing);
  return { text: text.slice(start, end), start, end };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

// Planning reports tell achievements in the past tense of verbs like 获评/建成 and plans
// with 争创/加快/推动; sections titled 过去… or 未来…/重点工作 say so outright.
const PAST_SENTENCE = /获评|获批|获得|荣获|成功|建成|实现|达到|突破|取得|完成|已经|落户|挂牌|上线|通车/u;
const FUTURE_SENTENCE = /争创|争取|力争|加快|推动|推进|着力|打造|建设|创建|提升|完善|深化|实施|培育|将/u;

function sentenceTense(normalized: string, path: string): "past" | "future" | undefined {
  if (/过去|以来/u.test(path)) return "past";
  if (/未来|重点工作|今后|目标/u.test(path)) return "future";
  const past = PAST_SENTENCE.test(normalized);
  const future = FUTURE_SENTENCE.test(normalized);
  return past === future ? undefined : past ? "past" : "future";
}

function cosine(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  for (let index = 0; index < Math.min(left.length, right.length); index++) dot += left[index]! * right[index]!;
  return dot;
}

export interface SentencePool {
  readonly sentences: readonly { readonly passage: RetrievedPassage; readonly span: TextSpan; readonly normalized: string; readonly path: string }[];
  readonly vectors: readonly (readonly number[])[];
  readonly bestPassageScore: number;
}

/** The sentences of the top passages, embedded once and scored against each question part. */
export async function sentencePool(passages: readonly RetrievedPassage[], embedder: Embedder): Promise<SentencePool> {
  const sentences = passages.flatMap((passage) =>
    splitSentences(passage.chunk.text)
      .map((span) => trimSpan(passage.chunk.text, span))
      // A heading (or a bullet's lead phrase) names a topic; the sentences under it, which
      // the section path credits with the heading's words, are what answers.
      .filter((span) => span.end > span.start && !passage.chunk.sectionPath.includes(span.text))
      .map((span) => ({ passage, span, normalized: normalizeText(span.text), path: normalizeText(formatSectionPath(passage.chunk.sectionPath)) })),
  );
  const vectors = sentences.length > 0 ? await embedder.embedDocuments(sentences.map(({ span }) => span.text)) : [];
  return { sentences, vectors, bestPassageScore: Math.max(...passages.map((passage) => passage.score), Number.EPSILON) };
}

/**
 * Scores sentences for one question: mostly how much of its rare vocabulary they hold,
 * then vector similarity and the passage's rank, with nudges for what the question
 * type needs (a figure, a date, the definition of a quoted term).
 */
export function rankSentences(analysis: QuestionAnalysis, questionVector: readonly number[], pool: SentencePool, statistics: TermStatistics): Candidate[] {
  const definitionPatterns = analysis.focusTerms.map((term) => new RegExp(`^[“"「]?${escapeRegExp(term)}[”"」]?[,，:：]?(即|是指|是|指|就是)`, "u"));
  const candidates = pool.sentences.map(({ passage, span, normalized, path }, index): Candidate => {
    const support = coverage(analysis.contentTerms, normalized, path, statistics);
    const similarity = cosine(questionVector, pool.vectors[index] ?? []);
    let score = 0.65 * support + 0.2 * similarity + 0.15 * (passage.score / pool.bestPassageScore);
    if (analysis.kind === "numeric") score += QUANTITY.test(normalized) ? 0.08 : -0.1;
    if (analysis.kind === "when") score += DATE.test(normalized) ? 0.08 : -0.1;
    // "森林覆盖率怎么样" is best answered with where it stands: a figure.
    if (analysis.asksForStatus && QUANTITY.test(normalized)) score += 0.05;
    if (analysis.years.length > 0) score += analysis.years.every((year) => normalized.includes(year)) ? 0.1 : -0.05;
    // "“一城”是指什么" is answered where the term is defined: "“一城”,即宜居城市".
    if (definitionPatterns.some((pattern) => pattern.test(normalized))) score += 0.3;
    if (analysis.askedAttribute && !normalized.includes(analysis.askedAttribute)) score -= 0.5;
    if (analysis.tense) {
      const tense = sentenceTense(normalized, path);
      if (tense) score += tense === analysis.tense ? 0.1 : -0.05;
    }
    return { chunk: passage.chunk, span, normalized, support, score, order: passage.chunk.start + span.start };
  });
  return candidates.sort((left, right) => right.score - left.score || left.order - right.order);
}
