import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import { writeFileAtomically } from "../adapters/node/file-index-store.js";
import { formatSectionPath } from "../core/chunking/chunk.js";
import { VERDICT_LABELS, VERDICT_MARKS, verdictText } from "../core/evaluation/grounding-labels.js";
import type { GroundingDocumentReport } from "../core/evaluation/grounding-report.js";
import { renderGroundingDocumentHtml } from "../core/evaluation/report-html-grounding.js";
import { renderGroundingDocumentMarkdown } from "../core/evaluation/report-markdown-grounding.js";
import type { VerificationResult, VerifiedClaim } from "../core/verification/verification-schema.js";

// What `npm run verify` prints for a person in a terminal, and what --out DIR writes.

const oneLine = (text: string): string => text.replace(/\s*\n+\s*/gu, " ");
const percent = (share: number): string => `${Math.round(share * 100)}%`;

function formatClaim(claim: VerifiedClaim, index: number): string[] {
  const label = VERDICT_LABELS[claim.verdict];
  const lines = [`${VERDICT_MARKS[claim.verdict]} ${index + 1}. ${oneLine(claim.text)}`];
  const best = claim.spans[0];
  lines.push(best ? `     ${label.zh} (${label.en}) · 覆盖 ${percent(best.containment)} · ${formatSectionPath(best.section)}` : `     ${label.zh} (${label.en})：报告中没有相近的段落`);
  for (const reason of claim.reasons) lines.push(`     ! ${reason.message}`);
  if (best) lines.push(`     “${oneLine(best.quote)}”  (${best.source} ${best.quoteStart}–${best.quoteEnd})`);
  return lines;
}

/** A VerificationResult as a person reads it in a terminal: each claim with its mark, reasons and best span, then a summary. */
export function formatVerification(result: VerificationResult, label: string): string {
  const lines = [`核对：${label}`, ""];
  result.claims.forEach((claim, index) => lines.push(...formatClaim(claim, index)));
  const { summary } = result;
  const counts = [
    `${VERDICT_MARKS.supported} ${VERDICT_LABELS.supported.zh} ${summary.supported}`,
    `${VERDICT_MARKS["partly-supported"]} ${VERDICT_LABELS["partly-supported"].zh} ${summary.partlySupported}`,
    `${VERDICT_MARKS.contradicted} ${VERDICT_LABELS.contradicted.zh} ${summary.contradicted}`,
    `${VERDICT_MARKS["not-found"]} ${VERDICT_LABELS["not-found"].zh} ${summary.notFound}`,
  ];
  lines.push("", `合计 ${summary.claims} 条论断 (claims)：${counts.join(" · ")} — 整体 (overall) ${verdictText(summary.verdict)}`);
  return `${lines.join("\n")}\n`;
}

/** DIR/report.json, report.md and report.html for the checked document; returns what it wrote. */
export async function writeGroundingDocument(directory: string, report: GroundingDocumentReport): Promise<string> {
  await mkdir(directory, { recursive: true });
  await writeFileAtomically(path.join(directory, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomically(path.join(directory, "report.md"), renderGroundingDocumentMarkdown(report));
  await writeFileAtomically(path.join(directory, "report.html"), renderGroundingDocumentHtml(report));
  return `${directory}/report.json, report.md, report.html`;
}
