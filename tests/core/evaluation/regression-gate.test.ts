import { describe, expect, it } from "vitest";
import type { QuestionReport, TypeSummary } from "../../../src/core/evaluation/evaluation-report.js";
import { checkThresholds, compareWithBaseline, parseFailUnder } from "../../../src/core/evaluation/regression-gate.js";
import { summarizeQuestions } from "../../../src/core/evaluation/type-summaries.js";

function question(id: string, passed: boolean, overrides: Partial<QuestionReport> = {}): QuestionReport {
  return {
    id,
    type: "numeric",
    question: id,
    answerable: true,
    abstained: !passed,
    answer: passed ? "1800亿元" : "",
    expected: ["1800亿元"],
    factsFound: [passed],
    firstRelevantRank: 1,
    ranking: { hitAt5: true, recallAt5: 1, reciprocalRank: 1, ndcgAt10: 1 },
    citations: [],
    passages: [],
    sentences: [],
    unsupportedNumbers: [],
    latencyMs: 3,
    passed,
    ...overrides,
  };
}

const summaryOf = (questions: QuestionReport[]): TypeSummary[] => [summarizeQuestions("all", questions)];

describe("compareWithBaseline", () => {
  it("names questions that flipped and marks a fact-recall drop as worse", () => {
    const before = [question("a", true), question("b", false), question("c", true)];
    const after = [question("a", false), question("b", true), question("c", true)];
    const diff = compareWithBaseline(summaryOf(after), after, { createdAt: "then", summaries: summaryOf(before), questions: before });
    expect(diff.newlyFailing).toEqual(["a"]);
    expect(diff.newlyPassing).toEqual(["b"]);
    const recall = diff.deltas.find((delta) => delta.metric === "factRecall");
    expect(recall).toMatchObject({ delta: 0, worse: false });
  });

  it("treats a rise in the false-abstention rate as worse", () => {
    const before = [question("a", true), question("b", true)];
    const after = [question("a", true), question("b", false)];
    const diff = compareWithBaseline(summaryOf(after), after, { createdAt: "then", summaries: summaryOf(before), questions: before });
    expect(diff.deltas.find((delta) => delta.metric === "falseAbstentionRate")).toMatchObject({ before: 0, after: 0.5, worse: true });
    expect(diff.deltas.find((delta) => delta.metric === "factRecall")).toMatchObject({ worse: true });
  });
});

describe("checkThresholds", () => {
  it("fails a floor or a ceiling that is crossed, and passes what is within limits", () => {
    const summaries = summaryOf([question("a", true), question("b", false)]);
    const results = checkThresholds(summaries, { minimum: { factRecall: 0.9, hitAt5: 0.9 }, maximum: { falseAbstentionRate: 0.1 } });
    expect(results.map((result) => [result.metric, result.passed])).toEqual([
      ["factRecall", false],
      ["hitAt5", true],
      ["falseAbstentionRate", false],
    ]);
  });

  it("does not fail on a metric the run could not measure", () => {
    const summaries = summaryOf([question("a", true, { ranking: null })]);
    expect(checkThresholds(summaries, { minimum: { hitAt5: 0.97 }, maximum: {} })).toEqual([{ metric: "hitAt5", threshold: 0.97, value: null, passed: true }]);
  });
});

describe("parseFailUnder", () => {
  it("reads metric=value as a floor, or a ceiling for lower-is-better metrics", () => {
    expect(parseFailUnder("factRecall=0.92")).toEqual({ metric: "factRecall", value: 0.92, kind: "minimum" });
    expect(parseFailUnder("falseAbstentionRate=0.05")).toEqual({ metric: "falseAbstentionRate", value: 0.05, kind: "maximum" });
    expect(() => parseFailUnder("recall=0.9")).toThrow(/metric among/u);
    expect(() => parseFailUnder("factRecall")).toThrow();
  });
});
