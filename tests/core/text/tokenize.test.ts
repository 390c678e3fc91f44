import { describe, expect, it } from "vitest";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { isNumberToken, tokenize } from "../../../src/core/text/tokenize.js";

const tokensOf = (text: string): string[] => tokenize(normalizeText(text));
const numbersOf = (text: string): string[] => tokensOf(text).filter(isNumberToken);

describe("tokenize", () => {
  it("keeps a decimal number whole: 8.2% gives 8.2, never 8 or 2", () => {
    const tokens = tokensOf("年均增长8.2%");
    expect(tokens).toContain("8.2");
    expect(tokens).not.toContain("8");
    expect(tokens).not.toContain("2");
  });

  it("joins a thousands separator but keeps two numbers split by a comma apart", () => {
    expect(tokenize(normalizeText("1,200亿元"))).toContain("1200");
    const listed = tokenize(normalizeText("2021，2026年"));
    expect(listed).toContain("2021");
    expect(listed).toContain("2026");
    expect(listed).not.toContain("20212026");
  });

  it("reads the ratio 11.1:57.9:31.0 as three numbers", () => {
    expect(numbersOf("三次产业比由11.1:57.9:31.0调整为10.5:56.0:33.5")).toEqual(["11.1", "57.9", "31.0", "10.5", "56.0", "33.5"]);
  });

  it("gives Han runs as single characters and overlapping bigrams, in reading order", () => {
    expect(tokensOf("森林覆盖")).toEqual(["森", "森林", "林", "林覆", "覆", "覆盖", "盖"]);
  });

  it("without unigrams gives bigrams only, but keeps a one-character word", () => {
    expect(tokenize("森林覆盖", { unigrams: false })).toEqual(["森林", "林覆", "覆盖"]);
    expect(tokenize("区", { unigrams: false })).toEqual(["区"]);
  });

  it("keeps Latin words and letter-digit words whole and separate from Han", () => {
    expect(tokensOf("江津GDP增长")).toEqual(["江", "江津", "津", "gdp", "增", "增长", "长"]);
    expect(tokensOf("5G网络")).toContain("5g");
  });

  it("does not take a sentence-ending dot or comma into a number", () => {
    expect(numbersOf("到2026年. 增长8.2.")).toEqual(["2026", "8.2"]);
    expect(numbersOf("达300天,")).toEqual(["300"]);
  });

  it("reads a thousands separator as part of the number", () => {
    expect(numbersOf("1,200亿元")).toEqual(["1200"]);
  });

  it("reads full-width digits and points as the same number once normalised", () => {
    expect(numbersOf("增长８．２％")).toEqual(["8.2"]);
  });

  it("drops punctuation, spaces and symbols", () => {
    expect(tokensOf("“ ”、。%:;()")).toEqual([]);
  });
});

describe("isNumberToken", () => {
  it("accepts integers and decimals, and nothing else", () => {
    expect(["2026", "8.2", "0.5"].every(isNumberToken)).toBe(true);
    expect(["5g", "gdp", "8.", ".5", "1.2.3", "江津"].some(isNumberToken)).toBe(false);
  });
});
