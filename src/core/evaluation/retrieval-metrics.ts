/**
 * Ranking metrics for one question, from the ids of the retrieved passages (best first)
 * and the set of relevant ones (chunks overlapping gold evidence).
 */
export interface RankingScores {
  readonly hitAt5: boolean;
  readonly recallAt5: number;
  readonly reciprocalRank: number;
  readonly ndcgAt10: number;
  readonly firstRelevantRank: number | null;
}

export function rankingScores(retrieved: readonly string[], relevant: ReadonlySet<string>): RankingScores {
  const firstIndex = retrieved.findIndex((id) => relevant.has(id));
  const topFive = retrieved.slice(0, 5);
  const relevantInTopFive = new Set(topFive.filter((id) => relevant.has(id))).size;
  // Binary-relevance nDCG@10: gain 1 at each relevant rank, discounted by log2(rank + 1).
  const discount = (rank: number): number => 1 / Math.log2(rank + 1);
  const dcg = retrieved.slice(0, 10).reduce((sum, id, index) => sum + (relevant.has(id) ? discount(index + 1) : 0), 0);
  let ideal = 0;
  for (let rank = 1; rank <= Math.min(relevant.size, 10); rank++) ideal += discount(rank);
  return {
    hitAt5: firstIndex >= 0 && firstIndex < 5,
    recallAt5: relevant.size === 0 ? 0 : relevantInTopFive / relevant.size,
    reciprocalRank: firstIndex >= 0 ? 1 / (firstIndex + 1) : 0,
    ndcgAt10: ideal === 0 ? 0 : dcg / ideal,
    firstRelevantRank: firstIndex >= 0 ? firstIndex + 1 : null,
  };
}
