import { describe, expect, it } from "vitest";
import { englishStem, englishTokens } from "../../../src/core/lexicon/english-words.js";
import { translateEnglishQuestion } from "../../../src/core/lexicon/translate-english.js";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { committedLexicon } from "../../support/committed-lexicon.js";

const translate = (question: string) => translateEnglishQuestion(normalizeText(question), committedLexicon());
const chineseOf = (question: string): string[] => translate(question).terms.flatMap((term) => term.chinese);

describe("englishStem", () => {
  it("meets plurals, -ing and -ed forms of a word, and British -ise spellings", () => {
    expect(new Set(["increase", "increases", "increased", "increasing"].map(englishStem)).size).toBe(1);
    expect(englishStem("cities")).toBe(englishStem("city"));
    expect(englishStem("planning")).toBe(englishStem("plan"));
    expect(englishStem("revitalisation")).toBe(englishStem("revitalization"));
    expect(englishStem("process")).toBe("process");
  });

  it("reads numbers as written, thousands commas dropped, and codes as codes", () => {
    expect(englishTokens("1,800 billion, 6.5% and 5G")).toEqual([
      { surface: "1,800", stem: "1800", kind: "number" },
      { surface: "billion", stem: "billion", kind: "word" },
      { surface: "6.5%", stem: "6.5%", kind: "number" },
      { surface: "and", stem: "and", kind: "word" },
      { surface: "5g", stem: "5g", kind: "code" },
    ]);
  });
});

describe("translateEnglishQuestion over the committed lexicon", () => {
  it("maps planning terms to the report's Chinese, longest phrase first", () => {
    const { terms, unknownWords } = translate("What is the per capita disposable income?");
    expect(terms).toEqual([{ english: "per capita disposable income", chinese: ["人均可支配收入"], weight: 1 }]);
    expect(unknownWords).toEqual([]);
    expect(chineseOf("What is the forest coverage rate?")).toEqual(["森林覆盖率"]);
    expect(chineseOf("How is the business environment?")).toEqual(["营商环境"]);
    expect(chineseOf("What about rural revitalization?")).toEqual(["乡村振兴"]);
  });

  it("keeps numbers and years as they are, and reads 'by 2026' as the report writes it", () => {
    expect(chineseOf("What is the GDP target for 2026?")).toEqual(["地区生产总值", "生产总值", "目标", "2026"]);
    expect(chineseOf("By 2026, will the growth be 6%?")).toEqual(expect.arrayContaining(["到2026年", "6%"]));
    expect(chineseOf("1,800 billion")[0]).toBe("1800");
  });

  it("finds words of the report through CC-CEDICT glosses, with a weight below hand-written terms", () => {
    const { terms } = translate("Which kilometers of railway were opened?");
    const kilometres = terms.find((term) => term.english === "kilometers");
    expect(kilometres?.chinese).toContain("公里");
    expect(kilometres!.weight).toBeGreaterThan(0);
    expect(kilometres!.weight).toBeLessThanOrEqual(1);
    expect(terms.find((term) => term.english === "railway")?.chinese).toEqual(["铁路"]);
  });

  it("names the report's place from the sidecar and keeps Chinese written in the question", () => {
    expect(chineseOf("How will Jiangjin build high-speed rail?")).toEqual(expect.arrayContaining(["江津", "高铁"]));
    expect(chineseOf("What is 五地一城?")).toEqual(["五地一城"]);
  });

  it("lists the content words it has no Chinese for, and drops stop words", () => {
    const { unknownWords, terms } = translate("What does the report say about quidditch?");
    expect(unknownWords).toEqual(["quidditch"]);
    expect(terms).toEqual([]);
  });
});
