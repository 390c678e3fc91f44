import { escapeHtml } from "./report-html-escape.js";

// The report's charts as inline SVG: no library, no script, no request. Each chart carries a
// <title> and <desc> (its accessible name), text labels for every bar, and a <title> per bar
// that browsers show as a tooltip. Sizes are in px at the natural width; CSS lets a chart
// shrink with the page (max-width: 100%, height: auto) but never grow past it.

export interface BarRow {
  /** Chinese label, e.g. "数字". */
  readonly label: string;
  /** English name after it, in grey, e.g. "numeric". */
  readonly sublabel?: string;
  /** 0–1, or null when no question qualifies. */
  readonly value: number | null;
  readonly low?: number;
  readonly high?: number;
  readonly count: number;
  /** The overall row: darker, set apart by a rule. */
  readonly emphasis?: boolean;
}

export interface BarChartOptions {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly rows: readonly BarRow[];
  readonly formatValue: (value: number) => string;
}

const WIDTH = 400;
const round = (value: number) => Math.round(value * 10) / 10;
const clamp01 = (value: number) => Math.max(0, Math.min(1, value));

function chartOpen(id: string, height: number, title: string, description: string, className: string): string {
  return (
    `<svg class="chart ${className}" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" ` +
    `aria-labelledby="${escapeHtml(id)}-title ${escapeHtml(id)}-desc" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title><desc id="${escapeHtml(id)}-desc">${escapeHtml(description)}</desc>`
  );
}

