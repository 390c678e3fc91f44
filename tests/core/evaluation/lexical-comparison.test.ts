import { describe, expect, it } from "vitest";
import { bestLeg, renderSplitTable, type LegResult } from "../../../src/core/evaluation/lexical-comparison-report.js";
import { fusedTopPositions } from "../../../src/core/evaluation/lexical-fused-ranking.js";

describe("fusedTopPositions (the hybrid retriever's fusion over any lexical leg's candidates)", () => {
  it("scales lexical scores by the best one, adds cosine at weight 0.5, ties by position", () => {
    const lexical = new Map([
      [3, 10],
      [1, 5],
    ]);
    const vector = new Map([
      [1, 0.5],
      [2, 1],
    ]);
    // 3: 0.5·1 = 0.5; 1: 0.5·0.5 + 0.5·0.5 = 0.5; 2: 0.5·1 = 0.5 → all tie, so by position.
    expect(fusedTopPositions(lexical, vector, 3)).toEqual([1, 2, 3]);
    expect(fusedTopPositions(new Map([[4, 2]]), new Map(), 5)).toEqual([4]);
    // The scale of a leg's scores does not matter, only their ratios (ts_rank's are ~0.1, BM25's ~20).
    expect(fusedTopPositions(new Map([[0, 0.2], [1, 0.1]]), vector, 2)).toEqual(fusedTopPositions(new Map([[0, 20], [1, 10]]), vector, 2));
  });
});

const leg = (name: string, mrrAt10: number, recallAt5: number): LegResult => ({
  leg: name,
  lexical: { questions: 1, recall: { 1: 0, 5: recallAt5, 10: 1 }, hit: { 5: 1 }, mrrAt10 },
  hybrid: { questions: 1, recall: { 6: 1 }, hit: { 6: 1 }, mrrAt10: 1 },
  latencyMs: { p50: 0.1, p95: 12.5 },
});

describe("bestLeg", () => {
  it("takes the highest MRR@10, then recall@5; a full tie keeps the leg listed first", () => {
    const result = { split: "dev", questions: 1, withoutEvidence: 0, legs: [leg("bm25", 0.9, 0.9), leg("ts_rank norm 1", 0.9, 0.95), leg("ts_rank norm 0", 0.8, 1)] };
    expect(bestLeg(result)?.leg).toBe("ts_rank norm 1");
    expect(bestLeg({ ...result, legs: [leg("bm25", 0.9, 0.9), leg("ts_rank norm 0", 0.9, 0.9)] })?.leg).toBe("bm25");
    expect(bestLeg(result, (candidate) => candidate.leg === "ts_rank norm 0")?.leg).toBe("ts_rank norm 0");
    expect(bestLeg({ ...result, legs: [] })).toBeUndefined();
  });

  it("renders one table row per leg with three decimals and the latencies", () => {
    const table = renderSplitTable({ split: "dev", questions: 1, withoutEvidence: 0, legs: [leg("bm25", 0.9, 0.95)] });
    expect(table.split("\n")).toHaveLength(3);
    expect(table).toMatch(/\| bm25 +\| +0\.000 \| +0\.950 \| +1\.000 \| +1\.000 \| +0\.900 \| +1\.000 \| +1\.000 \| +0\.10 \| +12\.5 \|/u);
  });
});
