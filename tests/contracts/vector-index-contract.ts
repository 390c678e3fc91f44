import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/bench/seeded-random.js";
import { QaError } from "../../src/core/errors.js";
import type { VectorIndex, VectorMatch, VectorRecord } from "../../src/core/ports/vector-index.js";

/** `count` random unit vectors of `dimensions` values. */
export function randomUnitVectors(count: number, dimensions: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const vector = Array.from({ length: dimensions }, () => random() * 2 - 1);
    const length = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
    return vector.map((value) => value / length);
  });
}

/** Records with ids that do not sort like their positions, so no implementation can lean on order. */
export function records(vectors: readonly (readonly number[])[], prefix = "chunk"): VectorRecord[] {
  return vectors.map((vector, position) => ({ id: `${prefix}-${(position * 7919) % 10_007}-${position}`, vector }));
}

/** The true nearest records, by a plain scan written here (not by any index under test). */
export function exactNearest(stored: readonly VectorRecord[], query: readonly number[], k: number): VectorMatch[] {
  return stored
    .map((record) => ({ chunkId: record.id, similarity: record.vector.reduce((sum, value, dimension) => sum + value * query[dimension]!, 0) }))
    .sort((left, right) => right.similarity - left.similarity)
    .slice(0, k);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

export interface VectorIndexContractOptions {
  /** Exact indexes must return the true neighbours; approximate ones at least `minimumRecall` of them. */
  readonly exact: boolean;
  /** Share of the true 10 nearest of 1,000 random vectors found, for an approximate index. */
  readonly minimumRecall?: number;
  /** Per-test time limit (a database over a socket is slower than memory). */
  readonly timeoutMs?: number;
}

const DIMENSIONS = 16;

/**
 * What every VectorIndex must do for retrieval to be right: the nearest stored vector comes
 * first under its chunk id, results are ordered with cosine similarities, an id stored again
 * replaces its vector, a filter keeps the search within its chunks, a vector of the wrong
 * length is refused (and its whole batch with it), and the neighbours found are the true
 * ones (exact indexes) or nearly all of them (approximate indexes, a recall bound).
 */
export function testVectorIndex(name: string, create: (dimensions: number) => Promise<VectorIndex>, options: VectorIndexContractOptions): void {
  const timeout = options.timeoutMs ?? 5_000;
  describe(`${name} (vector index contract)`, () => {
    it("reports its dimensions and starts empty", async () => {
      const index = await create(DIMENSIONS);
      expect(index.dimensions).toBe(DIMENSIONS);
      expect(await index.size()).toBe(0);
      expect(index.kind.trim()).not.toBe("");
    }, timeout);

    it("returns no matches from an empty index, or for k = 0", async () => {
      const index = await create(DIMENSIONS);
      const query = randomUnitVectors(1, DIMENSIONS, 1)[0]!;
      expect(await index.search(query, 5)).toEqual([]);
      await index.upsert(records(randomUnitVectors(3, DIMENSIONS, 11)));
      expect(await index.search(query, 0)).toEqual([]);
    }, timeout);

    it("finds a stored vector first, under its chunk id, with similarity 1", async () => {
      const stored = records(randomUnitVectors(50, DIMENSIONS, 2));
      const index = await create(DIMENSIONS);
      await index.upsert(stored);
      expect(await index.size()).toBe(50);
      for (const position of [0, 17, 49]) {
        const [best] = await index.search(stored[position]!.vector, 3);
        expect(best?.chunkId).toBe(stored[position]!.id);
        expect(best?.similarity).toBeCloseTo(1, 4);
      }
    }, timeout);

    it("returns matches most similar first, with similarities the cosine of the vectors", async () => {
      const stored = records(randomUnitVectors(40, DIMENSIONS, 3));
      const byId = new Map(stored.map((record) => [record.id, record.vector]));
      const index = await create(DIMENSIONS);
      await index.upsert(stored);
      const query = randomUnitVectors(1, DIMENSIONS, 4)[0]!;
      const matches = await index.search(query, 10);
      expect(matches).toHaveLength(10);
      for (let rank = 1; rank < matches.length; rank++) {
        expect(matches[rank]!.similarity).toBeLessThanOrEqual(matches[rank - 1]!.similarity + 1e-6);
      }
      for (const match of matches) {
        const vector = byId.get(match.chunkId)!;
        expect(vector).toBeDefined();
        expect(match.similarity).toBeCloseTo(vector.reduce((sum, value, dimension) => sum + value * query[dimension]!, 0), 4);
      }
      expect(new Set(matches.map((match) => match.chunkId)).size).toBe(10);
    }, timeout);

    it("returns every stored vector once when k is larger than the index", async () => {
      const stored = records(randomUnitVectors(7, DIMENSIONS, 5));
      const index = await create(DIMENSIONS);
      await index.upsert(stored);
      const matches = await index.search(randomUnitVectors(1, DIMENSIONS, 6)[0]!, 100);
      expect(matches.map((match) => match.chunkId).sort()).toEqual(stored.map((record) => record.id).sort());
    }, timeout);

    it("keeps what it held when more vectors are stored later", async () => {
      const [first, second, third] = records(randomUnitVectors(3, DIMENSIONS, 7));
      const index = await create(DIMENSIONS);
      await index.upsert([first!]);
      await index.upsert([second!, third!]);
      expect(await index.size()).toBe(3);
      for (const record of [first!, second!, third!]) expect((await index.search(record.vector, 1))[0]?.chunkId).toBe(record.id);
    }, timeout);

    it("replaces the vector of an id stored again, without counting it twice", async () => {
      const stored = records(randomUnitVectors(20, DIMENSIONS, 12));
      const [replacement] = randomUnitVectors(1, DIMENSIONS, 13);
      const index = await create(DIMENSIONS);
      await index.upsert(stored);
      await index.upsert([{ id: stored[5]!.id, vector: replacement! }]);
      expect(await index.size()).toBe(20);
      const [best] = await index.search(replacement!, 1);
      expect(best?.chunkId).toBe(stored[5]!.id);
      expect(best?.similarity).toBeCloseTo(1, 4);
      // Its old vector is gone: searching for it no longer finds it at similarity 1.
      const old = (await index.search(stored[5]!.vector, 20)).find((match) => match.chunkId === stored[5]!.id);
      expect(old?.similarity ?? 0).toBeLessThan(0.999);
    }, timeout);

    it("searches only among the chunks a filter names, returning their nearest", async () => {
      const stored = records(randomUnitVectors(60, DIMENSIONS, 14));
      const index = await create(DIMENSIONS);
      await index.upsert(stored);
      const allowed = stored.filter((_, position) => position % 6 === 1);
      const query = stored[0]!.vector; // not allowed itself, so an unfiltered search would put it first
      const matches = await index.search(query, 4, { chunkIds: new Set(allowed.map((record) => record.id)) });
      expect(matches.map((match) => match.chunkId)).toEqual(exactNearest(allowed, query, 4).map((match) => match.chunkId));
      expect(await index.search(query, 4, { chunkIds: new Set(["no-such-chunk"]) })).toEqual([]);
    }, timeout);

    it("answers a query of all zeros (a question with no word the embedder knows) with similarity 0, never NaN", async () => {
      const index = await create(DIMENSIONS);
      const stored = records(randomUnitVectors(5, DIMENSIONS, 11));
      await index.upsert(stored);
      for (const filter of [undefined, { chunkIds: new Set([stored[0]!.id, stored[1]!.id]) }]) {
        const matches = await index.search(new Array<number>(DIMENSIONS).fill(0), 3, filter);
        expect(matches.length).toBe(filter ? 2 : 3);
        for (const match of matches) expect(match.similarity).toBe(0);
      }
    }, timeout);

    it("refuses a vector or a query of the wrong length with an error naming both lengths, storing none of the batch", async () => {
      const index = await create(DIMENSIONS);
      await index.upsert(records(randomUnitVectors(2, DIMENSIONS, 8)));
      const wrong = randomUnitVectors(1, DIMENSIONS - 1, 9)[0]!;
      const right = randomUnitVectors(1, DIMENSIONS, 10)[0]!;
      const errors = [
        await rejection(index.upsert([{ id: "right", vector: right }, { id: "wrong", vector: wrong }])),
        await rejection(index.search(wrong, 1)),
      ];
      for (const error of errors) {
        expect(error).toBeInstanceOf(QaError);
        expect((error as Error).message).toContain(String(DIMENSIONS));
        expect((error as Error).message).toContain(String(DIMENSIONS - 1));
      }
      expect(errors.map((error) => (error as QaError).code)).toEqual(["invalid_parameter", "embedder_mismatch"]);
      expect(await index.size()).toBe(2);
    }, timeout);

    it(options.exact ? "finds exactly the true 10 nearest of 1,000 vectors" : `finds at least ${options.minimumRecall} of the true 10 nearest of 1,000 vectors`, async () => {
      const dimensions = 32;
      const stored = records(randomUnitVectors(1_000, dimensions, 2024));
      const index = await create(dimensions);
      // In batches, as ingest writes.
      for (let offset = 0; offset < stored.length; offset += 250) await index.upsert(stored.slice(offset, offset + 250));
      let found = 0;
      const queries = randomUnitVectors(30, dimensions, 77);
      for (const query of queries) {
        const truth = exactNearest(stored, query, 10);
        const matches = await index.search(query, 10);
        if (options.exact) {
          expect(matches.map((match) => match.chunkId)).toEqual(truth.map((match) => match.chunkId));
          matches.forEach((match, rank) => expect(match.similarity).toBeCloseTo(truth[rank]!.similarity, 5));
        }
        const truthIds = new Set(truth.map((match) => match.chunkId));
        found += matches.filter((match) => truthIds.has(match.chunkId)).length;
      }
      expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(options.exact ? 1 : (options.minimumRecall ?? 0.95));
    }, timeout * 6);
  });
}
