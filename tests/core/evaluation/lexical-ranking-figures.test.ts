import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../src/core/chunking/chunk.js";
import { goldQuestionSchema } from "../../../src/core/evaluation/gold-question.js";
import { questionsWithEvidence, rankingFigures } from "../../../src/core/evaluation/lexical-ranking-figures.js";

const source = "report.txt";
const text = "第一段讲港口建设。第二段讲学校建设。第三段讲生态保护。";
const chunkAt = (id: string, start: number, end: number): Chunk => ({ id, source, title: "t", sectionPath: [], start, end, text: text.slice(start, end) });
const chunks = [chunkAt("a", 0, 9), chunkAt("b", 9, 18), chunkAt("c", 18, 27)];
const question = (id: string, evidence: string[], answerable = true) => goldQuestionSchema.parse({ id, type: "t", question: "问？", answerable, evidence });

describe("questionsWithEvidence", () => {
  it("grades questions by the chunks their evidence overlaps, and counts the ones it cannot grade", () => {
    const { graded, withoutEvidence } = questionsWithEvidence(
      [question("one", ["港口建设"]), question("two", ["学校建设。第三段"]), question("none", [], false), question("gone", ["不在报告里"])],
      chunks,
      new Map([[source, text]]),
    );
    expect(graded.map((entry) => [entry.question.id, [...entry.relevant].sort()])).toEqual([
      ["one", ["a"]],
      // Overlaps b by 5 of its 8 characters (over half) and c by 3 (under half).
      ["two", ["b"]],
    ]);
    expect(withoutEvidence).toBe(2);
  });
});

describe("rankingFigures", () => {
  it("averages recall@k, hit@k and MRR@10 over the questions", () => {
    const figures = rankingFigures(
      [
        { retrieved: ["a", "x", "b"], relevant: new Set(["a", "b"]) },
        { retrieved: ["x", "y", "c"], relevant: new Set(["c"]) },
        { retrieved: [...Array.from({ length: 10 }, (_, index) => `n${index}`), "d"], relevant: new Set(["d"]) },
      ],
      [1, 5],
    );
    expect(figures.questions).toBe(3);
    expect(figures.recall[1]).toBeCloseTo((0.5 + 0 + 0) / 3);
    expect(figures.recall[5]).toBeCloseTo((1 + 1 + 0) / 3);
    expect(figures.hit[1]).toBeCloseTo(1 / 3);
    expect(figures.hit[5]).toBeCloseTo(2 / 3);
    // Rank 11 is past MRR@10's cut-off.
    expect(figures.mrrAt10).toBeCloseTo((1 + 1 / 3 + 0) / 3);
  });

  it("gives zeros, not NaN, for no questions", () => {
    expect(rankingFigures([], [1])).toEqual({ questions: 0, recall: { 1: 0 }, hit: { 1: 0 }, mrrAt10: 0 });
  });
});