/** Horizontal bars 0–100% per row, with the 95% interval as a whisker. */
export function renderBarChart(options: BarChartOptions): string {
  const labelWidth = 134;
  const valueWidth = 50;
  const plotX = labelWidth;
  const plotWidth = WIDTH - labelWidth - valueWidth - 6;
  const rowHeight = 30;
  const top = 4;
  const separator = 8;
  const axis = 22;
  const hasSeparator = options.rows.some((row, index) => row.emphasis && index > 0);
  const rowsHeight = options.rows.length * rowHeight + (hasSeparator ? separator : 0);
  const height = top + rowsHeight + axis;
  const x = (value: number) => round(plotX + clamp01(value) * plotWidth);

  const parts = [chartOpen(options.id, height, options.title, options.description, "bar-chart")];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line class="grid" x1="${x(tick)}" x2="${x(tick)}" y1="${top}" y2="${top + rowsHeight}"/>`);
    parts.push(`<text class="tick" x="${x(tick)}" y="${top + rowsHeight + 15}" text-anchor="middle">${Math.round(tick * 100)}%</text>`);
  }
  let y = top;
  options.rows.forEach((row, index) => {
    if (row.emphasis && index > 0) {
      parts.push(`<line class="separator" x1="0" x2="${WIDTH}" y1="${y + separator / 2}" y2="${y + separator / 2}"/>`);
      y += separator;
    }
    const middle = y + rowHeight / 2;
    const name = row.sublabel ? `${row.label} (${row.sublabel})` : row.label;
    const interval = row.value !== null && row.low !== undefined && row.high !== undefined ? `，95% 区间 ${options.formatValue(row.low)}–${options.formatValue(row.high)}` : "";
    const tooltip = row.value === null ? `${name}：无可计算的题目 (n/a)` : `${name}：${options.formatValue(row.value)}${interval}，n = ${row.count}`;
    parts.push(`<g class="bar-row${row.emphasis ? " emphasis" : ""}"><title>${escapeHtml(tooltip)}</title>`);
    parts.push(
      `<text class="label" x="0" y="${middle + 4.5}">${escapeHtml(row.label)}${row.sublabel ? `<tspan class="sublabel" dx="5">${escapeHtml(row.sublabel)}</tspan>` : ""}</text>`,
    );
    parts.push(`<rect class="track" x="${plotX}" y="${middle - 7}" width="${plotWidth}" height="14" rx="3"/>`);
    if (row.value === null) {
      parts.push(`<text class="na" x="${plotX + 8}" y="${middle + 4}">无可计算题目 (n/a)</text>`);
      parts.push(`<text class="value muted" x="${WIDTH}" y="${middle + 4.5}" text-anchor="end">—</text>`);
    } else {
      parts.push(`<rect class="bar" x="${plotX}" y="${middle - 7}" width="${round(clamp01(row.value) * plotWidth)}" height="14" rx="3"/>`);
      if (row.low !== undefined && row.high !== undefined) {
        const low = x(row.low);
        const high = x(row.high);
        parts.push(
          `<path class="whisker" d="M${low} ${middle}H${high}M${low} ${middle - 5}V${middle + 5}M${high} ${middle - 5}V${middle + 5}"/>`,
        );
      }
      parts.push(`<text class="value" x="${WIDTH}" y="${middle + 4.5}" text-anchor="end">${escapeHtml(options.formatValue(row.value))}</text>`);
    }
    parts.push("</g>");
    y += rowHeight;
  });
  parts.push("</svg>");
  return parts.join("");
}

export interface HistogramOptions {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly bins: readonly { readonly fromMs: number; readonly toMs: number; readonly count: number }[];
  /** Vertical dashed lines, e.g. p50 and p95. */
  readonly markers: readonly { readonly label: string; readonly value: number }[];
}

function niceStep(maximum: number): number {
  if (maximum <= 5) return 1;
  const rough = maximum / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const normalized = rough / magnitude;
  return (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
}

function formatEdge(milliseconds: number): string {
  return milliseconds >= 10 || Number.isInteger(milliseconds) ? String(Math.round(milliseconds)) : milliseconds.toFixed(1);
}

/** Columns per latency bin, counts on top, p50/p95 as dashed lines. */
export function renderHistogram(options: HistogramOptions): string {
  const height = 214;
  const left = 34;
  const right = 12;
  const top = 32;
  const bottom = 30;
  const plotWidth = WIDTH - left - right;
  const plotHeight = height - top - bottom;
  const parts = [chartOpen(options.id, height, options.title, options.description, "histogram")];
  const bins = options.bins;
  if (bins.length === 0) {
    parts.push(`<text class="na" x="${WIDTH / 2}" y="${height / 2}" text-anchor="middle">无延迟数据 (no latency data)</text></svg>`);
    return parts.join("");
  }
  const maximum = Math.max(1, ...bins.map((bin) => bin.count));
  const step = niceStep(maximum);
  const ceiling = Math.ceil(maximum / step) * step;
  const yOf = (count: number) => round(top + plotHeight - (count / ceiling) * plotHeight);
  for (let tick = 0; tick <= ceiling; tick += step) {
    parts.push(`<line class="grid" x1="${left}" x2="${WIDTH - right}" y1="${yOf(tick)}" y2="${yOf(tick)}"/>`);
    parts.push(`<text class="tick" x="${left - 6}" y="${yOf(tick) + 4}" text-anchor="end">${tick}</text>`);
  }
  const binWidth = plotWidth / bins.length;
  bins.forEach((bin, index) => {
    const x = left + index * binWidth;
    const barHeight = round((bin.count / ceiling) * plotHeight);
    const range = `${formatEdge(bin.fromMs)}–${formatEdge(bin.toMs)} ms`;
    parts.push(`<g class="bin"><title>${escapeHtml(`${range}：${bin.count} 题 (questions)`)}</title>`);
    parts.push(`<rect class="column" x="${round(x + 1.5)}" y="${round(top + plotHeight - barHeight)}" width="${round(Math.max(1, binWidth - 3))}" height="${barHeight}" rx="2"/>`);
    if (bin.count > 0) parts.push(`<text class="count" x="${round(x + binWidth / 2)}" y="${round(top + plotHeight - barHeight - 4)}" text-anchor="middle">${bin.count}</text>`);
    parts.push("</g>");
  });
  parts.push(`<line class="axis" x1="${left}" x2="${WIDTH - right}" y1="${top + plotHeight}" y2="${top + plotHeight}"/>`);
  const every = Math.max(1, Math.ceil((bins.length + 1) / 8));
  for (let index = 0; index <= bins.length; index += every) {
    const edge = index < bins.length ? bins[index]!.fromMs : bins[bins.length - 1]!.toMs;
    const x = round(left + index * binWidth);
    const last = index + every > bins.length;
    parts.push(`<text class="tick" x="${x}" y="${top + plotHeight + 16}" text-anchor="${last && index === bins.length ? "end" : "middle"}">${escapeHtml(formatEdge(edge))}${last ? " ms" : ""}</text>`);
  }
  const first = bins[0]!;
  const lastBin = bins[bins.length - 1]!;
  const positions = options.markers
    .map((marker) => {
      let position: number;
      if (marker.value <= first.fromMs) position = 0;
      else if (marker.value >= lastBin.toMs) position = bins.length;
      else {
        const index = Math.max(0, bins.findIndex((bin) => marker.value >= bin.fromMs && marker.value < bin.toMs));
        const bin = bins[index]!;
        position = index + (bin.toMs > bin.fromMs ? (marker.value - bin.fromMs) / (bin.toMs - bin.fromMs) : 0);
      }
      return { label: marker.label, x: round(left + position * binWidth) };
    })
    .sort((one, other) => one.x - other.x);
  // Neighbouring labels lean away from each other so that they never overlap.
  const near = 96;
  positions.forEach((marker, index) => {
    const previous = positions[index - 1];
    const next = positions[index + 1];
    let anchor = "middle";
    let dx = 0;
    if (next && next.x - marker.x < near) [anchor, dx] = ["end", -3];
    else if (previous && marker.x - previous.x < near) [anchor, dx] = ["start", 3];
    else if (marker.x > WIDTH - 48) [anchor, dx] = ["end", -3];
    else if (marker.x < left + 48) [anchor, dx] = ["start", 3];
    parts.push(`<g class="marker"><line x1="${marker.x}" x2="${marker.x}" y1="${top - 14}" y2="${top + plotHeight}"/>`);
    parts.push(`<text x="${round(marker.x + dx)}" y="${top - 18}" text-anchor="${anchor}">${escapeHtml(marker.label)}</text></g>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
