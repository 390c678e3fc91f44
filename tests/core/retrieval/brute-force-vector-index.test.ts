import { describe, expect, it } from "vitest";
import { QaError } from "../../../src/core/errors.js";
import { BruteForceVectorIndex } from "../../../src/core/retrieval/brute-force-vector-index.js";
import { randomUnitVectors, testVectorIndex } from "../../contracts/vector-index-contract.js";
import { captureError } from "../../support/capture-error.js";

testVectorIndex("BruteForceVectorIndex", async (dimensions) => new BruteForceVectorIndex(dimensions));

describe("BruteForceVectorIndex", () => {
  it("refuses a vector of the wrong length with an invalid_parameter QaError and keeps what it held", () => {
    const index = new BruteForceVectorIndex(8);
    const [good, other] = randomUnitVectors(2, 8, 1);
    index.add([good!]);
    const error = captureError(() => index.add([other!, [1, 0, 0]]));
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("invalid_parameter");
    expect(index.size).toBe(1);
    expect(index.search(other!, 5)).toHaveLength(1);
  });

  it("refuses a query of another embedder's length with an embedder_mismatch QaError", () => {
    const index = new BruteForceVectorIndex(8);
    index.add(randomUnitVectors(3, 8, 2));
    const error = captureError(() => index.search([1, 0, 0, 0], 2));
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("embedder_mismatch");
  });

  it("reloaded from its stored data, finds the same neighbours with the same similarities", () => {
    const vectors = randomUnitVectors(30, 12, 3);
    const index = new BruteForceVectorIndex(12);
    index.add(vectors);
    const reloaded = new BruteForceVectorIndex(12, Float32Array.from(index.data));
    expect(reloaded.size).toBe(30);
    for (const query of randomUnitVectors(5, 12, 4)) expect(reloaded.search(query, 10)).toEqual(index.search(query, 10));
  });

  it("rejects stored data that is not a whole number of vectors as a corrupt index", () => {
    const error = captureError(() => new BruteForceVectorIndex(4, new Float32Array(10)));
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("index_corrupt");
  });

  it("orders equally similar vectors by position, so results do not depend on chance", () => {
    const index = new BruteForceVectorIndex(2);
    index.add([[0, 1], [1, 0], [0, 1], [1, 0]]);
    expect(index.search([1, 0], 4).map((match) => match.position)).toEqual([1, 3, 0, 2]);
  });
});
