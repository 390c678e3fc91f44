import { describe, expect, it } from "vitest";
import type { ClaimVerdict, VerifiedClaim } from "../../../src/core/verification/verification-schema.js";
import type { GroundedAnswer } from "../../../src/core/evaluation/grounding-report.js";
import { summarizeGrounding, verdictCounts, worstFirst } from "../../../src/core/evaluation/grounding-summary.js";
import { proportion } from "../../../src/core/evaluation/wilson-interval.js";

const claim = (verdict: ClaimVerdict): VerifiedClaim => ({ text: "x", start: 0, end: 1, sentence: 0, verdict, support: 1, reasons: [], spans: [], figures: [] });

function answer(line: number, verdicts: readonly ClaimVerdict[], overall: ClaimVerdict, figures: Partial<Pick<GroundedAnswer, "citationRecall" | "citationPrecision" | "contextSupport">> = {}): GroundedAnswer {
  return { line, question: "q", answer: "a", verdict: overall, claims: verdicts.map(claim), citationRecall: null, citationPrecision: null, contextSupport: null, ...figures };
}

const answers = [
  answer(1, ["supported", "supported"], "supported", { citationRecall: 1, citationPrecision: 1 }),
  answer(2, ["supported", "contradicted"], "contradicted", { citationRecall: 0.5, citationPrecision: 0.5, contextSupport: 0.5 }),
  answer(3, ["not-found"], "not-found"),
  answer(4, ["partly-supported", "supported"], "partly-supported"),
  answer(5, ["not-found", "not-found", "supported"], "partly-supported"),
];

describe("summarizeGrounding", () => {
  const summary = summarizeGrounding(answers, 2);

  it("gives the share of claims per verdict with its 95% Wilson interval", () => {
    expect(summary.claims).toBe(10);
    expect(summary.claimVerdicts.supported).toEqual(proportion(5, 10));
    expect(summary.claimVerdicts.contradicted).toEqual(proportion(1, 10));
    expect(summary.claimVerdicts["not-found"]).toEqual(proportion(3, 10));
    expect(summary.claimVerdicts["partly-supported"]).toEqual(proportion(1, 10));
    expect(summary.claimVerdicts.supported.low).toBeLessThan(0.5);
    expect(summary.claimVerdicts.supported.high).toBeGreaterThan(0.5);
  });

  it("gives the share of answers per verdict, and counts abstentions apart", () => {
    expect(summary.answers).toBe(5);
    expect(summary.abstained).toBe(2);
    expect(summary.answerVerdicts["partly-supported"]).toEqual(proportion(2, 5));
    expect(summary.answerVerdicts.contradicted).toEqual(proportion(1, 5));
  });

  it("averages citation and context figures over the answers that have them only", () => {
    expect(summary.citationRecall).toEqual({ value: 0.75, count: 2 });
    expect(summary.citationPrecision).toEqual({ value: 0.75, count: 2 });
    expect(summary.contextSupport).toEqual({ value: 0.5, count: 1 });
  });

  it("has no shares, only zero counts, when every answer abstained", () => {
    const empty = summarizeGrounding([], 3);
    expect(empty).toMatchObject({ answers: 0, claims: 0, abstained: 3 });
    expect(empty.claimVerdicts.supported).toEqual({ value: null, count: 0 });
    expect(empty.citationRecall).toEqual({ value: null, count: 0 });
  });

  it("counts claims and answers per verdict", () => {
    expect(verdictCounts(answers)).toEqual({
      claims: { contradicted: 1, "not-found": 3, "partly-supported": 1, supported: 5 },
      answers: { contradicted: 1, "not-found": 1, "partly-supported": 2, supported: 1 },
    });
  });
});

describe("worstFirst", () => {
  it("lists contradicted, then not found, then partly supported (more unsupported claims first), then supported", () => {
    expect(worstFirst(answers).map((each) => each.line)).toEqual([2, 3, 5, 4, 1]);
  });
});
