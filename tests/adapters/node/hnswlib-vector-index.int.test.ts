import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HNSW_SETTINGS, efSearchFor, HnswlibVectorIndex } from "../../../src/adapters/node/hnswlib-vector-index.js";
import { BruteForceVectorIndex } from "../../../src/core/retrieval/brute-force-vector-index.js";
import { randomUnitVectors, testVectorIndex } from "../../contracts/vector-index-contract.js";

testVectorIndex("HnswlibVectorIndex", (dimensions) => HnswlibVectorIndex.create(dimensions, 4));

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
  const vectors = randomUnitVectors(2_000, dimensions, 2024);
  const queries = randomUnitVectors(100, dimensions, 7);
  let directory = "";
  let approximate: HnswlibVectorIndex;
  let exact: BruteForceVectorIndex;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "jiangjin-hnsw-"));
    approximate = await HnswlibVectorIndex.create(dimensions, vectors.length);
    approximate.add(vectors);
    exact = new BruteForceVectorIndex(dimensions);
    exact.add(vectors);
  });

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("finds at least 98% of the true 10 nearest neighbours of 2,000 random vectors with the default settings", () => {
    let found = 0;
    for (const query of queries) {
      const truth = new Set(exact.search(query, 10).map((match) => match.position));
      found += approximate.search(query, 10).filter((match) => truth.has(match.position)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.98);
  });

  it("reports cosine similarities that agree with exact search", () => {
    for (const query of queries.slice(0, 10)) {
      const exactSimilarity = new Map(exact.search(query, vectors.length).map((match) => [match.position, match.similarity]));
      for (const match of approximate.search(query, 5)) expect(match.similarity).toBeCloseTo(exactSimilarity.get(match.position) ?? Number.NaN, 4);
    }
  });

  it("written to a file and read back, returns the same neighbours", async () => {
    const file = join(directory, "graph.bin");
    approximate.write(file);
    const reread = await HnswlibVectorIndex.read(file, dimensions, DEFAULT_HNSW_SETTINGS);
    expect(reread.size).toBe(vectors.length);
    expect(reread.dimensions).toBe(dimensions);
    for (const query of queries.slice(0, 20)) {
      const before = approximate.search(query, 10);
      const after = reread.search(query, 10);
      expect(after.map((match) => match.position)).toEqual(before.map((match) => match.position));
      after.forEach((match, rank) => expect(match.similarity).toBeCloseTo(before[rank]!.similarity, 5));
    }
  });

  it("grows beyond the capacity it was created with", async () => {
    const small = await HnswlibVectorIndex.create(dimensions, 2);
    small.add(vectors.slice(0, 50));
    expect(small.size).toBe(50);
    expect(small.search(vectors[42]!, 1)[0]?.position).toBe(42);
  });
});
