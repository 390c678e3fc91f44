import { describe, expect, it } from "vitest";
import { meanOf, proportion, quantile } from "../../../src/core/evaluation/wilson-interval.js";

describe("proportion with a Wilson interval", () => {
  it("brackets the share and narrows as the count grows", () => {
    const small = proportion(9, 10);
    const large = proportion(900, 1000);
    expect(small.value).toBeCloseTo(0.9);
    expect(small.low!).toBeLessThan(0.9);
    expect(small.high!).toBeGreaterThan(0.9);
    expect(large.high! - large.low!).toBeLessThan(small.high! - small.low!);
  });

  it("stays inside 0–1 at the extremes and matches the textbook values", () => {
    const perfect = proportion(20, 20);
    expect(perfect.high).toBe(1);
    expect(perfect.low!).toBeCloseTo(0.8389, 3);
    const none = proportion(0, 20);
    expect(none.low).toBe(0);
    expect(none.high!).toBeCloseTo(0.1611, 3);
  });

  it("has no value over no questions", () => {
    expect(proportion(0, 0)).toEqual({ value: null, count: 0 });
    expect(meanOf([])).toEqual({ value: null, count: 0 });
  });
});

describe("quantile", () => {
  it("interpolates between ranks", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 1, 5], 0.5)).toBe(5);
    expect(quantile(Array.from({ length: 101 }, (_, index) => index), 0.95)).toBe(95);
    expect(quantile([], 0.5)).toBeNull();
  });
});
