import { describe, expect, it } from "vitest";
import type { QuestionResult } from "../../../src/core/evaluation/question-result.js";
import { median, summarize, summarizeByType } from "../../../src/core/evaluation/summary.js";

function result(overrides: Partial<QuestionResult> & Pick<QuestionResult, "id" | "type">): QuestionResult {
  return {
    question: overrides.id,
    answerable: true,
    abstained: false,
    answer: "",
    firstRelevantRank: undefined,
    hasEvidence: true,
    factsFound: 0,
    factsTotal: 0,
    answerCharacters: 0,
    unsupportedNumbers: [],
    quotesExact: true,
    latencyMs: 0,
    support: undefined,
    ...overrides,
  };
}

const results: QuestionResult[] = [
  // Found at rank 1, both facts, 20 characters.
  result({ id: "a", type: "numeric", firstRelevantRank: 1, factsFound: 2, factsTotal: 2, answerCharacters: 20, latencyMs: 10 }),
  // Found at rank 3, one of two facts, states a number its quotes lack.
  result({ id: "b", type: "numeric", firstRelevantRank: 3, factsFound: 1, factsTotal: 2, answerCharacters: 40, unsupportedNumbers: ["9"], latencyMs: 30 }),
  // Evidence only at rank 7, and a false abstention.
  result({ id: "c", type: "list", firstRelevantRank: 7, abstained: true, factsFound: 0, factsTotal: 1, answerCharacters: 30, latencyMs: 20 }),
  // No gold evidence to rank against; right answer with a misplaced quote.
  result({ id: "d", type: "list", hasEvidence: false, factsFound: 1, factsTotal: 1, answerCharacters: 60, quotesExact: false, latencyMs: 40 }),
  // Unanswerable: one correct abstention, one made-up answer.
  result({ id: "e", type: "unanswerable", answerable: false, hasEvidence: false, abstained: true, answerCharacters: 25, latencyMs: 50 }),
  result({ id: "f", type: "unanswerable", answerable: false, hasEvidence: false, answerCharacters: 80, latencyMs: 60 }),
];

describe("summarize", () => {
  const all = summarize("all", results);

  it("counts hit@5 and MRR over answerable questions that have gold evidence", () => {
    expect(all.questions).toBe(6);
    expect(all.hitAt5).toBeCloseTo(2 / 3, 12);
    expect(all.meanReciprocalRank).toBeCloseTo((1 + 1 / 3 + 1 / 7) / 3, 12);
  });

  it("counts fact recall over all expected facts, and all-facts accuracy per question", () => {
    expect(all.factRecall).toBeCloseTo(4 / 6, 12);
    expect(all.allFactsAccuracy).toBeCloseTo(2 / 4, 12);
  });

  it("separates correct abstentions on unanswerable questions from false abstentions on answerable ones", () => {
    expect(all.abstentionAccuracy).toBeCloseTo(1 / 2, 12);
    expect(all.falseAbstentionRate).toBeCloseTo(1 / 4, 12);
  });

  it("takes the median answer length over answered answerable questions only", () => {
    expect(all.medianAnswerCharacters).toBe(40);
  });

  it("counts number fidelity and quote exactness over every answered question", () => {
    expect(all.numberFidelity).toBeCloseTo(3 / 4, 12);
    expect(all.quoteExactness).toBeCloseTo(3 / 4, 12);
    expect(all.medianLatencyMs).toBe(35);
  });

  it("leaves a metric undefined when no question qualifies for it", () => {
    const unanswerableOnly = summarize("unanswerable", results.filter((entry) => !entry.answerable));
    expect(unanswerableOnly.hitAt5).toBeUndefined();
    expect(unanswerableOnly.meanReciprocalRank).toBeUndefined();
    expect(unanswerableOnly.factRecall).toBeUndefined();
    expect(unanswerableOnly.falseAbstentionRate).toBeUndefined();
    expect(unanswerableOnly.medianAnswerCharacters).toBeUndefined();
    expect(unanswerableOnly.abstentionAccuracy).toBe(0.5);
    const empty = summarize("none", []);
    expect(empty.questions).toBe(0);
    expect(Object.entries(empty).filter(([, value]) => value !== undefined).map(([key]) => key).sort()).toEqual(["questions", "type"]);
  });
});

describe("summarizeByType", () => {
  it("gives one summary per type in first-seen order, then all", () => {
    const summaries = summarizeByType(results);
    expect(summaries.map((summary) => [summary.type, summary.questions])).toEqual([
      ["numeric", 2],
      ["list", 2],
      ["unanswerable", 2],
      ["all", 6],
    ]);
    expect(summaries[0]?.hitAt5).toBe(1);
    expect(summaries[1]?.falseAbstentionRate).toBe(0.5);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values, whatever the input order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});
