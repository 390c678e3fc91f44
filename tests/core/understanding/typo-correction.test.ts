import { describe, expect, it } from "vitest";
import { correctTerms, ReportVocabulary } from "../../../src/core/understanding/typo-correction.js";

/** A tiny report: what `inReport` searches (as a substring) and the words its segmentation gives. */
const REPORT_TEXT = "全区森林覆盖率达到55%。加快轨道交通建设,地区生产总值达1800亿元。敢于担当,勇于创新。5g网络覆盖面扩大。城镇建成区面积126.79平方公里。";
const inReport = (text: string): boolean => REPORT_TEXT.includes(text);
const nowhere = (): boolean => false;

const vocabulary = (counts: Record<string, number>): ReportVocabulary => new ReportVocabulary(new Map(Object.entries(counts)));

const report = vocabulary({ 森林: 6, 覆盖率: 5, 轨道交通: 4, 地区生产总值: 3, 勇于: 10, 敢于: 2, 面积: 4, 建设: 9 });

describe("ReportVocabulary.correct: one substituted character", () => {
  it("corrects a homophone typo of a three-character report word to the report word", () => {
    expect(report.correct("复盖率", inReport)).toBe("覆盖率");
  });

  it("corrects the wrong character wherever it stands in the word", () => {
    expect(report.correct("轨到交通", inReport)).toBe("轨道交通"); // second of four
    expect(report.correct("轨道交同", inReport)).toBe("轨道交通"); // last
    expect(report.correct("鬼道交通", inReport)).toBe("轨道交通"); // first
    expect(report.correct("地区生产总植", inReport)).toBe("地区生产总值"); // six characters
  });

  it("does not correct a word that differs from every report word in two places", () => {
    expect(report.correct("复盖律", inReport)).toBeUndefined();
    expect(report.correct("规到交通", inReport)).toBeUndefined();
  });
});

describe("ReportVocabulary.correct: what is never corrected", () => {
  it("never corrects a word the report contains, even one edit from a frequent report word", () => {
    expect(report.correct("覆盖率", inReport)).toBeUndefined();
    // 覆盖面 stands in the report's text (网络覆盖面) though it is no word of its segmentation.
    expect(report.correct("覆盖面", inReport)).toBeUndefined();
    // Control: the same word is corrected when the report does not contain it.
    expect(report.correct("覆盖面", nowhere)).toBe("覆盖率");
  });

  it("never corrects two-character words, though one substitution from a frequent report word", () => {
    // 处于 is a real word the report merely does not use, not a typo of 勇于.
    expect(report.correct("处于", inReport)).toBeUndefined();
    expect(report.correct("森木", inReport)).toBeUndefined();
    // Control: the same vocabulary corrects a three-character word.
    expect(report.correct("复盖率", inReport)).toBe("覆盖率");
  });

  it("does not correct when two candidates are used about as often", () => {
    const ambiguous = vocabulary({ 覆盖率: 5, 覆盖面: 4 });
    expect(ambiguous.correct("覆盖量", nowhere)).toBeUndefined();
  });

  it("corrects to the candidate the report uses clearly more often", () => {
    const dominant = vocabulary({ 覆盖率: 12, 覆盖面: 2 });
    expect(dominant.correct("覆盖量", nowhere)).toBe("覆盖率");
    const reversed = vocabulary({ 覆盖率: 2, 覆盖面: 12 });
    expect(reversed.correct("覆盖量", nowhere)).toBe("覆盖面");
  });

  it("does not drop an extra character: a total (总面积) is not read as the part the report gives (面积)", () => {
    expect(report.correct("总面积", inReport)).toBeUndefined();
  });

  it("leaves words that are not all Chinese characters alone", () => {
    expect(report.correct("5g基站", nowhere)).toBeUndefined();
    expect(report.correct("gdp", nowhere)).toBeUndefined();
  });
});

describe("ReportVocabulary.correct: one missing character", () => {
  it("restores a character left out of a word of four or more characters", () => {
    expect(report.correct("轨交通", inReport)).toBe("轨道交通");
    expect(report.correct("轨道通", inReport)).toBe("轨道交通");
    expect(report.correct("地区产总值", inReport)).toBe("地区生产总值");
  });

  it("does not restore a character of a three-character word (what is typed is only two)", () => {
    expect(report.correct("覆率", inReport)).toBeUndefined();
  });
});

describe("ReportVocabulary keeps only words it can correct to", () => {
  it("ignores single characters, non-Han words and very long words", () => {
    const words = vocabulary({ 森: 3, gdp: 4, "5g": 2, 覆盖率: 1, 中国特色社会主义现代化: 1 });
    expect(words.size).toBe(1);
    expect(words.has("覆盖率")).toBe(true);
    expect(words.has("森")).toBe(false);
    expect(words.has("gdp")).toBe(false);
  });
});

describe("correctTerms", () => {
  it("replaces each typo in place and reports what was typed and what it became", () => {
    const result = correctTerms(["森林", "复盖率", "轨到交通"], report, inReport);
    expect(result.terms).toEqual(["森林", "覆盖率", "轨道交通"]);
    expect(result.corrections).toEqual([
      { typed: "复盖率", corrected: "覆盖率" },
      { typed: "轨到交通", corrected: "轨道交通" },
    ]);
  });

  it("leaves terms the report contains and terms without a clear correction as they are", () => {
    const result = correctTerms(["覆盖率", "房价", "天气预报"], report, inReport);
    expect(result.terms).toEqual(["覆盖率", "房价", "天气预报"]);
    expect(result.corrections).toEqual([]);
  });

  it("corrects nothing with an empty vocabulary", () => {
    const result = correctTerms(["复盖率"], new ReportVocabulary(new Map()), inReport);
    expect(result).toEqual({ terms: ["复盖率"], corrections: [] });
  });
});
