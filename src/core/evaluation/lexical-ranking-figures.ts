import type { Chunk } from "../chunking/chunk.js";
import { locateEvidence, relevantChunkIds } from "./evidence.js";
import type { GoldQuestion } from "./gold-question.js";
import { rankingScores } from "./retrieval-metrics.js";

/**
 * Ranking quality of one retrieval leg over the gold questions (npm run eval:lexical), with
 * relevance exactly as `npm run eval` grades it: a chunk is relevant when it overlaps a gold
 * evidence occurrence (evidence.ts), so the figures compare with the eval report's.
 */

/** A gold question whose evidence is found in the corpus, with the chunks relevant to it. */
export interface QuestionWithEvidence {
  readonly question: GoldQuestion;
  readonly relevant: ReadonlySet<string>;
}

/**
 * The questions a ranking can be graded on: those with evidence that lies in some chunk.
 * Unanswerable questions (no evidence) and evidence the corpus no longer holds are left out
 * and counted, so a figure never silently covers fewer questions than it says.
 */
export function questionsWithEvidence(
  questions: readonly GoldQuestion[],
  chunks: readonly Chunk[],
  sources: ReadonlyMap<string, string>,
): { readonly graded: QuestionWithEvidence[]; readonly withoutEvidence: number } {
  const graded: QuestionWithEvidence[] = [];
  for (const question of questions) {
    const relevant = relevantChunkIds(locateEvidence(question.evidence, sources), chunks);
    if (relevant.size > 0) graded.push({ question, relevant });
  }
  return { graded, withoutEvidence: questions.length - graded.length };
}

/** One question's ranking: chunk ids best first, and the ids relevant to it. */
export interface RankedQuestion {
  readonly retrieved: readonly string[];
  readonly relevant: ReadonlySet<string>;
}

export interface RankingFigures {
  readonly questions: number;
  /** Mean share of a question's relevant chunks within the first k, per k asked for. */
  readonly recall: Readonly<Record<number, number>>;
  /** Share of questions with a relevant chunk within the first k, per k. */
  readonly hit: Readonly<Record<number, number>>;
  /** Mean reciprocal rank of the first relevant chunk within the first 10 (0 when none is). */
  readonly mrrAt10: number;
}

/** Recall@k, hit@k for each cut-off and MRR@10, averaged over the questions. */
export function rankingFigures(ranked: readonly RankedQuestion[], cutoffs: readonly number[]): RankingFigures {
  const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
  const within = (question: RankedQuestion, k: number): number => new Set(question.retrieved.slice(0, k).filter((id) => question.relevant.has(id))).size;
  const recall: Record<number, number> = {};
  const hit: Record<number, number> = {};
  for (const k of cutoffs) {
    recall[k] = mean(ranked.map((question) => (question.relevant.size === 0 ? 0 : within(question, k) / question.relevant.size)));
    hit[k] = mean(ranked.map((question) => (within(question, k) > 0 ? 1 : 0)));
  }
  const mrrAt10 = mean(ranked.map((question) => rankingScores(question.retrieved.slice(0, 10), question.relevant).reciprocalRank));
  return { questions: ranked.length, recall, hit, mrrAt10 };
}
