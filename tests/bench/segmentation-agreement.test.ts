import { describe, expect, it } from "vitest";
import { addMatches, agreement, bigramBoundaries, emptyCounts, innerBoundaries, wordSpans } from "../../src/bench/segmentation-agreement.js";

describe("segmentation agreement", () => {
  it("scores boundaries between words, not the text's ends", () => {
    const counts = emptyCounts();
    addMatches(counts, innerBoundaries(["地区", "生产总值"]), innerBoundaries(["地区", "生产", "总值"]));
    expect(agreement(counts)).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
    expect([...wordSpans(["地区", "生产总值"])]).toEqual(["0:2", "2:6"]);
  });

  it("reads bigram tokens as a boundary after every Han character, numbers and Latin words whole", () => {
    // 达|8.2|%|,|gdp|and|5g|网|络, offsets in the text without whitespace.
    expect([...bigramBoundaries("达8.2%, gdp and 5g网络")]).toEqual([1, 4, 5, 6, 9, 12, 14, 15]);
  });
});
