import { describe, expect, it } from "vitest";
import { rankingScores } from "../../../src/core/evaluation/retrieval-metrics.js";

describe("rankingScores", () => {
  it("scores a relevant passage at rank 1 as perfect", () => {
    expect(rankingScores(["a", "b", "c"], new Set(["a"]))).toEqual({ hitAt5: true, recallAt5: 1, reciprocalRank: 1, ndcgAt10: 1, firstRelevantRank: 1 });
  });

  it("discounts a later rank and counts recall over all relevant chunks", () => {
    const scores = rankingScores(["x", "y", "a", "z", "w", "b"], new Set(["a", "b"]));
    expect(scores.firstRelevantRank).toBe(3);
    expect(scores.reciprocalRank).toBeCloseTo(1 / 3);
    expect(scores.hitAt5).toBe(true);
    expect(scores.recallAt5).toBe(0.5);
    // DCG = 1/log2(4) + 1/log2(7); ideal = 1/log2(2) + 1/log2(3)
    expect(scores.ndcgAt10).toBeCloseTo((1 / 2 + 1 / Math.log2(7)) / (1 + 1 / Math.log2(3)), 6);
  });

  it("gives zero when nothing relevant is retrieved", () => {
    expect(rankingScores(["x", "y"], new Set(["a"]))).toEqual({ hitAt5: false, recallAt5: 0, reciprocalRank: 0, ndcgAt10: 0, firstRelevantRank: null });
  });
});
