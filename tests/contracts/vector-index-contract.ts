import { QaError } from "../../src/core/errors.js";
import { describe, expect, it } from "vitest";
import { captureError } from "../support/capture-error.js";
import { seededRandom } from "../../src/bench/seeded-random.js";
import type { VectorIndex } from "../../src/core/ports/vector-index.js";

/** `count` random unit vectors of `dimensions` values. */
export function randomUnitVectors(count: number, dimensions: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const vector = Array.from({ length: dimensions }, () => random() * 2 - 1);
    const length = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
    return vector.map((value) => value / length);
  });
}

const DIMENSIONS = 16;

/**
 * What every VectorIndex must do for retrieval to be right: the nearest stored vector
 * comes first, results are ordered, positions follow insertion order (they are chunk
 * positions), and a vector of the wrong length is refused instead of searched.
 */
export function testVectorIndex(name: string, create: (dimensions: number) => Promise<VectorIndex>): void {
  describe(`${name} (vector index contract)`, () => {
    it("reports its dimensions and starts empty", async () => {
      const index = await create(DIMENSIONS);
      expect(index.dimensions).toBe(DIMENSIONS);
      expect(index.size).toBe(0);
      expect(index.kind.trim()).not.toBe("");
    });

    it("returns no matches from an empty index", async () => {
      const index = await create(DIMENSIONS);
      expect(index.search(randomUnitVectors(1, DIMENSIONS, 1)[0]!, 5)).toEqual([]);
    });

    it("finds a stored vector first, at its position, with similarity 1", async () => {
      const vectors = randomUnitVectors(50, DIMENSIONS, 2);
      const index = await create(DIMENSIONS);
      index.add(vectors);
      expect(index.size).toBe(50);
      for (const position of [0, 17, 49]) {
        const [best] = index.search(vectors[position]!, 3);
        expect(best?.position).toBe(position);
        expect(best?.similarity).toBeCloseTo(1, 4);
      }
    });

    it("returns matches most similar first, with similarities the cosine of the vectors", async () => {
      const vectors = randomUnitVectors(40, DIMENSIONS, 3);
      const index = await create(DIMENSIONS);
      index.add(vectors);
      const query = randomUnitVectors(1, DIMENSIONS, 4)[0]!;
      const matches = index.search(query, 10);
      expect(matches).toHaveLength(10);
      for (let rank = 1; rank < matches.length; rank++) {
        expect(matches[rank]!.similarity).toBeLessThanOrEqual(matches[rank - 1]!.similarity + 1e-6);
      }
      for (const match of matches) {
        const stored = vectors[match.position]!;
        const dot = stored.reduce((sum, value, dimension) => sum + value * query[dimension]!, 0);
        expect(match.similarity).toBeCloseTo(dot, 4);
      }
      expect(new Set(matches.map((match) => match.position)).size).toBe(10);
    });

    it("returns every stored vector once when k is larger than the index", async () => {
      const index = await create(DIMENSIONS);
      index.add(randomUnitVectors(7, DIMENSIONS, 5));
      const matches = index.search(randomUnitVectors(1, DIMENSIONS, 6)[0]!, 100);
      expect(matches).toHaveLength(7);
      expect(matches.map((match) => match.position).sort((left, right) => left - right)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });

    it("continues positions from its size when vectors are added later", async () => {
      const [first, second, third] = randomUnitVectors(3, DIMENSIONS, 7);
      const index = await create(DIMENSIONS);
      index.add([first!]);
      index.add([second!, third!]);
      expect(index.size).toBe(3);
      expect(index.search(second!, 1)[0]?.position).toBe(1);
      expect(index.search(third!, 1)[0]?.position).toBe(2);
      expect(index.search(first!, 1)[0]?.position).toBe(0);
    });

    it("refuses a vector or a query of the wrong length with an error naming both lengths", async () => {
      const index = await create(DIMENSIONS);
      index.add(randomUnitVectors(2, DIMENSIONS, 8));
      const wrong = randomUnitVectors(1, DIMENSIONS - 1, 9)[0]!;
      const right = randomUnitVectors(1, DIMENSIONS, 10)[0]!;
      const errors = [captureError(() => index.add([right, wrong])), captureError(() => index.search(wrong, 1))];
      for (const error of errors) {
        expect(error).toBeInstanceOf(QaError);
        expect((error as Error).message).toContain(String(DIMENSIONS));
        expect((error as Error).message).toContain(String(DIMENSIONS - 1));
      }
      expect(errors.map((error) => (error as QaError).code)).toEqual(["invalid_parameter", "embedder_mismatch"]);
      // A batch with one bad vector adds none of it.
      expect(index.size).toBe(2);
    });
  });
}
