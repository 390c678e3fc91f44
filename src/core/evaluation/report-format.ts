import { LOWER_IS_BETTER, type EvaluationReport, type MetricName, type MetricValue, type TypeSummary } from "./evaluation-report.js";

// Labels and number formats shared by report.md and report.html, so both say the same thing
// the same way: Chinese first, English in parentheses.

/** How a metric's value reads: a share (0–1, with a Wilson interval), a score, milliseconds or characters. */
export type MetricKind = "proportion" | "score" | "milliseconds" | "characters";

export interface MetricLabel {
  readonly zh: string;
  readonly en: string;
  readonly kind: MetricKind;
}

export const METRIC_LABELS: Readonly<Record<MetricName, MetricLabel>> = {
  hitAt5: { zh: "前5命中", en: "hit@5", kind: "proportion" },
  recallAt5: { zh: "前5召回", en: "recall@5", kind: "proportion" },
  meanReciprocalRank: { zh: "倒数排名", en: "MRR", kind: "score" },
  ndcgAt10: { zh: "排序质量", en: "nDCG@10", kind: "score" },
  factRecall: { zh: "事实召回", en: "fact recall", kind: "proportion" },
  allFactsAccuracy: { zh: "事实全对", en: "all facts", kind: "proportion" },
  unsupportedNumberRate: { zh: "无据数字", en: "unsupported numbers", kind: "proportion" },
  sentenceSupportRate: { zh: "句子有据", en: "sentence support", kind: "proportion" },
  citationValidity: { zh: "引文准确", en: "citation validity", kind: "proportion" },
  citationPrecision: { zh: "引文切题", en: "citation precision", kind: "proportion" },
  abstentionAccuracy: { zh: "拒答准确", en: "abstention accuracy", kind: "proportion" },
  falseAbstentionRate: { zh: "误拒答", en: "false abstention", kind: "proportion" },
  medianAnswerCharacters: { zh: "回答字数", en: "median length", kind: "characters" },
  latencyP50Ms: { zh: "延迟中位数", en: "p50 ms", kind: "milliseconds" },
  latencyP95Ms: { zh: "延迟 p95", en: "p95 ms", kind: "milliseconds" },
};

/** The per-type table's column groups: retrieval, answers, abstention and cost. */
export const METRIC_GROUPS: readonly { readonly zh: string; readonly en: string; readonly metrics: readonly MetricName[] }[] = [
  { zh: "检索", en: "retrieval", metrics: ["hitAt5", "recallAt5", "meanReciprocalRank", "ndcgAt10"] },
  {
    zh: "回答",
    en: "answers",
    metrics: ["factRecall", "allFactsAccuracy", "sentenceSupportRate", "unsupportedNumberRate", "citationValidity", "citationPrecision"],
  },
  { zh: "拒答与耗时", en: "abstention and cost", metrics: ["abstentionAccuracy", "falseAbstentionRate", "medianAnswerCharacters", "latencyP50Ms", "latencyP95Ms"] },
];

const TYPE_LABELS: Readonly<Record<string, string>> = {
  numeric: "数字",
  factoid: "事实",
  list: "列举",
  definition: "释义",
  paraphrase: "换种说法",
  "cross-section": "跨章节",
  "follow-up": "追问",
  unanswerable: "无法回答",
  all: "全部",
};

/** "数字" for "numeric"; an unknown type keeps its own name. */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** "数字 (numeric)"; an unknown type is just its name. */
export function typeLabelWithName(type: string): string {
  const label = typeLabel(type);
  return label === type ? type : `${label} (${type})`;
}

export function metricLabel(metric: MetricName): string {
  const label = METRIC_LABELS[metric];
  return `${label.zh} (${label.en})`;
}

export function thresholdComparator(metric: MetricName): "≥" | "≤" {
  return LOWER_IS_BETTER.has(metric) ? "≤" : "≥";
}

const MINUS = "−";

function signed(text: string, value: number): string {
  if (value > 0) return `+${text}`;
  if (value < 0) return `${MINUS}${text}`;
  return text;
}

/** 0.875 → "0.875". */
export function formatDecimal(value: number): string {
  return value.toFixed(3);
}

