import { describe, expect, it } from "vitest";
import { QaError } from "../../../src/core/errors.js";
import { BruteForceVectorIndex } from "../../../src/core/retrieval/brute-force-vector-index.js";
import { randomUnitVectors, records, testVectorIndex } from "../../contracts/vector-index-contract.js";
import { captureError } from "../../support/capture-error.js";

testVectorIndex("BruteForceVectorIndex", async (dimensions) => new BruteForceVectorIndex(dimensions), { exact: true });

describe("BruteForceVectorIndex", () => {
  it("refuses a vector of the wrong length with an invalid_parameter QaError and keeps what it held", async () => {
    const index = new BruteForceVectorIndex(8);
    const [good, other] = records(randomUnitVectors(2, 8, 1));
    index.put([good!]);
    const error = captureError(() => index.put([other!, { id: "short", vector: [1, 0, 0] }]));
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("invalid_parameter");
    expect(index.count).toBe(1);
    expect(await index.search(other!.vector, 5)).toHaveLength(1);
  });

  it("reloaded from its stored ids and data, finds the same neighbours with the same similarities", async () => {
    const stored = records(randomUnitVectors(30, 12, 3));
    const index = new BruteForceVectorIndex(12);
    index.put(stored);
    const reloaded = new BruteForceVectorIndex(12, { ids: stored.map((record) => record.id), vectors: Float32Array.from(index.data) });
    expect(await reloaded.size()).toBe(30);
    for (const query of randomUnitVectors(5, 12, 4)) expect(await reloaded.search(query, 10)).toEqual(await index.search(query, 10));
  });

  it("rejects stored data that is not one vector per chunk id, or two vectors under one id, as a corrupt index", () => {
    const short = captureError(() => new BruteForceVectorIndex(4, { ids: ["a", "b", "c"], vectors: new Float32Array(10) }));
    const twice = captureError(() => new BruteForceVectorIndex(2, { ids: ["a", "a"], vectors: new Float32Array(4) }));
    for (const error of [short, twice]) {
      expect(error).toBeInstanceOf(QaError);
      expect((error as QaError).code).toBe("index_corrupt");
    }
  });

  it("orders equally similar vectors by the order they were stored, so results do not depend on chance", () => {
    const index = new BruteForceVectorIndex(2);
    index.put([{ id: "d", vector: [0, 1] }, { id: "c", vector: [1, 0] }, { id: "b", vector: [0, 1] }, { id: "a", vector: [1, 0] }]);
    expect(index.nearest([1, 0], 4).map((match) => match.chunkId)).toEqual(["c", "a", "d", "b"]);
    expect(index.nearest([1, 0], 4, { chunkIds: new Set(["b", "a", "d"]) }).map((match) => match.chunkId)).toEqual(["a", "d", "b"]);
  });
});
