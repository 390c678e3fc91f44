import type { CitedCheck, VerifiedClaim } from "../verification/verification-schema.js";
import { verdictText } from "./grounding-labels.js";
import { VERDICTS_WORST_FIRST, type GroundedAnswer, type GroundingDocumentReport, type GroundingReport } from "./grounding-report.js";
import { LISTED_ANSWERS, verdictCounts, worstFirst } from "./grounding-summary.js";
import type { MetricValue } from "./evaluation-report.js";
import { formatDecimal, formatProportionPlain, formatTimestamp } from "./report-format.js";
import { codeSpan, escapeMarkdown, markdownTable } from "./markdown-text.js";

// The grounding section of report.md, and the whole report.md of `npm run verify -- --out`:
// the verdict shares, then the worst answers with every claim, its reasons and its report span.

const share = (value: MetricValue): string => formatProportionPlain(value);
const mean = (value: MetricValue): string => (value.value === null ? "—" : `${formatDecimal(value.value)} (n = ${value.count})`);

function summaryLines(grounding: GroundingReport): string[] {
  const { summary } = grounding;
  const counts = verdictCounts(grounding.answers);
  const rows = VERDICTS_WORST_FIRST.map((verdict) => [
    verdictText(verdict),
    String(counts.claims[verdict]),
    share(summary.claimVerdicts[verdict]),
    String(counts.answers[verdict]),
    share(summary.answerVerdicts[verdict]),
  ]);
  return [
    `- 核对回答 (answers checked): ${summary.answers} · 论断 (claims): ${summary.claims} · 拒答，未核对 (abstained, not checked): ${summary.abstained}`,
    `- 引文召回 (citation recall): ${mean(summary.citationRecall)} · 引文切题 (citation precision): ${mean(summary.citationPrecision)} · 上下文支持 (context support): ${mean(summary.contextSupport)}`,
    "",
    markdownTable(
      ["判断 (verdict)", "论断 (claims)", "论断占比 (share)", "回答 (answers)", "回答占比 (share)"],
      rows,
      ["left", "right", "right", "right", "right"],
    ),
    "",
    "论断占比与回答占比为 0–1，方括号内是 95% Wilson 区间；一个回答的判断取其最差的论断（有一条矛盾即矛盾）。",
    "(Shares 0–1 with the 95% Wilson interval; an answer is contradicted when any claim is, supported when every claim is.)",
  ];
}

/** A single document's summary: claims per verdict and the overall verdict (one text has no per-answer shares). */
function documentSummaryLines(report: GroundingDocumentReport): string[] {
  const { summary } = report.grounding;
  const counts = verdictCounts(report.grounding.answers);
  const overall = report.grounding.answers[0]?.verdict;
  return [
    `- 论断 (claims): ${summary.claims}${overall ? ` · 整体 (overall): ${verdictText(overall)}` : ""}`,
    "",
    markdownTable(
      ["判断 (verdict)", "论断 (claims)", "论断占比 (share)"],
      VERDICTS_WORST_FIRST.map((verdict) => [verdictText(verdict), String(counts.claims[verdict]), share(summary.claimVerdicts[verdict])]),
      ["left", "right", "right"],
    ),
    "",
    "占比为 0–1，方括号内是 95% Wilson 区间。(Shares 0–1 with the 95% Wilson interval.)",
  ];
}

function spanLine(claim: VerifiedClaim): string {
  const span = claim.spans[0];
  if (!span) return "   - 报告原文 (report span): 无相近段落 (no similar passage)";
  const section = span.section.length > 0 ? ` — ${escapeMarkdown(span.section.join(" › "))}` : "";
  return `   - 报告原文 (report span): “${escapeMarkdown(span.quote)}”${section} (${escapeMarkdown(span.source)} ${span.quoteStart}–${span.quoteEnd}, ${Math.round(span.containment * 100)}%)`;
}

