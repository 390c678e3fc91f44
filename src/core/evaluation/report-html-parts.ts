import type { MetricValue, ReportPassage } from "./evaluation-report.js";
import { formatPercent, mergeRanges } from "./report-format.js";
import { escapeHtml } from "./report-html-escape.js";

// Small pieces of report.html shared by its sections.

/** "中文 (English)" with the English part quieter. */
export function bilingual(zh: string, en: string): string {
  return `${escapeHtml(zh)} <span class="en">(${escapeHtml(en)})</span>`;
}

/** A stable, safe element id for a question: "q-" and the id with anything unusual spelled as _hex. */
export function questionAnchor(id: string): string {
  return `q-${id.replace(/[^A-Za-z0-9_-]/gu, (character) => `_${(character.codePointAt(0) ?? 0).toString(16)}`)}`;
}

/** Answer text with its citation markers [1] set as small superscripts. */
export function answerHtml(text: string): string {
  return escapeHtml(text).replace(/\[(\d+)\]/gu, '<sup class="marker-ref">[$1]</sup>');
}

/**
 * Passage text with the gold evidence ranges (offsets into `text`) wrapped in <mark>. Offsets
 * apply to the text as given; only afterwards is a blank line between heading and paragraph
 * shown as a plain line break.
 */
export function highlightEvidence(passage: Pick<ReportPassage, "text" | "evidence">): string {
  const ranges = mergeRanges(passage.evidence, passage.text.length);
  let html = "";
  let position = 0;
  for (const range of ranges) {
    html += escapeHtml(passage.text.slice(position, range.start));
    html += `<mark title="标准证据 (gold evidence)">${escapeHtml(passage.text.slice(range.start, range.end))}</mark>`;
    position = range.end;
  }
  return (html + escapeHtml(passage.text.slice(position))).replace(/\n{2,}/gu, "\n");
}

export function sectionOpen(id: string, zh: string, en: string, extraClass = ""): string {
  return `<section class="section${extraClass ? ` ${extraClass}` : ""}" id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${bilingual(zh, en)}</h2>`;
}

export const percentWidth = (value: number) => `${Math.max(0, Math.min(100, value * 100)).toFixed(1)}%`;

/**
 * The head of a self-contained report page: its CSP (nothing loads from anywhere), viewport,
 * no referrer, light colour scheme, title and inline styles. `title` is text; it is escaped here.
 */
export function reportHead(title: string, csp: string, css: string): string {
  return `<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>`;
}

/** A table cell with a share, its count and its 95% Wilson interval. */
export function shareCell(value: MetricValue): string {
  if (value.value === null) return `<td class="num">—</td>`;
  const interval = value.low !== undefined && value.high !== undefined ? `<span class="ci">${escapeHtml(`${(value.low * 100).toFixed(1)}–${formatPercent(value.high)}`)}</span>` : "";
  return `<td class="num">${escapeHtml(formatPercent(value.value))} <span class="en">(${value.count})</span>${interval}</td>`;
}
