import type { EvaluationReport, MetricName, QuestionReport } from "./evaluation-report.js";
import {
  deltaArrow,
  expectedFactText,
  formatDelta,
  formatMetricPlain,
  formatMilliseconds,
  formatProportionPlain,
  formatTimestamp,
  formatValuePlain,
  METRIC_GROUPS,
  metricLabel,
  modeLabel,
  splitLabel,
  summariesAllLast,
  thresholdComparator,
  typeLabelWithName,
} from "./report-format.js";
import { generatedSentenceLines, generationSection } from "./report-markdown-generation.js";
import { groundingSection } from "./report-markdown-grounding.js";
import { codeSpan, escapeMarkdown, markdownTable, type Alignment } from "./markdown-text.js";

export { displayWidth, escapeMarkdown, markdownTable } from "./markdown-text.js";

// report.md: the evaluation as a document that reads well both in a terminal (`cat report.md`,
// tables padded to line up, CJK counted as two columns) and rendered on GitHub.

function receipt(report: EvaluationReport): string[] {
  const passed = report.questions.filter((question) => question.passed).length;
  const lines = [
    `- 时间 (created): ${formatTimestamp(report.createdAt)}`,
    `- 方式 (mode): ${modeLabel(report.mode)}`,
    ...(report.split ? [`- 子集 (split): ${codeSpan(report.split)} — ${splitLabel(report.split)}`] : []),
    ...(report.questionFile
      ? [`- 题目 (questions): ${codeSpan(report.questionFile)} — ${report.questions.length} 题，${passed} 通过 (passed)，${report.questions.length - passed} 未通过 (failed)`]
      : []),
  ];
  if (report.answerFile) lines.push(`- 答案 (answers): ${codeSpan(report.answerFile)}`);
  if (report.engine) {
    const { embedder, retriever, answerer, indexHash } = report.engine;
    lines.push(
      `- 引擎 (engine): 向量 (embedder) ${codeSpan(embedder)} · 检索 (retriever) ${codeSpan(retriever)} · 作答 (answerer) ${codeSpan(answerer)}`,
      `- 索引 (index): ${codeSpan(indexHash)}`,
    );
  }
  return lines;
}

function idList(ids: readonly string[]): string {
  return ids.length === 0 ? "无 (none)" : ids.map(codeSpan).join("、");
}

function baselineSection(report: EvaluationReport): string[] {
  const baseline = report.baseline;
  if (!baseline) return [];
  const rows = baseline.deltas.map((delta) => {
    const verdict = delta.delta === null ? "—" : delta.worse ? "✗ 变差 (worse)" : delta.delta === 0 ? "持平 (same)" : "✓ 改善 (better)";
    const change = delta.delta === null ? "—" : `${deltaArrow(delta.delta)} ${formatDelta(delta.metric, delta.delta)}`;
    return [metricLabel(delta.metric), formatValuePlain(delta.metric, delta.before), formatValuePlain(delta.metric, delta.after), change, verdict];
  });
  const lines = [
    "## 与基线对比 (baseline diff)",
    "",
    `基线时间 (baseline created): ${formatTimestamp(baseline.baselineCreatedAt)}`,
    "",
    `- ✗ 新失败 (newly failing, ${baseline.newlyFailing.length}): ${idList(baseline.newlyFailing)}`,
    `- ✓ 新通过 (newly passing, ${baseline.newlyPassing.length}): ${idList(baseline.newlyPassing)}`,
  ];
  if (rows.length > 0) {
    lines.push(
      "",
      markdownTable(["指标 (metric)", "基线 (before)", "本次 (after)", "变化 (delta)", "判断 (verdict)"], rows, ["left", "right", "right", "right", "left"]),
    );
  }
  return [...lines, ""];
}

function thresholdSection(report: EvaluationReport): string[] {
  const thresholds = report.thresholds;
  if (!thresholds || thresholds.length === 0) return [];
  const failed = thresholds.filter((threshold) => !threshold.passed).length;
  const rows = thresholds.map((threshold) => [
    threshold.passed ? "✓" : "✗",
    metricLabel(threshold.metric),
    `${thresholdComparator(threshold.metric)} ${formatValuePlain(threshold.metric, threshold.threshold)}`,
    formatValuePlain(threshold.metric, threshold.value),
  ]);
  return [
    `## 门槛 (thresholds) — ${failed === 0 ? "全部达标 (all passed)" : `${failed} 项未达标 (${failed} failed)`}`,
    "",
    markdownTable(["", "指标 (metric)", "门槛 (threshold)", "本次 (value)"], rows, ["left", "left", "right", "right"]),
    "",
  ];
}

function typeTables(report: EvaluationReport): string[] {
  const summaries = summariesAllLast(report);
  if (summaries.length === 0) return [];
  const lines = [
    "## 分类型指标 (metrics by question type)",
    "",
    "比例为 0–1，方括号内是 95% Wilson 区间；— 表示该类型没有可计算的题目。",
    "(Proportions 0–1 with the 95% Wilson interval in brackets; — where no question of the type qualifies.)",
  ];
  for (const group of METRIC_GROUPS) {
    const header = ["类型 (type)", "题数 (n)", ...group.metrics.map((metric: MetricName) => metricLabel(metric))];
    const rows = summaries.map((summary) => {
      const name = typeLabelWithName(summary.type);
      return [
        summary.type === "all" ? `**${name}**` : name,
        String(summary.questions),
        ...group.metrics.map((metric) => formatMetricPlain(metric, summary.metrics[metric])),
      ];
    });
    const alignments: Alignment[] = ["left", ...header.slice(1).map((): Alignment => "right")];
    lines.push("", `### ${group.zh} (${group.en})`, "", markdownTable(header, rows, alignments));
  }
  return [...lines, ""];
}