function checkLine(label: string, check: CitedCheck | undefined): string[] {
  if (!check) return [];
  const markers = check.markers.map((marker) => `[${marker}]`).join("");
  const reasons = check.reasons.map((reason) => escapeMarkdown(reason.message)).join("；");
  return [`   - ${label}${markers ? ` ${markers}` : ""}: ${verdictText(check.verdict)}${reasons ? ` — ${reasons}` : ""}`];
}

/** One claim as a numbered item: verdict, text, the verifier's reasons, the span its verdict rests on, and how its citations and contexts stand. */
export function claimLines(claim: VerifiedClaim, index: number): string[] {
  return [
    `${index + 1}. ${verdictText(claim.verdict)}: ${escapeMarkdown(claim.text)}`,
    ...claim.reasons.map((reason) => `   - ${escapeMarkdown(reason.message)}`),
    spanLine(claim),
    ...checkLine("对照引文 (against its citations)", claim.cited),
    ...checkLine("对照上下文 (against the contexts)", claim.contexts),
  ];
}

function answerEntry(answer: GroundedAnswer, level: string): string[] {
  const title = [`第 ${answer.line} 行 (line ${answer.line})`, ...(answer.id ? [codeSpan(answer.id)] : []), verdictText(answer.verdict)].join(" · ");
  const lines = [`${level} ${title}`, ""];
  if (answer.question.trim()) lines.push(`- 问 (question): ${escapeMarkdown(answer.question)}`);
  lines.push(`- 答 (answer): ${escapeMarkdown(answer.answer)}`);
  if (answer.reference !== undefined) lines.push(`- 参考答案 (reference): ${escapeMarkdown(answer.reference)}`);
  const figures = [
    ["引文召回 (citation recall)", answer.citationRecall],
    ["引文切题 (citation precision)", answer.citationPrecision],
    ["上下文支持 (context support)", answer.contextSupport],
  ].flatMap(([label, value]) => (value === null ? [] : [`${label} ${formatDecimal(value as number)}`]));
  if (figures.length > 0) lines.push(`- ${figures.join(" · ")}`);
  lines.push("", ...answer.claims.flatMap(claimLines), "");
  return lines;
}

function listedAnswers(grounding: GroundingReport, level: string): string[] {
  const listed = worstFirst(grounding.answers).slice(0, LISTED_ANSWERS);
  if (listed.length === 0) return ["没有可核对的回答。(No answer to check.)", ""];
  return listed.flatMap((answer) => answerEntry(answer, level));
}

/** report.md's "Grounding" section: the summary table, then the worst answers (at most 20) with each claim. */
export function groundingSection(grounding: GroundingReport): string[] {
  const count = grounding.answers.length;
  const listed = Math.min(count, LISTED_ANSWERS);
  return [
    "## 依据核对 (grounding)",
    "",
    "每个回答拆成论断（claim），逐条与报告原文比对：数字、日期、地点、列举项不同即判为矛盾。",
    "(Each answer is split into claims, and each is checked against the report's text; a different number, date, place or list member contradicts it.)",
    "",
    ...summaryLines(grounding),
    "",
    `### 最需要核对的回答 (worst answers first) — ${listed} / ${count}`,
    "",
    ...listedAnswers(grounding, "####"),
  ];
}

/** report.md of `npm run verify -- FILE --out DIR`: the document's receipt, summary and every claim. */
export function renderGroundingDocumentMarkdown(report: GroundingDocumentReport): string {
  const lines = [
    "# 依据核对报告 (grounding report)",
    "",
    `- 时间 (created): ${formatTimestamp(report.createdAt)}`,
    `- 文件 (file): ${codeSpan(report.file)}`,
    ...documentSummaryLines(report),
    "",
    "## 逐条论断 (claims)",
    "",
    ...report.grounding.answers.flatMap((answer) => answer.claims.flatMap(claimLines)),
  ];
  return `${lines.join("\n").replace(/\n{3,}/gu, "\n\n").trimEnd()}\n`;
}
