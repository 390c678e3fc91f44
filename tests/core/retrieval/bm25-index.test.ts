import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../../src/core/retrieval/bm25-index.js";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { tokenize } from "../../../src/core/text/tokenize.js";

const tokens = (text: string): string[] => tokenize(normalizeText(text));
const documents = [
  "地区生产总值达1800亿元左右,年均增长6%以上",
  "森林覆盖率达52%,空气优良天数稳定达300天以上",
  "工业增加值预计增长到2021年的520亿元",
  "建设休闲旅游胜地,把江津作为一个大景区来规划",
];
const index = new Bm25Index(documents.map(tokens));
const positions = (query: string, k = 10): number[] => index.search(tokens(query), k).map((match) => match.position);

describe("Bm25Index", () => {
  it("ranks the document holding the exact term first", () => {
    expect(positions("森林覆盖率")[0]).toBe(1);
    expect(positions("旅游胜地")[0]).toBe(3);
    expect(positions("地区生产总值是多少")[0]).toBe(0);
  });

  it("scores nothing for terms no document uses, and leaves out documents without any query term", () => {
    expect(index.search(tokens("房价"), 10)).toEqual([]);
    expect(index.search([], 10)).toEqual([]);
    expect(positions("森林")).toEqual([1]);
  });

  it("matches whole numbers only: 52 does not find 520亿元, and 520 does not find 52%", () => {
    expect(positions("52")).toEqual([1]);
    expect(positions("520")).toEqual([2]);
  });

  it("returns positive scores, highest first, at most k of them", () => {
    const matches = index.search(tokens("达增长亿元"), 2);
    expect(matches).toHaveLength(2);
    expect(matches[0]!.score).toBeGreaterThanOrEqual(matches[1]!.score);
    expect(matches.every((match) => match.score > 0)).toBe(true);
  });

  it("weighs a term found in few documents above one found in many", () => {
    expect(index.documentFrequency("亿元")).toBe(2);
    expect(index.documentFrequency("森林")).toBe(1);
    expect(index.documentFrequency("房价")).toBe(0);
    expect(index.inverseDocumentFrequency("森林")).toBeGreaterThan(index.inverseDocumentFrequency("亿元"));
    const [rare] = index.search(["森林"], 1);
    const [common] = index.search(["亿元"], 1);
    expect(rare!.score).toBeGreaterThan(common!.score);
  });

  it("counts a query term once however often the question repeats it", () => {
    expect(index.search(["森林", "森林", "森林"], 5)).toEqual(index.search(["森林"], 5));
  });

  it("prefers the shorter of two documents that hold the term equally often", () => {
    const lengthIndex = new Bm25Index([tokens("江津港口"), tokens("江津港口以及很多很多别的不相干的词语和句子内容")]);
    expect(lengthIndex.search(tokens("港口"), 2).map((match) => match.position)).toEqual([0, 1]);
  });

  it("knows how many documents it holds, including an empty index", () => {
    expect(index.size).toBe(4);
    const empty = new Bm25Index([]);
    expect(empty.size).toBe(0);
    expect(empty.search(["森林"], 5)).toEqual([]);
  });

  it("reads back from its stored bytes with the same frequencies and the same ranking", () => {
    const stored = Bm25Index.deserialize(index.serialize());
    expect(stored.size).toBe(index.size);
    for (const token of ["亿元", "森林", "房价", "52", "520", "达"]) expect(stored.documentFrequency(token)).toBe(index.documentFrequency(token));
    for (const query of ["地区生产总值是多少", "森林覆盖率", "达增长亿元", "旅游胜地 2021"]) expect(stored.search(tokens(query), 4)).toEqual(index.search(tokens(query), 4));
    expect(() => Bm25Index.deserialize(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow();
  });
});
