import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../src/core/chunking/chunk.js";
import { reportTerms } from "../../../src/core/text/report-terms.js";

const chunk = (text: string, sectionPath: string[]): Chunk => ({ id: "c", source: "s", title: "t", sectionPath, start: 0, end: text.length, text });

describe("reportTerms", () => {
  // 彰显山水特色 and 建设休闲旅游胜地 are heading phrases (over 4 characters), not terms.
  it("takes quoted terms, each item of a quoted list, and short heading pieces, sorted", () => {
    const chunks = [
      chunk("培育“专精特新”企业,坚持“共抓大保护、不搞大开发”,“人”“地”都要。", ["(五)彰显山水特色,建设休闲旅游胜地", "护好“绿水青山”"]),
      chunk("建设“五地一城”。", ["总体要求"]),
    ];
    expect(reportTerms(chunks)).toEqual(["不搞大开发", "专精特新", "五地一城", "共抓大保护", "总体要求", "护好", "绿水青山"].sort());
  });

  it("leaves out single characters, long phrases and non-Han quotes", () => {
    const words = reportTerms([chunk("“城”“4+1”“半小时中心城区一小时江津全域两小时周边城市”", ["建设内陆开放前沿和陆港型综合物流基地"])]);
    expect(words).toEqual([]);
  });
});
