import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HNSW_SETTINGS, efSearchFor, HnswlibVectorIndex } from "../../../src/adapters/node/hnswlib-vector-index.js";
import { BruteForceVectorIndex } from "../../../src/core/retrieval/brute-force-vector-index.js";
import { randomUnitVectors, records, testVectorIndex } from "../../contracts/vector-index-contract.js";

testVectorIndex("HnswlibVectorIndex", (dimensions) => HnswlibVectorIndex.create(dimensions, 4), { exact: false, minimumRecall: 0.98 });

describe("efSearchFor", () => {
  it("keeps the stored breadth for small indexes and grows as 12 × √chunks above it", () => {
    expect(efSearchFor(57, 400)).toBe(400);
    expect(efSearchFor(563, 400)).toBe(400);
    expect(efSearchFor(5_621, 400)).toBe(900);
    expect(efSearchFor(56_302, 400)).toBe(2_848);
    expect(efSearchFor(56_302, 5_000)).toBe(5_000);
  });
});

describe("HnswlibVectorIndex against exact search", () => {
  const dimensions = 64;
  const vectors = records(randomUnitVectors(2_000, dimensions, 2024));
  const queries = randomUnitVectors(100, dimensions, 7);
  let directory = "";
  let approximate: HnswlibVectorIndex;
  let exact: BruteForceVectorIndex;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "jiangjin-hnsw-"));
    approximate = await HnswlibVectorIndex.create(dimensions, vectors.length);
    approximate.put(vectors);
    exact = new BruteForceVectorIndex(dimensions);
    exact.put(vectors);
  });

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("finds at least 98% of the true 10 nearest neighbours of 2,000 random vectors with the default settings", () => {
    let found = 0;
    for (const query of queries) {
      const truth = new Set(exact.nearest(query, 10).map((match) => match.chunkId));
      found += approximate.nearest(query, 10).filter((match) => truth.has(match.chunkId)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.98);
  });

  it("reports cosine similarities that agree with exact search", () => {
    for (const query of queries.slice(0, 10)) {
      const exactSimilarity = new Map(exact.nearest(query, vectors.length).map((match) => [match.chunkId, match.similarity]));
      for (const match of approximate.nearest(query, 5)) expect(match.similarity).toBeCloseTo(exactSimilarity.get(match.chunkId) ?? Number.NaN, 4);
    }
  });

  it("written to a file and read back, returns the same neighbours", async () => {
    const file = join(directory, "graph.bin");
    approximate.write(file);
    const reread = await HnswlibVectorIndex.read(file, dimensions, DEFAULT_HNSW_SETTINGS, vectors.map((record) => record.id));
    expect(await reread.size()).toBe(vectors.length);
    expect(reread.dimensions).toBe(dimensions);
    for (const query of queries.slice(0, 20)) {
      const before = approximate.nearest(query, 10);
      const after = reread.nearest(query, 10);
      expect(after.map((match) => match.chunkId)).toEqual(before.map((match) => match.chunkId));
      after.forEach((match, rank) => expect(match.similarity).toBeCloseTo(before[rank]!.similarity, 5));
    }
  });

  it("grows beyond the capacity it was created with", async () => {
    const small = await HnswlibVectorIndex.create(dimensions, 2);
    small.put(vectors.slice(0, 50));
    expect(small.count).toBe(50);
    expect(small.nearest(vectors[42]!.vector, 1)[0]?.chunkId).toBe(vectors[42]!.id);
  });

  it("refuses a graph file read against another number of chunk ids as a corrupt index", async () => {
    const file = join(directory, "graph-short.bin");
    approximate.write(file);
    await expect(HnswlibVectorIndex.read(file, dimensions, DEFAULT_HNSW_SETTINGS, ["only-one"])).rejects.toMatchObject({ code: "index_corrupt" });
  });
});
