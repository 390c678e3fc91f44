import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";
import type { QuestionReading } from "../understanding/question-reader.js";

/**
 * How a model's rewrite of the question joins the offline reading (issue 12, item 5). The
 * rewrite widens retrieval and never narrows it: both are searched and the rankings merged, so
 * what the user's own words found stays in reach. The answerer reads the rewrite only when the
 * question's own reading found nothing to answer with, and only when the rewrite asks about no
 * year the user did not name.
 */

/**
 * One ranking from two: each passage counts with its best standing in either search (its
 * score over that search's best), so the answerer's passage-rank weight keeps its meaning
 * (a share of the best passage). Ties keep the question's own order first.
 */
export function mergeRankings(own: readonly RetrievedPassage[], rewritten: readonly RetrievedPassage[], count: number): RetrievedPassage[] {
  const best = (list: readonly RetrievedPassage[]): number => Math.max(Number.EPSILON, ...list.map((passage) => passage.score));
  const merged = new Map<number, { passage: RetrievedPassage; share: number; order: number }>();
  const add = (list: readonly RetrievedPassage[], offset: number): void => {
    const top = best(list);
    list.forEach((passage, rank) => {
      const share = passage.score / top;
      const seen = merged.get(passage.position);
      if (!seen || share > seen.share) merged.set(passage.position, { passage, share, order: seen?.order ?? offset + rank });
    });
  };
  add(own, 0);
  add(rewritten, own.length);
  return [...merged.values()]
    .sort((left, right) => right.share - left.share || left.order - right.order)
    .slice(0, count)
    .map(({ passage, share }) => ({ ...passage, score: share }));
}

/**
 * Whether the answerer may read the rewrite: it names no year the user did not (a model must
 * not change what is asked: "the plan" is not "the plan for 2026"). Places need no check here:
 * the report's own district is implied in every question, and another place is refused by the
 * answerer on positive evidence, so the rewrite cannot win with it.
 */
export function rewriteKeepsTheQuestion(own: QuestionReading, rewrite: QuestionReading, conversation: string): boolean {
  return rewrite.years.every((year) => own.years.includes(year) || conversation.includes(year));
}
