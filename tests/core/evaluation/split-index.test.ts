import { describe, expect, it } from "vitest";
import { renderSplitIndexHtml, renderSplitIndexMarkdown } from "../../../src/core/evaluation/split-index.js";
import { SAMPLE_EVALUATION_REPORT } from "../../fixtures/sample-evaluation-report.js";

const reports = [
  { ...SAMPLE_EVALUATION_REPORT, split: "dev", thresholds: [] },
  { ...SAMPLE_EVALUATION_REPORT, split: "blind", questionFile: "eval/blind/questions.jsonl" },
];

describe("the by-split index of a multi-split --out", () => {
  it("has one row per split with its headline figures, gate verdict and links (index.md)", () => {
    const markdown = renderSplitIndexMarkdown(reports);
    const rows = markdown.split("\n").filter((line) => /^\| (dev|blind) /u.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/\| +— \| \[md\]\(dev\/report\.md\) · \[html\]\(dev\/report\.html\)/u);
    const failed = SAMPLE_EVALUATION_REPORT.thresholds!.filter((threshold) => !threshold.passed).map((threshold) => threshold.metric);
    expect(failed.length).toBeGreaterThan(0);
    expect(rows[1]).toContain(`✗ ${failed.join(", ")}`);
    expect(markdown).toContain("`blind`: 盲测集，不得据其失败调参 (blind: held out, never tuned on)");
  });

  it("links each split's report.html from a self-contained page (index.html)", () => {
    const html = renderSplitIndexHtml(reports);
    expect(html).toMatch(/^<!doctype html>/iu);
    expect(html).toContain(`<a href="dev/report.html">dev</a>`);
    expect(html).toContain(`<a href="blind/report.html">blind</a>`);
    expect(html).not.toMatch(/(?:src|href)="https?:/u);
  });
});
