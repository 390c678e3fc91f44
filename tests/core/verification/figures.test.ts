import { describe, expect, it } from "vitest";
import { comparable, findFigures, sameDigitsOtherUnit, sameFigure, type Figure } from "../../../src/core/verification/figures.js";

/** The one figure of `text`, checked to be the text at its offsets. */
function only(text: string): Figure {
  const figures = findFigures(text);
  expect(figures, text).toHaveLength(1);
  const [figure] = figures;
  expect(text.slice(figure!.start, figure!.end)).toBe(figure!.text);
  return figure!;
}

describe("findFigures", () => {
  it("reads 1800亿元, 一千八百亿元 and 180 billion yuan as the same figure", () => {
    const arabic = only("地区生产总值达1800亿元左右");
    const chinese = only("地区生产总值达一千八百亿元左右");
    const english = only("GDP of about 180 billion yuan");
    expect(arabic).toMatchObject({ text: "1800亿元", value: "1800", amount: 180_000_000_000, unit: "元", kind: "quantity" });
    expect(chinese).toMatchObject({ text: "一千八百亿元", amount: 180_000_000_000, unit: "元", kind: "quantity" });
    expect(english).toMatchObject({ text: "180 billion yuan", amount: 180_000_000_000, unit: "元", kind: "quantity" });
    expect(sameFigure(arabic, chinese)).toBe(true);
    expect(sameFigure(arabic, english)).toBe(true);
    expect(sameFigure(chinese, english)).toBe(true);
  });

  it("tells 1800万元 from 1800亿元: the same digits in another unit, not the same figure", () => {
    const yi = only("1800亿元");
    const wan = only("1800万元");
    expect(wan.amount).toBe(18_000_000);
    expect(sameFigure(yi, wan)).toBe(false);
    expect(sameDigitsOtherUnit(wan, yi)).toBe(true);
    expect(sameDigitsOtherUnit(yi, wan)).toBe(true);
    // 2500亿元 is another value, not another unit.
    const other = only("2500亿元");
    expect(sameFigure(yi, other)).toBe(false);
    expect(sameDigitsOtherUnit(yi, other)).toBe(false);
    expect(comparable(yi, other)).toBe(true);
  });

  it("reads a year as kind year, and a year is never the same figure as a count", () => {
    const year = only("到2026年,");
    expect(year).toMatchObject({ text: "2026年", value: "2026", unit: "年", kind: "year", start: 1, end: 6 });
    const bare = only("2026");
    expect(bare.kind).toBe("year");
    expect(sameFigure(year, bare)).toBe(true);
    expect(comparable(year, only("2027年"))).toBe(true);
    expect(comparable(year, only("52%"))).toBe(false);
  });

  it("reads 55%, 百分之五十五 and 百分之55 as the same percentage", () => {
    const sign = only("55%");
    const spoken = only("森林覆盖率达百分之五十五");
    const mixed = only("百分之55");
    for (const figure of [sign, spoken, mixed]) expect(figure).toMatchObject({ value: "55%", amount: 55, unit: "%", kind: "percent" });
    expect(spoken.text).toBe("百分之五十五");
    expect(spoken.start).toBe("森林覆盖率达".length);
    expect(mixed.text).toBe("百分之55");
    expect(sameFigure(sign, spoken)).toBe(true);
    expect(sameFigure(sign, mixed)).toBe(true);
    expect(sameFigure(only("百分之六"), only("6%"))).toBe(true);
    expect(sameFigure(sign, only("56%"))).toBe(false);
  });

  it("reads full-width digits and percent as the ASCII ones", () => {
    expect(sameFigure(only("５２％"), only("52%"))).toBe(true);
    expect(sameFigure(only("１８００亿元"), only("1800亿元"))).toBe(true);
  });

  it("tells 52% from 52个: the same digits, another unit", () => {
    const percent = only("52%");
    const count = only("52个");
    expect(count).toMatchObject({ value: "52", unit: "个", kind: "quantity" });
    expect(sameFigure(percent, count)).toBe(false);
    expect(sameDigitsOtherUnit(percent, count)).toBe(true);
    expect(comparable(percent, count)).toBe(false);
  });

  it("does not take 6个百分点 for 6%", () => {
    const points = only("增长6个百分点");
    expect(points).toMatchObject({ text: "6个百分点", unit: "个百分点", kind: "percent", start: 2 });
    expect(sameFigure(points, only("6%"))).toBe(false);
  });

  it("finds every figure of a sentence in order, each the text at its offsets", () => {
    const text = "地区生产总值从2016年的756亿元预计增长到2021年的1200亿元,年均增长8.2%。";
    const figures = findFigures(text);
    expect(figures.map((figure) => figure.text)).toEqual(["2016年", "756亿元", "2021年", "1200亿元", "8.2%"]);
    expect(figures.map((figure) => figure.kind)).toEqual(["year", "quantity", "year", "quantity", "percent"]);
    for (const figure of figures) expect(text.slice(figure.start, figure.end)).toBe(figure.text);
    expect(figures.map((figure) => figure.start)).toEqual([...figures.map((figure) => figure.start)].sort((left, right) => left - right));
  });

  it("reads scale and unit: 18.5万人, 126.79平方公里, 1,800亿元", () => {
    expect(only("18.5万人")).toMatchObject({ value: "18.5", amount: 185_000, unit: "人" });
    expect(only("面积增加到126.79平方公里")).toMatchObject({ text: "126.79平方公里", unit: "平方公里" });
    expect(sameFigure(only("1,800亿元"), only("1800亿元"))).toBe(true);
    // Units that name the same thing agree: 名 and 人.
    expect(sameFigure(only("29654名"), only("29654人"))).toBe(true);
  });

  it("reads stacked scales after digits: 1.2万亿元 is 12000亿元 and 1.2 trillion yuan, 5千万元 is 5000万元", () => {
    // 万亿 (trillion) and 千万 are how government reports write large sums: 全市地区生产总值2.9万亿元.
    const trillion = only("1.2万亿元");
    expect(trillion).toMatchObject({ text: "1.2万亿元", amount: 1_200_000_000_000, unit: "元" });
    expect(sameFigure(trillion, only("12000亿元"))).toBe(true);
    expect(sameFigure(trillion, only("1.2 trillion yuan"))).toBe(true);
    expect(sameFigure(only("5千万元"), only("5000万元"))).toBe(true);
    expect(sameFigure(only("1.8千亿元"), only("1800亿元"))).toBe(true);
  });

  it("finds nothing in text without numbers", () => {
    expect(findFigures("森林覆盖率稳步提高")).toEqual([]);
  });
});