function calibrationSection(report: EvaluationReport): string[] {
  const rows = report.calibration ?? [];
  if (rows.length === 0) return [];
  return [
    "## 回答类别校准 (answer kind calibration)",
    "",
    "每种回答类别：题数、其中报告确有答案的比例、这些题里答全应含事实的比例（95% Wilson 区间）。",
    "(Per answer kind: questions, share the report answers, and of those the share with every expected fact.)",
    "",
    markdownTable(
      ["类别 (answer kind)", "题数 (n)", "可回答 (answerable)", "事实全对 (facts found)"],
      rows.map((row) => [codeSpan(row.answerKind), String(row.questions), formatProportionPlain(row.answerable), formatProportionPlain(row.factsFound)]),
      ["left", "right", "right", "right"],
    ),
    "",
  ];
}

function questionEntry(question: QuestionReport, newlyFailing: ReadonlySet<string>): string[] {
  const lines = [`### ✗ ${codeSpan(question.id)} · ${typeLabelWithName(question.type)}${newlyFailing.has(question.id) ? " · 新失败 (newly failing)" : ""}`, ""];
  lines.push(`- 问 (question): ${escapeMarkdown(question.question)}`);
  const answer = question.answer.trim() ? escapeMarkdown(question.answer) : "(空 empty)";
  lines.push(`- 答 (answer): ${answer}${question.abstained ? " — *拒答 (abstained)*" : ""}`);
  const why = !question.answerable
    ? question.abstained
      ? "应拒答且已拒答 (abstained as it should)"
      : "报告未涉及，本应拒答 (should have abstained: the report does not answer this)"
    : question.abstained
      ? "报告有答案，却拒答了 (abstained on an answerable question)"
      : "缺少应含事实 (missing expected facts)";
  lines.push(`- 原因 (why): ${why}`);
  if (question.expected.length > 0) {
    const facts = question.expected.map((fact, index) => `${question.factsFound[index] ? "✓" : "✗"} ${escapeMarkdown(expectedFactText(fact))}`);
    lines.push(`- 应含事实 (expected facts): ${facts.join("；")}`);
  }
  if (question.answerable) {
    lines.push(
      `- 首个相关段落 (first relevant passage): ${question.firstRelevantRank === null ? "未检索到 (not retrieved)" : `第 ${question.firstRelevantRank} 名 (rank ${question.firstRelevantRank})`}`,
    );
  }
  if (question.unsupportedNumbers.length > 0) {
    lines.push(`- 无据数字 (unsupported numbers): ${question.unsupportedNumbers.map((number) => escapeMarkdown(number)).join("、")}`);
  }
  for (const citation of question.citations) {
    const marks = `${citation.valid ? "✓" : "✗"} 原文一致 (valid) · ${citation.precise ? "✓" : "✗"} 切题 (precise)`;
    const section = citation.section.length > 0 ? ` — ${escapeMarkdown(citation.section.join(" › "))}` : "";
    lines.push(`- 引文 (citation) [${citation.marker}]: “${escapeMarkdown(citation.quote)}”${section} (${marks})`);
  }
  if (question.generation) {
    const { generation } = question;
    lines.push(`- 生成 (generation): ${codeSpan(generation.answerMode)}${generation.status === "fallback" ? ` · 回退 (fallback): ${codeSpan(generation.reason ?? "—")}` : ""}`);
    if (generation.rewrite?.text) lines.push(`- 改写 (rewrite): ${escapeMarkdown(generation.rewrite.text)}${generation.rewrite.answered ? " — 按改写作答 (answered from it)" : ""}`);
    lines.push(...generatedSentenceLines(generation.sentences));
  }
  if (question.latencyMs !== null) lines.push(`- 耗时 (latency): ${formatMilliseconds(question.latencyMs)}`);
  return [...lines, ""];
}

function failedSection(report: EvaluationReport): string[] {
  const failed = report.questions.filter((question) => !question.passed);
  const lines = [`## 未通过的问题 (failed questions) — ${failed.length}`, ""];
  if (failed.length === 0) return [...lines, "全部通过。(Every question passed.)", ""];
  const newlyFailing = new Set(report.baseline?.newlyFailing ?? []);
  return [...lines, ...failed.flatMap((question) => questionEntry(question, newlyFailing))];
}

function problemSection(report: EvaluationReport): string[] {
  if (report.problems.length === 0) return [];
  return [
    `## 跳过的输入行 (skipped input lines) — ${report.problems.length}`,
    "",
    ...report.problems.map((problem) => `- ${codeSpan(`${problem.file}:${problem.line}`)} ${escapeMarkdown(problem.message)}`),
    "",
  ];
}

/** report.md: receipt, baseline diff, thresholds, per-type tables, answer-kind calibration, every failed question with its answer, then grounding. */
export function renderReportMarkdown(report: EvaluationReport): string {
  const lines = [
    "# 评测报告 (evaluation report)",
    "",
    ...receipt(report),
    "",
    ...baselineSection(report),
    ...thresholdSection(report),
    // A grounding-only report (answers to no gold question) has no gold metrics to show.
    ...(report.mode !== "grounding" ? [...typeTables(report), ...calibrationSection(report)] : []),
    ...(report.generation ? generationSection(report.generation) : []),
    ...(report.mode !== "grounding" ? failedSection(report) : []),
    ...(report.grounding ? groundingSection(report.grounding) : []),
    ...problemSection(report),
  ];
  return `${lines.join("\n").replace(/\n{3,}/gu, "\n\n").trimEnd()}\n`;
}

