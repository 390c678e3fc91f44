import type { AnswerKindCalibration, MetricName, MetricValue, TypeSummary } from "../core/evaluation/evaluation-report.js";

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

/** A Markdown-style table with its columns padded to line up. */
export function padTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max([...title].length, ...body.map((row) => [...row[column]!].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((text, column) => text + " ".repeat(widths[column]! - [...text].length)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}

/** A Markdown-style table, one row per label (question type, split, or configuration in an ablation). */
export function formatMetricTable(rows: readonly { label: string; summary: TypeSummary }[], labelTitle = "type"): string {
  const header = [labelTitle, "n", ...COLUMNS.map(([, title]) => title)];
  return padTable(header, rows.map(({ label, summary }) => [label, String(summary.questions), ...COLUMNS.map(([metric]) => cell(metric, summary.metrics[metric].value))]));
}

const share = (value: MetricValue): string => (value.value === null ? "—" : `${value.value.toFixed(3)} (${value.count})`);

/** Answer kind × share correct; each share with the count it is over. */
export function formatCalibrationTable(rows: readonly AnswerKindCalibration[]): string {
  return padTable(
    ["answer kind", "n", "answerable", "facts found"],
    rows.map((row) => [row.answerKind, String(row.questions), share(row.answerable), share(row.factsFound)]),
  );
}
