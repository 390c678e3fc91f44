import { describe, expect, it } from "vitest";
import { loadJiebaWasmSegmenter } from "../../../src/adapters/node/jieba-wasm-segmenter.js";
import { testWordSegmenter } from "../../contracts/word-segmenter-contract.js";

testWordSegmenter("jieba-wasm (nodejs build)", loadJiebaWasmSegmenter);

describe("loadJiebaWasmSegmenter", () => {
  it("loads the module once per process", async () => {
    expect(await loadJiebaWasmSegmenter()).toBe(await loadJiebaWasmSegmenter());
  });

  it("uses jieba's dictionary and HMM: report words whole, unknown ones joined", async () => {
    const segmenter = await loadJiebaWasmSegmenter();
    expect(segmenter.cut("地区生产总值达1800亿元")).toEqual(["地区", "生产总值", "达", "1800", "亿元"]);
  });
});
