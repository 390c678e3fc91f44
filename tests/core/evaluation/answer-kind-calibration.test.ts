import { describe, expect, it } from "vitest";
import { calibrateAnswerKinds } from "../../../src/core/evaluation/answer-kind-calibration.js";
import type { QuestionReport } from "../../../src/core/evaluation/evaluation-report.js";
import { renderReportHtml } from "../../../src/core/evaluation/report-html.js";
import { renderReportMarkdown } from "../../../src/core/evaluation/report-markdown.js";
import { SAMPLE_EVALUATION_REPORT } from "../../fixtures/sample-evaluation-report.js";

const question = (id: string, answerKind: string | undefined, answerable: boolean, allFacts: boolean): QuestionReport => ({
  ...SAMPLE_EVALUATION_REPORT.questions[0]!,
  id,
  answerable,
  abstained: answerKind === "not-in-report",
  expected: answerable ? ["1800亿元"] : [],
  factsFound: answerable ? [allFacts] : [],
  ...(answerKind === undefined ? {} : { answerKind }),
});

describe("calibrateAnswerKinds (answer kind × share correct)", () => {
  const questions = [
    question("a", "related", true, false),
    question("b", "direct", true, true),
    question("c", "direct", true, false),
    question("d", "not-in-report", false, false),
    question("e", "not-in-report", true, false),
    question("f", "hedged", true, true),
    question("g", undefined, true, true),
  ];

  it("counts each kind, the share answerable and the share with every fact, known kinds first", () => {
    const rows = calibrateAnswerKinds(questions);
    expect(rows.map((row) => [row.answerKind, row.questions, row.answerable.value, row.factsFound.value])).toEqual([
      ["direct", 2, 1, 0.5],
      ["related", 1, 1, 0],
      ["not-in-report", 2, 0.5, 0],
      ["hedged", 1, 1, 1],
    ]);
    expect(rows[0]!.factsFound.low).toBeLessThan(0.5);
  });

  it("is empty when no answer carries a kind (an engine without the field)", () => {
    expect(calibrateAnswerKinds([question("g", undefined, true, true)])).toEqual([]);
  });

  it("is shown in report.md and report.html only when present", () => {
    const calibration = calibrateAnswerKinds(questions);
    const report = { ...SAMPLE_EVALUATION_REPORT, split: "blind", calibration };
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain("## 回答类别校准 (answer kind calibration)");
    expect(markdown).toMatch(/\| `direct` +\| +2 \| 1\.000 \[[\d.]+–1\.000\] \| +0\.500 \[/u);
    expect(markdown).toContain("- 子集 (split): `blind` — 盲测集");
    const html = renderReportHtml(report);
    expect(html).toContain(`<tr data-answer-kind="not-in-report">`);
    expect(html).toContain(`href="#calibration"`);
    expect(renderReportMarkdown(SAMPLE_EVALUATION_REPORT)).not.toContain("回答类别校准");
    expect(renderReportHtml(SAMPLE_EVALUATION_REPORT)).not.toContain(`id="calibration"`);
  });
});
