import { describe, expect, it } from "vitest";
import { DEFAULT_FUSION, fuseScores, type FusionSettings, type RankedScores } from "../../../src/core/retrieval/fusion.js";

/** Positions by fused score, best first (ties by position, as the retriever orders them). */
function order(scores: RankedScores, settings: FusionSettings): number[] {
  return [...fuseScores(scores, settings)].sort((left, right) => right[1] - left[1] || left[0] - right[0]).map(([position]) => position);
}

// Lexical favours 1 strongly, vector favours 2; 3 only the vector leg found, 4 only the lexical leg.
const example: RankedScores = {
  lexical: new Map([
    [1, 12],
    [2, 3],
    [4, 1],
  ]),
  vector: new Map([
    [2, 0.9],
    [3, 0.8],
    [1, 0.2],
  ]),
};

describe("fuseScores", () => {
  it("with reciprocal rank fusion orders by ranks, ignoring how far apart the scores are", () => {
    // 1: 1/61 + 1/63, 2: 1/62 + 1/61, 3: 1/62, 4: 1/63
    expect(order(example, { method: "rrf", k: 60 })).toEqual([2, 1, 3, 4]);
    const fused = fuseScores(example, { method: "rrf", k: 60 });
    expect(fused.get(2)).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused.get(4)).toBeCloseTo(1 / 63, 12);
  });

  it("with weighted fusion mixes BM25 scaled by its best score with cosine similarity", () => {
    // 0.5 weights → 1: 0.5 + 0.1, 2: 0.125 + 0.45, 3: 0.4, 4: 0.0417
    expect(order(example, { method: "weighted", lexicalWeight: 0.5 })).toEqual([1, 2, 3, 4]);
    expect(fuseScores(example, { method: "weighted", lexicalWeight: 0.5 }).get(2)).toBeCloseTo(0.5 * (3 / 12) + 0.5 * 0.9, 12);
  });

  it("with weighted fusion follows one leg alone at weight 1 or 0", () => {
    expect(order(example, { method: "weighted", lexicalWeight: 1 }).slice(0, 3)).toEqual([1, 2, 4]);
    expect(order(example, { method: "weighted", lexicalWeight: 0 }).slice(0, 3)).toEqual([2, 3, 1]);
  });

  it("scores every candidate either leg returned, once", () => {
    for (const settings of [DEFAULT_FUSION, { method: "rrf", k: 60 } as const]) {
      expect([...fuseScores(example, settings).keys()].sort()).toEqual([1, 2, 3, 4]);
    }
  });

  it("does not let a negative cosine push a candidate below one the vector leg did not return", () => {
    const scores: RankedScores = { lexical: new Map([[1, 2], [2, 2]]), vector: new Map([[1, -0.8]]) };
    const fused = fuseScores(scores, { method: "weighted", lexicalWeight: 0.5 });
    expect(fused.get(1)).toBeCloseTo(fused.get(2)!, 12);
  });

  it("copes with a lexical leg that found nothing", () => {
    const scores: RankedScores = { lexical: new Map(), vector: new Map([[5, 0.3], [6, 0.6]]) };
    const fused = fuseScores(scores, { method: "weighted", lexicalWeight: 0.5 });
    expect([...fused.values()].every(Number.isFinite)).toBe(true);
    expect(order(scores, { method: "weighted", lexicalWeight: 0.5 })).toEqual([6, 5]);
  });
});
