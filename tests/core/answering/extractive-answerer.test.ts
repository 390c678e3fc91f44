import { beforeAll, describe, expect, it } from "vitest";
import type { AnswerPiece } from "../../../src/core/answering/answer-draft.js";
import { composeAnswer } from "../../../src/core/answering/extractive-answerer.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import type { AskResponse } from "../../../src/core/schemas/ask-response.js";
import { reportEngine } from "../../support/engine.js";

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

function expectSuggestions(response: AskResponse): void {
  expect(response.suggestions?.length ?? 0).toBeGreaterThan(0);
  for (const suggestion of response.suggestions ?? []) {
    expect(engine.chunks.find((chunk) => chunk.id === suggestion.chunkId)?.sectionPath).toEqual(suggestion.section);
  }
}

describe("the extractive answerer, through ask", () => {
  it("answers an English question with the report's Chinese quote behind a short English lead", async () => {
    const response = await ask(engine, { question: "What is Jiangjin's GDP target for 2026?" });
    expect(response).toMatchObject({ abstained: false, answerKind: "direct", language: "en", lead: "The report says: " });
    expect(response.answer.startsWith("The report says: ")).toBe(true);
    expect(response.answer).toContain("1800亿元");
    expect(response.citations[0]?.quote).toContain("1800亿元");
  });

  it("refuses keyboard mash as unreadable, without suggestions", async () => {
    const response = await ask(engine, { question: "asdfjkl;qwer zxcv" });
    expect(response).toMatchObject({ abstained: true, answerKind: "not-in-report", abstentionReason: "unreadable-language", citations: [] });
    expect(response.suggestions).toBeUndefined();
  });

  it("abstains on a year the report does not cover, naming the year", async () => {
    const response = await ask(engine, { question: "2030年江津地区生产总值目标是多少" });
    expect(response).toMatchObject({ abstained: true, abstentionReason: "other-year", citations: [] });
    expect(response.answer).toContain("2030年");
    expect(response.answer).not.toContain("1800");
    expectSuggestions(response);
  });

  it("abstains on the 2026 GDP target of another district instead of giving Jiangjin's", async () => {
    const response = await ask(engine, { question: "重庆市渝北区2026年地区生产总值目标是多少？" });
    expect(response.abstained).toBe(true);
    expect(response.citations).toEqual([]);
    expect(response.answer).not.toContain("1800");
    expectSuggestions(response);
  });

  it("says the report is about Jiangjin when asked about another district", async () => {
    const response = await ask(engine, { question: "渝北区2026年地区生产总值目标是多少" });
    expect(response).toMatchObject({ abstained: true, abstentionReason: "other-place", citations: [] });
    expect(response.answer).toContain("渝北");
    expectSuggestions(response);
  });

  it("names the other place even when the report's words half-match the question", async () => {
    for (const question of ["重庆市渝北区2026年地区生产总值目标是多少？", "成都的森林覆盖率是多少", "永川区的森林覆盖率是多少？"]) {
      const response = await ask(engine, { question });
      expect(response, question).toMatchObject({ abstained: true, abstentionReason: "other-place" });
    }
  });

  it("answers each part of a two-year question with its figure, not with the year it names", async () => {
    const response = await ask(engine, { question: "2021年地区生产总值是多少？2026年的目标是多少？" });
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("1200亿元");
    expect(response.answer).toContain("1800亿元");
  });

  it("abstains on something about Jiangjin the report leaves out, with suggestions", async () => {
    const response = await ask(engine, { question: "江津的房价现在一平米多少钱?" });
    // The report speaks of housing (住房) but gives no price: the figure asked for is not there.
    expect(response).toMatchObject({ abstained: true, answerKind: "not-in-report", abstentionReason: "figure-not-given", citations: [] });
    expectSuggestions(response);
  });

  it("answers an elliptical follow-up from the question before it", async () => {
    const response = await ask(engine, { question: "那到2026年呢?", history: [{ role: "user", content: "2021年地区生产总值是多少" }] });
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("1800");
    expect(response.citations[0]?.section).toEqual(["未来五年建设“五地一城”"]);
  });

  it("answers a question in traditional characters like its simplified form", async () => {
    const response = await ask(engine, { question: "江津區的森林覆蓋率是多少" });
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("52%");
    expect(response.citations.some((citation) => citation.quote.includes("森林覆盖率达52%"))).toBe(true);
  });

  it("lists all five special actions for “五大专项行动是哪五个”", async () => {
    const response = await ask(engine, { question: "五大专项行动是哪五个" });
    expect(response.abstained).toBe(false);
    for (const item of ["骨干企业数量倍增", "优质企业规模倍增", "低效企业质量倍增", "数智绿色改造倍增", "创新能力倍增"]) {
      expect(response.answer).toContain(item);
    }
  });

  it("answers a question spanning two sections with the figure from each, each cited", async () => {
    const response = await ask(engine, { question: "GDP从2021年到2026年要从多少涨到多少？" });
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("1200亿元");
    expect(response.answer).toContain("1800亿元");
    expect(response.citations.length).toBeGreaterThanOrEqual(2);
  });
});

describe("composeAnswer", () => {
  const piece = (quote: string): AnswerPiece => ({
    chunk: { id: "c", source: "s", title: "t", sectionPath: [], start: 0, end: quote.length, text: quote },
    quoteStart: 0,
    quoteEnd: quote.length,
    quote,
    score: 1,
  });

  it("closes each piece with its marker, joins pieces with ；, and ends with 。", () => {
    expect(composeAnswer([piece("森林覆盖率达52%"), piece("空气优良天数稳定达300天以上")])).toBe("森林覆盖率达52%[1]；空气优良天数稳定达300天以上[2]。");
  });

  it("puts a quote that spans a heading line on one line", () => {
    expect(composeAnswer([piece("综合实力持续增强\n\n地区生产总值增长")])).toBe("综合实力持续增强 地区生产总值增长[1]。");
  });
});
