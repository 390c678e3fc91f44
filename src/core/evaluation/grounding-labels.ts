import type { ClaimVerdict } from "../verification/verification-schema.js";

// How a claim verdict is marked and named wherever a person reads it (terminal, report.md,
// report.html): the mark carries the verdict without colour, the label says it in words.

export const VERDICT_MARKS: Readonly<Record<ClaimVerdict, string>> = {
  supported: "✓",
  "partly-supported": "~",
  contradicted: "✗",
  "not-found": "?",
};

export const VERDICT_LABELS: Readonly<Record<ClaimVerdict, { readonly zh: string; readonly en: string }>> = {
  supported: { zh: "有依据", en: "supported" },
  "partly-supported": { zh: "部分有依据", en: "partly supported" },
  contradicted: { zh: "与报告矛盾", en: "contradicted" },
  "not-found": { zh: "报告未提及", en: "not found" },
};

/** "✗ 与报告矛盾 (contradicted)". */
export function verdictText(verdict: ClaimVerdict): string {
  const label = VERDICT_LABELS[verdict];
  return `${VERDICT_MARKS[verdict]} ${label.zh} (${label.en})`;
}
