// The grounding section's styles, appended to REPORT_CSS (report-html-styles.ts) in report.html
// and in `npm run verify -- --out`'s page. A verdict is never colour alone: each claim also has
// its own underline style and a mark (✓ ~ ✗ ?) with its number, and prints the same way.

export const GROUNDING_CSS = `
.v-supported { --verdict: var(--pass); --verdict-soft: var(--pass-soft); --verdict-line: solid; }
.v-partly-supported { --verdict: var(--warn); --verdict-soft: #fff6dc; --verdict-line: dashed; }
.v-contradicted { --verdict: var(--fail); --verdict-soft: var(--fail-soft); --verdict-line: wavy; }
.v-not-found { --verdict: var(--muted); --verdict-soft: var(--track); --verdict-line: dotted; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.verdict-badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12.5px; font-weight: 700; color: var(--verdict); background: var(--verdict-soft); white-space: nowrap; }
.verdict-badge .en { color: inherit; opacity: 0.8; font-weight: 500; }
.grounding-table td.num { min-width: 150px; }
.grounding-table .meter { margin: 4px 0 0 auto; max-width: 160px; }
.grounding-summary .receipt { margin-bottom: 14px; }
.grounded-list-title { margin: 22px 0 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 0 0 12px; padding: 0; list-style: none; font-size: 13px; }
.grounded { margin-top: 14px; border-left: 4px solid var(--verdict); }
.grounded-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; font-size: 14px; }
.grounded-question { margin: 0 0 6px; }
.grounded-answer { white-space: pre-wrap; }
.answer.reference { border-style: dashed; }
a.claim, span.claim { color: inherit; text-decoration: underline var(--verdict-line) var(--verdict); text-decoration-thickness: 2px; text-underline-offset: 4px; background: var(--verdict-soft); border-radius: 3px; padding: 1px 1px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.claim-tag { font-size: 11px; font-weight: 700; color: var(--verdict); vertical-align: 3px; margin-right: 2px; font-family: var(--sans); }
.claims { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 10px; }
.claim-item { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 8px 20px; padding: 10px 12px; border: 1px solid var(--hairline); border-left: 3px solid var(--verdict); border-radius: 8px; }
.claim-item:target { box-shadow: 0 0 0 2px var(--accent); }
.claim-head { margin: 0; display: flex; align-items: baseline; gap: 8px; }
.claim-number { font-weight: 700; font-size: 13px; color: var(--muted); }
.claim-text { margin: 4px 0 0; font-size: 15px; }
.reasons { margin: 4px 0 0; padding-left: 18px; font-size: 13px; color: var(--verdict); }
.check { margin: 4px 0 0; font-size: 12.5px; }
.claim-span h5 { margin: 0 0 2px; font-size: 12px; color: var(--muted); font-weight: 600; }
.report-span { margin: 0; padding: 2px 0 2px 10px; border-left: 3px solid var(--line); font-family: var(--serif); font-size: 14.5px; line-height: 1.75; }
.claim-span .where { font-size: 12px; color: var(--muted); margin-top: 2px; }
@media (max-width: 600px) {
  .claim-item { grid-template-columns: minmax(0, 1fr); }
  .grounding-table td.num { min-width: 0; }
}
@media print {
  .grounded, .claim-item { break-inside: avoid; }
  .verdict-badge, a.claim, .claim-item { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
