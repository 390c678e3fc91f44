import { describe, expect, it } from "vitest";
import type { QuestionReport } from "../../../src/core/evaluation/evaluation-report.js";
import { latencyHistogram, summarizeByType, summarizeQuestions } from "../../../src/core/evaluation/type-summaries.js";

const base: QuestionReport = {
  id: "x",
  type: "numeric",
  question: "q",
  answerable: true,
  abstained: false,
  answer: "地区生产总值达1800亿元左右[1]。",
  expected: ["1800亿元", "6%"],
  factsFound: [true, false],
  firstRelevantRank: 2,
  ranking: { hitAt5: true, recallAt5: 0.5, reciprocalRank: 0.5, ndcgAt10: 0.6 },
  citations: [{ marker: 1, quote: "地区生产总值达1800亿元左右", section: [], quoteStart: 1, quoteEnd: 2, valid: true, precise: true }],
  passages: [],
  sentences: [{ text: "地区生产总值达1800亿元左右", support: 1, supported: true }],
  unsupportedNumbers: [],
  latencyMs: 4,
  passed: false,
};

describe("summarizeQuestions", () => {
  it("computes each metric over the questions it applies to", () => {
    const questions: QuestionReport[] = [
      base,
      { ...base, id: "y", factsFound: [true, true], passed: true, ranking: { hitAt5: false, recallAt5: 0, reciprocalRank: 0, ndcgAt10: 0 }, latencyMs: 10, unsupportedNumbers: ["7"] },
      { ...base, id: "z", answerable: false, abstained: true, expected: [], factsFound: [], ranking: null, citations: [], sentences: [], passed: true, latencyMs: 2 },
      { ...base, id: "w", answerable: false, abstained: false, expected: [], factsFound: [], ranking: null, passed: false, latencyMs: 6 },
    ];
    const { metrics, questions: count } = summarizeQuestions("all", questions);
    expect(count).toBe(4);
    expect(metrics.hitAt5).toMatchObject({ value: 0.5, count: 2 });
    expect(metrics.meanReciprocalRank).toMatchObject({ value: 0.25, count: 2 });
    expect(metrics.factRecall).toMatchObject({ value: 0.75, count: 4 });
    expect(metrics.allFactsAccuracy).toMatchObject({ value: 0.5, count: 2 });
    expect(metrics.abstentionAccuracy).toMatchObject({ value: 0.5, count: 2 });
    expect(metrics.falseAbstentionRate).toMatchObject({ value: 0, count: 2 });
    expect(metrics.unsupportedNumberRate).toMatchObject({ value: 1 / 3, count: 3 });
    expect(metrics.citationValidity).toMatchObject({ value: 1, count: 3 });
    expect(metrics.latencyP50Ms.value).toBe(5);
    expect(metrics.factRecall.low!).toBeLessThan(0.75);
  });
});

describe("summarizeByType", () => {
  it("gives one row per type in first-seen order, then all", () => {
    const rows = summarizeByType([base, { ...base, id: "b", type: "list" }, { ...base, id: "c" }]);
    expect(rows.map((row) => [row.type, row.questions])).toEqual([
      ["numeric", 2],
      ["list", 1],
      ["all", 3],
    ]);
  });
});

describe("latencyHistogram", () => {
  it("puts every latency in one of ten buckets up to the slowest", () => {
    const histogram = latencyHistogram([1, 2, 3, 10].map((latencyMs, index) => ({ ...base, id: String(index), latencyMs })));
    expect(histogram).toHaveLength(10);
    expect(histogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(4);
    expect(histogram.at(-1)).toMatchObject({ toMs: 10, count: 1 });
  });
});
