import { describe, expect, it } from "vitest";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { questionKind, type QuestionKind } from "../../../src/core/understanding/question-kind.js";

/** The kind of a question as typed (the reader hands questionKind normalised text). */
const kindOf = (question: string): QuestionKind => questionKind(normalizeText(question));

const cases = (table: readonly (readonly [string, QuestionKind])[]): void => {
  for (const [question, kind] of table) expect.soft(kindOf(question), question).toBe(kind);
};

describe("questionKind: Chinese question words", () => {
  it("reads how-many words as a numeric question", () => {
    cases([
      ["江津区森林覆盖率是多少?", "numeric"],
      ["江津有几个国家级园区?", "numeric"],
      ["绿色建筑占比多少", "numeric"],
      ["江津是第几个获评的区?", "numeric"],
      ["城市轨道有多长?", "numeric"],
    ]);
  });

  it("reads 几 with any measure word (几条, 几座, 几所, 几位) as a how-many question, as 几个 is", () => {
    cases([
      ["江津有几条轨道交通线路?", "numeric"],
      ["江津有几座长江大桥?", "numeric"],
      ["江津有几所大学?", "numeric"],
      ["江津有几位院士?", "numeric"],
    ]);
  });

  it("reads date words as a when-question, the Chongqing 好久 included", () => {
    cases([
      ["什么时候建成?", "when"],
      ["何时通车?", "when"],
      ["轨道交通好久通车?", "when"],
      ["哪年建成?", "when"],
    ]);
  });

  it("reads 哪一年 as a when-question, not a which-question", () => {
    expect(kindOf("江津哪一年撤县设区?")).toBe("when");
    // Control: 哪 with a count is a list question.
    expect(kindOf("江津撤县设区的是哪两个镇?")).toBe("list");
  });

  it("reads 为什么 as a why-question before the which or how-many words that follow it", () => {
    expect(kindOf("为什么要建设哪些物流枢纽?")).toBe("why");
    expect(kindOf("为什么要把森林覆盖率提高到多少?")).toBe("why");
    expect(kindOf("为啥要建设同城化发展先行区?")).toBe("why");
  });

  it("reads which-of and enumeration words as a list question", () => {
    cases([
      ["五大专项行动是哪五个?", "list"],
      ["有哪些重点项目?", "list"],
      ["五大行动分别是什么?", "list"],
      ["现代产业体系包括什么?", "list"],
    ]);
  });

  it("reads a list question with a count (哪五个) as a list, not a how-many question", () => {
    // 几个/个 alone would make it numeric.
    expect(kindOf("五大专项行动是哪五个?")).toBe("list");
    expect(kindOf("有几个专项行动?")).toBe("numeric");
  });

  it("reads 怎么 and 如何 as a how-question", () => {
    cases([
      ["怎么推进乡村振兴?", "how"],
      ["如何建设同城化发展先行区?", "how"],
      ["江津靠什么发展旅游?", "how"],
    ]);
  });

  it("does not read 怎么样 (how is it) or 怎样的 as a how-question", () => {
    expect(kindOf("江津的生态环境怎么样?")).toBe("factoid");
    expect(kindOf("要建设怎样的江津?")).toBe("factoid");
  });

  it("reads 是谁 as a who-question", () => {
    expect(kindOf("报告的作者是谁?")).toBe("who");
    expect(kindOf("区委书记叫什么名字?")).toBe("who");
  });

  it("reads 什么是 and 是指 as a definition question", () => {
    expect(kindOf("什么是五地一城?")).toBe("definition");
    expect(kindOf("“一城”是指什么?")).toBe("definition");
    expect(kindOf("五地一城是什么意思?")).toBe("definition");
  });

  it("reads yes/no frames as a whether-question", () => {
    cases([
      ["江津有没有机场?", "whether"],
      ["江津是全国文明城区吗?", "whether"],
      ["江津是否建设自贸区?", "whether"],
    ]);
  });

  it("reads a question without question words as a factoid question", () => {
    expect(kindOf("江津区的定位")).toBe("factoid");
    expect(kindOf("五地一城")).toBe("factoid");
  });
});

describe("questionKind: English question words", () => {
  it("reads How many / how much as a numeric question, not a how-question", () => {
    expect(kindOf("How many industrial parks does Jiangjin have?")).toBe("numeric");
    expect(kindOf("How much money is invested?")).toBe("numeric");
    expect(kindOf("What is the percentage of green buildings?")).toBe("numeric");
  });

  it("reads Why as a why-question, before a figure word it contains", () => {
    expect(kindOf("Why does Jiangjin build a logistics hub?")).toBe("why");
    expect(kindOf("Why did the percentage of green buildings grow?")).toBe("why");
  });

  it("reads the other English question words", () => {
    cases([
      ["When will the railway open?", "when"],
      ["In which year was the district founded?", "when"],
      ["Which industries are key?", "list"],
      ["Who wrote the report?", "who"],
      ["How does Jiangjin develop tourism?", "how"],
      ["How to improve the environment?", "how"],
      ["What does five places one city mean?", "definition"],
      ["Is Jiangjin a civilized city?", "whether"],
      ["Tell me about tourism", "factoid"],
    ]);
  });
});
