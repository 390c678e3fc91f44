import { formatSectionPath, type Chunk } from "../chunking/chunk.js";
import type { Embedder } from "../ports/embedder.js";
import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";
import { normalizeText } from "../text/normalize.js";
import { splitSentences, type TextSpan } from "../text/sentences.js";
import type { Candidate } from "./candidate.js";
import type { QuestionAnalysis } from "./question-analysis.js";
import { compileTerms, weightedCoverage } from "./support.js";
import { DEFAULT_RANKING_WEIGHTS, type RankingWeights } from "./ranking-weights.js";
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

/**
 * A sentence vector as stored: its non-zero entries (all of them, in order, when
 * `indices` is absent). The dot product visits the non-zero entries in the same order as
 * a dense loop would; the skipped zero products add ±0, which leaves the sum unchanged.
 */
export interface SentenceVector {
  readonly length: number;
  readonly indices: Int32Array | undefined;
  readonly values: Float64Array;
}

export function compactVector(vector: readonly number[]): SentenceVector {
  let nonZero = 0;
  for (const value of vector) if (value !== 0) nonZero++;
  if (nonZero * 3 > vector.length) return { length: vector.length, indices: undefined, values: Float64Array.from(vector) };
  const indices = new Int32Array(nonZero);
  const values = new Float64Array(nonZero);
  let next = 0;
  vector.forEach((value, index) => {
    if (value === 0) return;
    indices[next] = index;
    values[next++] = value;
  });
  return { length: vector.length, indices, values };
}

function dot(question: readonly number[], sentence: SentenceVector | undefined): number {
  if (!sentence) return 0;
  const length = Math.min(question.length, sentence.length);
  const { indices, values } = sentence;
  let sum = 0;
  if (!indices) {
    for (let index = 0; index < length; index++) sum += question[index]! * values[index]!;
    return sum;
  }
  for (let entry = 0; entry < indices.length; entry++) {
    const index = indices[entry]!;
    if (index >= length) break;
    sum += question[index]! * values[entry]!;
  }
  return sum;
}

export interface PoolSentence {
  readonly passage: RetrievedPassage;
  readonly span: TextSpan;
  readonly normalized: string;
  readonly path: string;
  /** What the question-independent nudges need, worked out once per sentence. */
  readonly hasQuantity: boolean;
  readonly hasDate: boolean;
  readonly tense: "past" | "future" | undefined;
}

export interface SentencePool {
  readonly sentences: readonly PoolSentence[];
  readonly vectors: readonly (SentenceVector | undefined)[];
  readonly bestPassageScore: number;
}

/** A chunk's sentences as the answerer reads them, with their vectors: the same for every question. */
interface ChunkSentences {
  readonly sentences: readonly Omit<PoolSentence, "passage">[];
  readonly vectors: readonly SentenceVector[];
}

/**
 * Chunks' sentences and sentence vectors, kept across questions (one cache per answerer,
 * so per engine and embedder). Least recently used chunks go first once `capacity` is reached:
 * at 1000× corpus only the chunks questions actually retrieve are held.
 */
export class SentenceCache {
  private readonly entries = new Map<Chunk, ChunkSentences>();
  constructor(readonly capacity = 2048) {}

  get(chunk: Chunk): ChunkSentences | undefined {
    const entry = this.entries.get(chunk);
    if (entry) {
      this.entries.delete(chunk);
      this.entries.set(chunk, entry);
    }
    return entry;
  }

