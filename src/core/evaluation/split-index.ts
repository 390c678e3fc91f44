import type { EvaluationReport, MetricName } from "./evaluation-report.js";
import { formatMetricPlain, formatTimestamp, metricLabel, overallSummary, splitLabel } from "./report-format.js";
import { escapeHtml } from "./report-html-escape.js";
import { REPORT_CSS } from "./report-html-styles.js";
import { markdownTable } from "./report-markdown.js";

// index.md and index.html of a multi-split `npm run eval -- --out DIR`: one row per split
// (dev, blind, …) with its headline figures and gate verdict, linking DIR/<split>/report.*.

/** The headline metrics of the by-split row; every metric is in each split's own report. */
const HEADLINE: readonly MetricName[] = ["factRecall", "allFactsAccuracy", "hitAt5", "abstentionAccuracy", "falseAbstentionRate", "citationValidity"];

function gateVerdict(report: EvaluationReport): string {
  const thresholds = report.thresholds ?? [];
  if (thresholds.length === 0) return "—";
  const failed = thresholds.filter((threshold) => !threshold.passed);
  return failed.length === 0 ? "✓" : `✗ ${failed.map((threshold) => threshold.metric).join(", ")}`;
}

/** Each split's row as plain text: split, questions, passed, headline metrics, gate. */
function rows(reports: readonly EvaluationReport[]): { split: string; cells: string[] }[] {
  return reports.map((report) => {
    const split = report.split ?? report.questionFile ?? report.answerFile ?? "—";
    const overall = overallSummary(report);
    const passed = report.questions.filter((question) => question.passed).length;
    return { split, cells: [String(report.questions.length), String(passed), ...HEADLINE.map((metric) => formatMetricPlain(metric, overall?.metrics[metric])), gateVerdict(report)] };
  });
}

const HEADER = ["题数 (n)", "通过 (passed)", ...HEADLINE.map(metricLabel), "门槛 (gate)"];

export function renderSplitIndexMarkdown(reports: readonly EvaluationReport[]): string {
  const table = markdownTable(
    ["子集 (split)", ...HEADER, "报告 (reports)"],
    rows(reports).map(({ split, cells }) => [split, ...cells, `[md](${split}/report.md) · [html](${split}/report.html) · [json](${split}/report.json)`]),
    ["left", ...HEADER.map(() => "right" as const), "left"],
  );
  const purposes = reports.flatMap((report) => (report.split ? [`- \`${report.split}\`: ${splitLabel(report.split)}`] : []));
  return `# 评测报告 · 按子集 (evaluation by split)\n\n- 时间 (created): ${formatTimestamp(reports[0]?.createdAt ?? "")}\n${purposes.join("\n")}\n\n${table}\n`;
}

export function renderSplitIndexHtml(reports: readonly EvaluationReport[]): string {
  const body = rows(reports).map(
    ({ split, cells }) =>
      `<tr><th scope="row"><a href="${escapeHtml(split)}/report.html">${escapeHtml(split)}</a> <span class="en">${escapeHtml(splitLabel(split))}</span></th>${cells.map((cell) => `<td class="num">${escapeHtml(cell)}</td>`).join("")}</tr>`,
  );
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>评测报告 · 按子集 (evaluation by split)</title>
<style>${REPORT_CSS}</style>
</head>
<body><main class="wrap">
<h1>评测报告 · 按子集 <span class="en">(evaluation by split)</span></h1>
<p class="note">${escapeHtml(formatTimestamp(reports[0]?.createdAt ?? ""))}</p>
<div class="panel"><div class="table-scroll"><table class="metrics-table">
<thead><tr><th scope="col">子集 <span class="en">split</span></th>${HEADER.map((title) => `<th class="num" scope="col">${escapeHtml(title)}</th>`).join("")}</tr></thead>
<tbody>${body.join("")}</tbody></table></div></div>
</main></body>
</html>
`;
}
