import { describe, expect, it } from "vitest";
import { isAbstention, parseAnswerFile } from "../../../src/core/evaluation/answer-file.js";

const lines = (...values: unknown[]): string => values.map((value) => (typeof value === "string" ? value : JSON.stringify(value))).join("\n");

describe("answers file lines (npm run eval -- --answers)", () => {
  it("reads a RAGAS line (user_input, response, retrieved_contexts, reference) as this format's question, answer, contexts, reference", () => {
    const { answers, problems } = parseAnswerFile(
      lines({ user_input: "到2026年地区生产总值目标是多少", response: "1800亿元左右。", retrieved_contexts: ["到2026年,地区生产总值达1800亿元左右"], reference: "1800亿元" }),
    );
    expect(problems).toEqual([]);
    expect(answers).toEqual([
      { line: 1, item: { question: "到2026年地区生产总值目标是多少", answer: "1800亿元左右。", contexts: ["到2026年,地区生产总值达1800亿元左右"], reference: "1800亿元" } },
    ]);
  });

  it("takes plain-string citations as quotes and keeps this project's citation shape", () => {
    const { answers } = parseAnswerFile(
      lines({ answer: "森林覆盖率达52%[1]。[2]", citations: ["森林覆盖率达52%", { marker: 2, quoteStart: 1373, quoteEnd: 1382, source: "corpus/jiangjin-15th-congress-report.txt", section: ["过去五年"] }] }),
    );
    expect(answers[0]?.item.citations).toEqual([
      { quote: "森林覆盖率达52%" },
      { marker: 2, quoteStart: 1373, quoteEnd: 1382, source: "corpus/jiangjin-15th-congress-report.txt", section: ["过去五年"] },
    ]);
  });

  it("prefers the project's own field name when a line gives both it and the alias", () => {
    const { answers } = parseAnswerFile(lines({ question: "own", user_input: "alias", answer: "own answer", response: "alias answer" }));
    expect(answers[0]?.item).toEqual({ question: "own", answer: "own answer" });
  });

  it("keeps a line without id (graded for grounding only) and one with an id", () => {
    const { answers } = parseAnswerFile(lines({ answer: "a" }, { id: "num-01", answer: "b", latencyMs: 12, answerKind: "direct", abstained: false }));
    expect(answers.map((answer) => [answer.line, answer.item.id])).toEqual([
      [1, undefined],
      [2, "num-01"],
    ]);
  });

  it("reports each bad line by its 1-based number (a blank line still counts) with what is wrong, and keeps the rest", () => {
    const { answers, problems } = parseAnswerFile(
      lines(
        { answer: "fine" },
        "{not json",
        { question: "no answer" },
        "",
        { answer: 42 },
        [],
        { answer: "a", citations: [{ section: ["x"] }] },
        { answer: "a", contexts: "one string" },
        { answer: "a", id: "" },
        { response: "still fine" },
      ),
    );
    expect(answers.map((answer) => answer.line)).toEqual([1, 10]);
    expect(problems).toEqual([
      { line: 2, message: "not valid JSON" },
      { line: 3, message: "answer: missing: give the answer text as answer (or response)" },
      { line: 5, message: "answer: must be a string" },
      { line: 6, message: "line: must be a JSON object" },
      { line: 7, message: "citations.0: a citation needs a quote, a chunkId, or quoteStart and quoteEnd" },
      { line: 8, message: "contexts: must be an array of strings" },
      { line: 9, message: "id: must not be empty" },
    ]);
  });

  it("counts a line as abstaining by its flag, else by a refusal phrase", () => {
    expect(isAbstention({ answer: "报告中没有找到相关内容。" })).toBe(true);
    expect(isAbstention({ answer: "The report does not cover this: not covered." })).toBe(true);
    expect(isAbstention({ answer: "报告中没有找到相关内容。", abstained: false })).toBe(false);
    expect(isAbstention({ answer: "1800亿元左右。" })).toBe(false);
  });
});
