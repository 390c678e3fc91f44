import { describe, expect, it } from "vitest";
import { METRIC_NAMES } from "../../../src/core/evaluation/evaluation-report.js";
import { reportText } from "../../support/corpus.js";
import { SAMPLE_EVALUATION_REPORT as report } from "../../fixtures/sample-evaluation-report.js";

// The renderers' fixture must stay realistic: its text is the report's own, so highlights and
// quotes in report.html mean something when a person looks at the screenshot.

describe("sample evaluation report fixture", () => {
  it("covers passed and failed questions over several types, an abstention and the injected answer", () => {
    expect(report.questions.length).toBeGreaterThanOrEqual(12);
    expect(new Set(report.questions.map((question) => question.type)).size).toBeGreaterThanOrEqual(5);
    expect(report.questions.some((question) => question.passed)).toBe(true);
    expect(report.questions.some((question) => !question.passed)).toBe(true);
    expect(report.questions.some((question) => question.abstained)).toBe(true);
    expect(report.questions.some((question) => question.answer.includes("<img src=x onerror=alert(1)>"))).toBe(true);
    expect(report.thresholds?.filter((threshold) => !threshold.passed)).toHaveLength(1);
    expect(report.latencyHistogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(report.questions.length);
  });

  it("has a baseline diff whose newly failing question failed and newly passing question passed", () => {
    const byId = new Map(report.questions.map((question) => [question.id, question]));
    expect(report.baseline?.newlyFailing).toHaveLength(1);
    expect(report.baseline?.newlyPassing).toHaveLength(1);
    for (const id of report.baseline!.newlyFailing) expect(byId.get(id)?.passed).toBe(false);
    for (const id of report.baseline!.newlyPassing) expect(byId.get(id)?.passed).toBe(true);
  });

  it("takes its passages and valid quotes verbatim from the report, with evidence offsets inside each passage", () => {
    let evidence = 0;
    for (const question of report.questions) {
      for (const passage of question.passages) {
        expect(reportText.slice(passage.start, passage.start + passage.text.length), passage.chunkId).toBe(passage.text);
        for (const range of passage.evidence) {
          expect(range.start).toBeGreaterThanOrEqual(0);
          expect(range.end).toBeLessThanOrEqual(passage.text.length);
          expect(range.end).toBeGreaterThan(range.start);
          evidence += 1;
        }
      }
      for (const citation of question.citations) {
        if (citation.valid) expect(reportText.slice(citation.quoteStart!, citation.quoteEnd!)).toBe(citation.quote);
      }
      expect(question.factsFound).toHaveLength(question.expected.length);
    }
    expect(evidence).toBeGreaterThanOrEqual(10);
  });

  it("summarises every type and 'all' with every metric", () => {
    const types = new Set(report.questions.map((question) => question.type));
    expect(report.summaries.map((summary) => summary.type)).toEqual([...types, "all"]);
    for (const summary of report.summaries) expect(Object.keys(summary.metrics).sort()).toEqual([...METRIC_NAMES].sort());
    expect(report.summaries.at(-1)?.questions).toBe(report.questions.length);
  });
});
