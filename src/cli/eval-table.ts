import type { MetricName, TypeSummary } from "../core/evaluation/evaluation-report.js";

/** Columns of the terminal table (report.md and report.html show every metric with its interval). */
const COLUMNS: readonly [MetricName, string][] = [
  ["hitAt5", "hit@5"],
  ["meanReciprocalRank", "MRR"],
  ["ndcgAt10", "nDCG@10"],
  ["factRecall", "fact recall"],
  ["allFactsAccuracy", "all facts"],
  ["abstentionAccuracy", "abstain acc"],
  ["falseAbstentionRate", "false abstain"],
  ["medianAnswerCharacters", "median len"],
  ["unsupportedNumberRate", "unsupported num"],
  ["sentenceSupportRate", "sentence support"],
  ["citationValidity", "citations valid"],
  ["latencyP50Ms", "p50 ms"],
];

const WHOLE_NUMBERS: ReadonlySet<MetricName> = new Set(["medianAnswerCharacters"]);

function cell(metric: MetricName, value: number | null): string {
  if (value === null) return "—";
  if (WHOLE_NUMBERS.has(metric)) return String(Math.round(value));
  return metric.startsWith("latency") ? value.toFixed(1) : value.toFixed(3);
}

/** A Markdown-style table, one row per label (question type, or configuration in an ablation). */
export function formatMetricTable(rows: readonly { label: string; summary: TypeSummary }[], labelTitle = "type"): string {
  const header = [labelTitle, "n", ...COLUMNS.map(([, title]) => title)];
  const body = rows.map(({ label, summary }) => [label, String(summary.questions), ...COLUMNS.map(([metric]) => cell(metric, summary.metrics[metric].value))]);
  const widths = header.map((title, column) => Math.max([...title].length, ...body.map((row) => [...row[column]!].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((text, column) => text + " ".repeat(widths[column]! - [...text].length)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}
