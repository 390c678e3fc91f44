import { describe, expect, it } from "vitest";
import { findVocabularyMatches, rewriteQuestion } from "../../../src/core/lexicon/vocabulary-lookup.js";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { committedLexicon } from "../../support/committed-lexicon.js";

const lexicon = committedLexicon();
const rewrite = (question: string): string => rewriteQuestion(normalizeText(question), lexicon).replace(/\s+/gu, " ").trim();

describe("vocabulary look-up over the committed lexicon", () => {
  it("reads dialect as standard Mandarin and drops fillers at the end of a clause", () => {
    expect(rewrite("啷个整噻")).toBe("怎么做");
    expect(rewrite("GDP好多哦?")).toBe("地区生产总值 生产总值 多少?");
    expect(rewrite("哈尔滨冷不冷嘛")).toBe("哈尔滨冷不冷");
  });

  it("replaces everyday words by the report's terms, and the report's own expressions by what it means", () => {
    expect(rewrite("坐地铁方便吗")).toBe("轨道交通 方便吗");
    expect(rewrite("五年后工资能涨到多少")).toBe("到2026年 可支配收入 收入 能涨到多少");
  });

  it("does not match inside a word of the report or a dictionary word", () => {
    expect(findVocabularyMatches(normalizeText("整治河道"), lexicon)).toEqual([]);
    expect(rewrite("整个江津啷个样")).toBe("整个江津怎么样");
    // 河水 straddles 綦江河 and 水质.
    expect(rewrite("綦江河水质怎么样")).toBe("綦江河水质怎么样");
  });

  it("reports what each match is", () => {
    expect(findVocabularyMatches(normalizeText("看病难不难嘛"), lexicon)).toEqual([
      { start: 0, end: 3, text: "看病难", to: ["医疗", "医疗服务"], kind: "everyday", inCorpus: false },
      { start: 5, end: 6, text: "嘛", to: [], kind: "filler", inCorpus: false },
    ]);
  });
});
