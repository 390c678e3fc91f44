import { describe, expect, it } from "vitest";
import { factFound, normalizeForFacts, numbersIn } from "../../../src/core/evaluation/fact-matching.js";

describe("factFound", () => {
  it("finds a fact the answer contains, and not one it lacks", () => {
    expect(factFound("1800亿元", "到2026年,地区生产总值达1800亿元左右[1]。")).toBe(true);
    expect(factFound("1800亿元", "地区生产总值预计增长到2021年的1200亿元[1]。")).toBe(false);
  });

  it("accepts any one alternative of an any-of fact, and none when none is there", () => {
    expect(factFound(["中欧班列", "渝新欧"], "常态化开行渝新欧国际铁路联运班列")).toBe(true);
    expect(factFound(["中欧班列", "渝新欧"], "开行中欧班列")).toBe(true);
    expect(factFound(["中欧班列", "渝新欧"], "开行西部陆海新通道班列")).toBe(false);
  });

  it("compares full-width and half-width forms and letter case as equal", () => {
    expect(factFound("8.2%", "年均增长８．２％")).toBe(true);
    expect(factFound("10.5:56.0:33.5", "调整为１０．５：５６．０：３３．５")).toBe(true);
    expect(factFound("5G", "建成５ｇ基站")).toBe(true);
    expect(factFound("ＧＤＰ", "gdp增长")).toBe(true);
  });

  it("ignores spaces and quotation marks around the fact", () => {
    expect(factFound("五地一城", "建设“五地 一城”")).toBe(true);
    expect(factFound("“七干两枢纽”", "加快构建七干两枢纽")).toBe(true);
  });

  it("reads Chinese numerals as the digits they stand for, in the answer and in the fact", () => {
    expect(factFound("10年", "长江“十年禁渔”")).toBe(true);
    expect(factFound("6%", "年均增长百分之六以上")).toBe(true);
    expect(factFound("十年", "禁渔10年")).toBe(true);
    expect(factFound("6%", "年均增长百分之七")).toBe(false);
  });
});

describe("normalizeForFacts", () => {
  it("normalises like the product and drops whitespace and quotation marks", () => {
    expect(normalizeForFacts(" “ＧＤＰ” 達\n1800億元 ")).toBe("gdp达1800亿元");
  });
});

describe("numbersIn", () => {
  it("lists the numbers an answer states, without its citation markers", () => {
    expect(numbersIn("到2026年,地区生产总值达1800亿元左右[1]；年均增长6%以上[2]。")).toEqual(["2026", "1800", "6"]);
  });

  it("reads decimals, ratios and full-width digits as numbers", () => {
    expect(numbersIn("增长８．２％,三次产业比为10.5:56.0:33.5")).toEqual(["8.2", "10.5", "56.0", "33.5"]);
    expect(numbersIn("没有数字[3]")).toEqual([]);
  });
});
