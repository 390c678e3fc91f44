import { describe, expect, it } from "vitest";
import { lexiconVocabulary } from "../../../src/core/lexicon/lexicon-vocabulary.js";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { committedLexicon } from "../../support/committed-lexicon.js";

const vocabulary = lexiconVocabulary(committedLexicon());

describe("lexiconVocabulary: the committed lexicon in the shape question understanding asks for", () => {
  it("rewrites everything, or standardises the question frame only", () => {
    expect(vocabulary.rewrite(normalizeText("啷个坐地铁嘛")).replace(/\s+/gu, " ").trim()).toBe("怎么 轨道交通");
    expect(vocabulary.standardize(normalizeText("啷个坐地铁嘛"))).toBe("怎么坐地铁");
  });

  it("translates English questions only", () => {
    expect(vocabulary.translateEnglish(normalizeText("What is the GDP target by 2026?"))).toEqual({ chinese: ["地区生产总值", "目标", "到2026年"], unknown: [] });
    expect(vocabulary.translateEnglish("地区生产总值是多少")).toBeUndefined();
  });

  it("names places as written, and the divisions above them with their short forms", () => {
    expect(vocabulary.placesIn(normalizeText("中国共产党重庆市江津区第十五次代表大会报告解读"))).toEqual(["重庆市", "江津区"]);
    expect(vocabulary.parentsOf(["江津"])).toEqual(["重庆市", "重庆"]);
  });
});
