import { verdictText } from "../core/evaluation/grounding-labels.js";
import { VERDICTS_WORST_FIRST, type GroundingReport } from "../core/evaluation/grounding-report.js";
import { verdictCounts, worstFirst } from "../core/evaluation/grounding-summary.js";
import type { MetricValue } from "../core/evaluation/evaluation-report.js";
import { markdownTable } from "../core/evaluation/markdown-text.js";

// The grounding part of what `npm run eval -- --answers` prints: verdict shares of claims and
// answers, the mean citation and context figures, and the answers to look at first.

/** Answers the terminal names under the table; report.md and report.html list more, in full. */
const NAMED_ANSWERS = 5;

const share = (value: MetricValue): string =>
  value.value === null ? "—" : `${value.value.toFixed(3)}${value.low !== undefined && value.high !== undefined ? ` [${value.low.toFixed(3)}–${value.high.toFixed(3)}]` : ""}`;
const mean = (value: MetricValue): string => (value.value === null ? "—" : `${value.value.toFixed(3)} (n = ${value.count})`);
const oneLine = (text: string, limit = 60): string => {
  const flat = text.replace(/\s+/gu, " ").trim();
  return [...flat].length > limit ? `${[...flat].slice(0, limit).join("")}…` : flat;
};

export function formatGrounding(grounding: GroundingReport): string {
  const { summary } = grounding;
  const counts = verdictCounts(grounding.answers);
  const table = markdownTable(
    ["verdict", "claims", "share [95% CI]", "answers", "share [95% CI]"],
    VERDICTS_WORST_FIRST.map((verdict) => [verdictText(verdict), String(counts.claims[verdict]), share(summary.claimVerdicts[verdict]), String(counts.answers[verdict]), share(summary.answerVerdicts[verdict])]),
    ["left", "right", "right", "right", "right"],
  );
  const lines = [
    `Grounding 依据核对: ${summary.answers} answers checked · ${summary.claims} claims · ${summary.abstained} abstained (not checked)`,
    table,
    `citation recall ${mean(summary.citationRecall)} · citation precision ${mean(summary.citationPrecision)} · context support ${mean(summary.contextSupport)}`,
  ];
  const worst = worstFirst(grounding.answers)
    .filter((answer) => answer.verdict !== "supported")
    .slice(0, NAMED_ANSWERS);
  for (const answer of worst) {
    const claim = answer.claims.find((each) => each.verdict === answer.verdict) ?? answer.claims[0];
    const why = claim?.reasons[0]?.message;
    lines.push(`${verdictText(answer.verdict)} line ${answer.line}${answer.id ? ` (${answer.id})` : ""}: ${oneLine(claim?.text ?? answer.answer)}${why ? ` — ${why}` : ""}`);
  }
  return lines.join("\n");
}