  set(chunk: Chunk, entry: ChunkSentences): void {
    this.entries.delete(chunk);
    this.entries.set(chunk, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

function chunkSentences(chunk: Chunk): Omit<PoolSentence, "passage">[] {
  const path = normalizeText(formatSectionPath(chunk.sectionPath));
  return (
    splitSentences(chunk.text)
      .map((span) => trimSpan(chunk.text, span))
      // A heading (or a bullet's lead phrase) names a topic; the sentences under it, which
      // the section path credits with the heading's words, are what answers.
      .filter((span) => span.end > span.start && !chunk.sectionPath.includes(span.text))
      .map((span) => {
        const normalized = normalizeText(span.text);
        return { span, normalized, path, hasQuantity: QUANTITY.test(normalized), hasDate: DATE.test(normalized), tense: sentenceTense(normalized, path) };
      })
  );
}

/** The sentences of the top passages, embedded once (and remembered in `cache`) and scored against each question part. */
export async function sentencePool(passages: readonly RetrievedPassage[], embedder: Embedder, cache = new SentenceCache(passages.length)): Promise<SentencePool> {
  const entries: (ChunkSentences | undefined)[] = passages.map((passage) => cache.get(passage.chunk));
  const missing = passages.flatMap((passage, index) => (entries[index] ? [] : [{ index, sentences: chunkSentences(passage.chunk) }]));
  const texts = missing.flatMap(({ sentences }) => sentences.map(({ span }) => span.text));
  if (texts.length > 0) {
    const embedded = await embedder.embedDocuments(texts);
    let next = 0;
    for (const { index, sentences } of missing) {
      const entry = { sentences, vectors: sentences.map(() => compactVector(embedded[next++] ?? [])) };
      entries[index] = entry;
      cache.set(passages[index]!.chunk, entry);
    }
  } else {
    for (const { index, sentences } of missing) entries[index] = { sentences, vectors: [] };
  }
  const sentences: PoolSentence[] = [];
  const vectors: (SentenceVector | undefined)[] = [];
  passages.forEach((passage, index) => {
    const entry = entries[index]!;
    entry.sentences.forEach((sentence, position) => {
      sentences.push({ passage, ...sentence });
      vectors.push(entry.vectors[position]);
    });
  });
  return { sentences, vectors, bestPassageScore: Math.max(...passages.map((passage) => passage.score), Number.EPSILON) };
}

/**
 * Scores sentences for one question: mostly how much of its rare vocabulary they hold,
 * then vector similarity and the passage's rank, with nudges for what the question
 * type needs (a figure, a date, the definition of a quoted term).
 */
export function rankSentences(
  analysis: QuestionAnalysis,
  questionVector: readonly number[],
  pool: SentencePool,
  statistics: TermStatistics,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): Candidate[] {
  const definitionPatterns = analysis.focusTerms.map((term) => new RegExp(`^[“"「]?${escapeRegExp(term)}[”"」]?[,，:：]?(即|是指|是|指|就是)`, "u"));
  // A follow-up's own words ("节点镇呢") say what is asked; those it took from the conversation, what about.
  const terms = compileTerms(analysis.contentTerms, statistics, analysis.termGroups, { terms: analysis.inheritedTerms ?? [], share: weights.inheritedTermShare });
  // "靠什么营造一流营商环境": the sentences under the heading "●营造一流营商环境" are the measures, while
  // a sentence elsewhere that only names the goal holds the question's words just as well.
  const wantsBody = analysis.kind === "how" || analysis.kind === "why" || analysis.kind === "list";
  const headingCoverage = new Map<Chunk, number>();
  const underHeading = (chunk: Chunk): number => {
    let found = headingCoverage.get(chunk);
    if (found === undefined) {
      const heading = chunk.sectionPath[chunk.sectionPath.length - 1];
      found = heading ? weightedCoverage(terms, normalizeText(heading), "") : 0;
      headingCoverage.set(chunk, found);
    }
    return found;
  };
  const candidates = pool.sentences.map(({ passage, span, normalized, path, hasQuantity, hasDate, tense }, index): Candidate => {
    const support = weightedCoverage(terms, normalized, path);
    const similarity = dot(questionVector, pool.vectors[index]);
    let score = weights.support * support + weights.similarity * similarity + weights.passageRank * (passage.score / pool.bestPassageScore);
    if (analysis.kind === "numeric") score += hasQuantity ? weights.figureBonus : -weights.figurePenalty;
    if (analysis.kind === "when") score += hasDate ? weights.figureBonus : -weights.figurePenalty;
    // "森林覆盖率怎么样" is best answered with where it stands: a figure.
    if (analysis.asksForStatus && hasQuantity) score += weights.statusFigureBonus;
    if (analysis.years.length > 0) score += analysis.years.every((year) => normalized.includes(year)) ? weights.yearBonus : -weights.yearPenalty;
    // "“一城”是指什么" is answered where the term is defined: "“一城”,即宜居城市".
    if (definitionPatterns.some((pattern) => pattern.test(normalized))) score += weights.definitionBonus;
    if (analysis.askedAttribute && !normalized.includes(analysis.askedAttribute)) score -= weights.missingRolePenalty;
    if (wantsBody) score += weights.headingBonus * underHeading(passage.chunk);
    if (analysis.tense && tense) score += tense === analysis.tense ? weights.tenseBonus : -weights.tensePenalty;
    return { chunk: passage.chunk, span, normalized, support, score, order: passage.chunk.start + span.start };
  });
  return candidates.sort((left, right) => right.score - left.score || left.order - right.order);
}
