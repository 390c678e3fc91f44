import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import { writeFileAtomically } from "../adapters/node/file-index-store.js";
import type { EvaluationReport, QuestionReport } from "../core/evaluation/evaluation-report.js";
import { renderReportHtml } from "../core/evaluation/report-html.js";
import { renderReportMarkdown } from "../core/evaluation/report-markdown.js";
import { renderSplitIndexHtml, renderSplitIndexMarkdown } from "../core/evaluation/split-index.js";
import { formatGrounding } from "./eval-grounding-output.js";
import { generationLines } from "../core/evaluation/report-markdown-generation.js";
import { formatCalibrationTable, formatMetricTable } from "./eval-table.js";

// What `npm run eval` prints and writes, for one question file or for each split of the gold set.

function failureLines(questions: readonly QuestionReport[]): string {
  return questions
    .filter((question) => !question.passed)
    .map((question) => {
      const missing = question.expected.filter((_, index) => !question.factsFound[index]).map((fact) => (typeof fact === "string" ? fact : fact.join("|")));
      return `\n✗ ${question.id} [${question.type}] ${question.question}\n  rank=${question.firstRelevantRank ?? "-"} abstained=${question.abstained}${missing.length > 0 ? ` missing=${missing.join(", ")}` : ""}\n  ${question.answer}`;
    })
    .join("\n");
}

/** One report as the terminal shows it: per-type table, calibration, receipt, baseline diff, gate, grounding, and failures when asked. */
export function formatReport(report: EvaluationReport, failures: boolean): string {
  const receipt = report.engine ? `${report.engine.embedder} · ${report.engine.retriever} · index ${report.engine.indexHash.slice(0, 12)}` : `answers from ${report.answerFile}`;
  // A grounding-only report has no gold questions, so no metric table.
  const lines: string[] = [];
  if (report.mode !== "grounding") {
    lines.push(formatMetricTable(report.summaries.map((summary) => ({ label: summary.type, summary }))));
    if (report.calibration && report.calibration.length > 0) lines.push("", formatCalibrationTable(report.calibration));
    lines.push("", `${report.questions.length} questions · ${receipt}`);
  } else lines.push(`Answers to no gold question: graded for grounding only · ${receipt}`);
  if (report.baseline) {
    const worse = report.baseline.deltas.filter((delta) => delta.worse).map((delta) => `${delta.metric} ${delta.before?.toFixed(3)}→${delta.after?.toFixed(3)}`);
    lines.push(`Against baseline of ${report.baseline.baselineCreatedAt}: newly failing ${report.baseline.newlyFailing.join(", ") || "none"}; newly passing ${report.baseline.newlyPassing.join(", ") || "none"}; worse: ${worse.join(", ") || "nothing"}`);
  }
  for (const result of report.thresholds ?? []) {
    lines.push(`${result.passed ? "✓" : "✗"} ${result.metric} ${result.value === null ? "not measured" : result.value.toFixed(3)} (limit ${result.threshold})`);
  }
  if (report.generation) lines.push("", "Generated answers, verified sentence by sentence", ...generationLines(report.generation));
  if (report.grounding) lines.push("", formatGrounding(report.grounding));
  if (failures) lines.push(failureLines(report.questions));
  return `${lines.join("\n")}\n`;
}

/** The compact by-split summary after the per-split tables: each split's "all" row and its gate. */
export function formatSplitSummary(reports: readonly EvaluationReport[]): string {
  const rows = reports.flatMap((report) => {
    const overall = report.summaries.find((summary) => summary.type === "all");
    return overall && report.mode !== "grounding" ? [{ label: report.split ?? report.questionFile ?? "—", summary: overall }] : [];
  });
  const gates = reports.map((report) => {
    const thresholds = report.thresholds ?? [];
    const failed = thresholds.filter((result) => !result.passed).length;
    return `${report.split} ${thresholds.length === 0 ? "no gate" : failed === 0 ? "✓" : `✗ ${failed} failed`}`;
  });
  return `By split\n${formatMetricTable(rows, "split")}\nGate: ${gates.join(" · ")}\n`;
}

/** The gate's failures of one report, as the stderr line names them. */
export function gateFailures(report: EvaluationReport): string | undefined {
  const failed = (report.thresholds ?? []).filter((result) => !result.passed);
  if (failed.length === 0) return undefined;
  return failed.map((result) => `${result.metric} = ${result.value?.toFixed(3)} (limit ${result.threshold})`).join("; ");
}

async function writeReport(directory: string, report: EvaluationReport): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFileAtomically(path.join(directory, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomically(path.join(directory, "report.md"), renderReportMarkdown(report));
  await writeFileAtomically(path.join(directory, "report.html"), renderReportHtml(report));
}

/**
 * A single question file: DIR/report.{json,md,html}, as before splits existed. By split:
 * DIR/<split>/report.* for each, and DIR/index.md, DIR/index.html linking them.
 */
export async function writeReports(directory: string, reports: readonly EvaluationReport[], bySplit: boolean): Promise<string> {
  if (!bySplit) {
    await writeReport(directory, reports[0]!);
    return `${directory}/report.json, report.md, report.html`;
  }
  for (const report of reports) await writeReport(path.join(directory, report.split!), report);
  await writeFileAtomically(path.join(directory, "index.md"), renderSplitIndexMarkdown(reports));
  await writeFileAtomically(path.join(directory, "index.html"), renderSplitIndexHtml(reports));
  return `${directory}/index.md, index.html and ${reports.map((report) => `${report.split}/`).join(", ")} report.json, report.md, report.html`;
}

/** What --write-baseline keeps of a report: enough to diff against, without the answers. */
export function baselineOf(report: EvaluationReport): object {
  return {
    createdAt: report.createdAt,
    questionFile: report.questionFile,
    ...(report.split ? { split: report.split } : {}),
    engine: report.engine,
    summaries: report.summaries,
    questions: report.questions.map(({ id, passed }) => ({ id, passed })),
  };
}