/** 12.345 → "12.3 ms", 1234 → "1234 ms". */
export function formatMilliseconds(value: number): string {
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ms`;
}

/** 0.8754 → "87.5%"; exactly 1 → "100%" (it fits a card). */
export function formatPercent(value: number): string {
  return value === 1 ? "100%" : `${(value * 100).toFixed(1)}%`;
}

/** A metric value in plain text as report.md shows it: "0.875 [0.529–0.978]", "12.3 ms", "27", or "—". */
export function formatMetricPlain(metric: MetricName, value: MetricValue | undefined): string {
  if (!value || value.value === null) return "—";
  const { kind } = METRIC_LABELS[metric];
  switch (kind) {
    case "milliseconds":
      return formatMilliseconds(value.value);
    case "characters":
      return String(Math.round(value.value));
    case "score":
      return formatDecimal(value.value);
    case "proportion":
      return formatProportionPlain(value);
  }
}

/** A share in plain text with its interval when it has one: "0.875 [0.529–0.978]", or "—". */
export function formatProportionPlain(value: MetricValue | undefined): string {
  if (!value || value.value === null) return "—";
  return value.low !== undefined && value.high !== undefined
    ? `${formatDecimal(value.value)} [${formatDecimal(value.low)}–${formatDecimal(value.high)}]`
    : formatDecimal(value.value);
}

/** A bare value (thresholds, baseline before/after) in the metric's unit, without an interval. */
export function formatValuePlain(metric: MetricName, value: number | null): string {
  return formatMetricPlain(metric, value === null ? undefined : { value, count: 0 });
}

/** A bare value as report.html shows it: shares as percentages. */
export function formatValueRich(metric: MetricName, value: number | null): string {
  if (value === null) return "—";
  return METRIC_LABELS[metric].kind === "proportion" ? formatPercent(value) : formatValuePlain(metric, value);
}

/** A metric's interval as report.html shows it: "52.9–97.8%", or undefined without one. */
export function formatIntervalRich(metric: MetricName, value: MetricValue | undefined): string | undefined {
  if (!value || value.value === null || value.low === undefined || value.high === undefined) return undefined;
  if (METRIC_LABELS[metric].kind !== "proportion") return `${formatValuePlain(metric, value.low)}–${formatValuePlain(metric, value.high)}`;
  return `${(value.low * 100).toFixed(1)}–${formatPercent(value.high)}`;
}

/** A change in the metric's unit with its sign: "+0.037", "−2.6 ms", "+3"; `rich` gives shares in percentage points. */
export function formatDelta(metric: MetricName, delta: number, rich = false): string {
  const magnitude = Math.abs(delta);
  const { kind } = METRIC_LABELS[metric];
  if (kind === "milliseconds") return signed(formatMilliseconds(magnitude), delta);
  if (kind === "characters") return signed(String(Math.round(magnitude)), delta);
  if (kind === "proportion" && rich) return signed(`${(magnitude * 100).toFixed(1)} pp`, delta);
  return signed(formatDecimal(magnitude), delta);
}

export function deltaArrow(delta: number | null): string {
  if (delta === null) return "";
  if (delta > 0) return "↑";
  if (delta < 0) return "↓";
  return "=";
}

/** "2026-11-28 16:21 UTC"; an unreadable date is shown as given. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function modeLabel(mode: EvaluationReport["mode"]): string {
  if (mode === "pipeline") return "本系统作答 (pipeline)";
  return mode === "answers" ? "外部答案评分 (answers file)" : "外部答案，只核对依据 (answers file, grounding only)";
}

/** The report, in a by-split run, of the answers whose id is in no split (or that have none). */
export const OUTSIDE_GOLD = "outside-gold";

const SPLIT_LABELS: Readonly<Record<string, string>> = {
  dev: "开发集，可据此调参 (dev: tuned on)",
  blind: "盲测集，不得据其失败调参 (blind: held out, never tuned on)",
  [OUTSIDE_GOLD]: "不在标准题集中的答案，只核对依据 (answers outside the gold set: grounding only)",
};

/** What a gold-set split is for; an unknown split is just its name. */
export function splitLabel(split: string): string {
  return SPLIT_LABELS[split] ?? split;
}

/** The "all" row, or undefined when the report has none. */
export function overallSummary(report: EvaluationReport): TypeSummary | undefined {
  return report.summaries.find((summary) => summary.type === "all");
}

/** The summaries with "all" last, whatever order they came in. */
export function summariesAllLast(report: EvaluationReport): TypeSummary[] {
  return [...report.summaries.filter((summary) => summary.type !== "all"), ...report.summaries.filter((summary) => summary.type === "all")];
}

/** An expected fact as text: any-of alternatives joined by " / ". */
export function expectedFactText(fact: string | readonly string[]): string {
  return typeof fact === "string" ? fact : fact.join(" / ");
}

/** Evidence ranges sorted, clipped to the text and merged where they overlap or touch. */
export function mergeRanges(ranges: readonly { readonly start: number; readonly end: number }[], length: number): { start: number; end: number }[] {
  const sorted = ranges
    .map((range) => ({ start: Math.max(0, Math.min(length, range.start)), end: Math.max(0, Math.min(length, range.end)) }))
    .filter((range) => range.end > range.start)
    .sort((left, right) => left.start - right.start);
  const merged: { start: number; end: number }[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
