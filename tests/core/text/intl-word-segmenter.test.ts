import { describe, expect, it } from "vitest";
import { IntlWordSegmenter } from "../../../src/core/text/intl-word-segmenter.js";
import { testWordSegmenter } from "../../contracts/word-segmenter-contract.js";

// A fresh instance each time: Intl.Segmenter keeps no shared dictionary.
testWordSegmenter("IntlWordSegmenter", async () => new IntlWordSegmenter());

describe("IntlWordSegmenter", () => {
  it("prefers the longest taught word starting at a position", () => {
    const segmenter = new IntlWordSegmenter();
    segmenter.addWords(["五地", "五地一城"]);
    expect(segmenter.cut("建设五地一城")).toEqual(["建设", "五地一城"]);
  });

  it("segments a long run without punctuation in pieces, keeping every character", () => {
    const text = "江津".repeat(3000);
    expect(new IntlWordSegmenter().cut(text).join("")).toBe(text);
  });
});
