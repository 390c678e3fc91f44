import { z } from "zod";
import { LOWER_IS_BETTER, METRIC_NAMES, type BaselineDiff, type MetricName, type QuestionReport, type ThresholdResult, type TypeSummary } from "./evaluation-report.js";

const metricNameSchema = z.enum(METRIC_NAMES);

/** eval/baseline.json: the summaries and per-question outcomes of a run to compare against (a full report.json also fits). */
export const baselineSchema = z.object({
  createdAt: z.string(),
  summaries: z.array(z.object({ type: z.string(), questions: z.number(), metrics: z.record(z.string(), z.object({ value: z.number().nullable() }).passthrough()) }).passthrough()),
  questions: z.array(z.object({ id: z.string(), passed: z.boolean() }).passthrough()),
});
/** What a comparison needs of a baseline (a parsed baseline file, or a fresh report). */
export interface Baseline {
  readonly createdAt: string;
  readonly summaries: readonly { readonly type: string; readonly metrics: Readonly<Record<string, { readonly value: number | null }>> }[];
  readonly questions: readonly { readonly id: string; readonly passed: boolean }[];
}

/** eval/thresholds.json: floors for higher-is-better metrics, ceilings for the others, on the "all" row. */
export const thresholdsSchema = z.object({
  minimum: z.partialRecord(metricNameSchema, z.number()).default({}),
  maximum: z.partialRecord(metricNameSchema, z.number()).default({}),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

const overall = (summaries: Baseline["summaries"]) => summaries.find((summary) => summary.type === "all");

/** What changed since the baseline: questions that flipped, and the overall metrics' deltas. */
export function compareWithBaseline(summaries: readonly TypeSummary[], questions: readonly QuestionReport[], baseline: Baseline): BaselineDiff {
  const before = new Map(baseline.questions.map((question) => [question.id, question.passed]));
  const now = overall(summaries);
  const then = overall(baseline.summaries);
  return {
    baselineCreatedAt: baseline.createdAt,
    newlyFailing: questions.filter((question) => before.get(question.id) === true && !question.passed).map((question) => question.id),
    newlyPassing: questions.filter((question) => before.get(question.id) === false && question.passed).map((question) => question.id),
    deltas: METRIC_NAMES.map((metric) => {
      const after = now?.metrics[metric]?.value ?? null;
      const previous = then?.metrics[metric]?.value ?? null;
      const delta = after === null || previous === null ? null : Number((after - previous).toFixed(6));
      return { metric, before: previous, after, delta, worse: delta !== null && (LOWER_IS_BETTER.has(metric) ? delta > 0 : delta < 0) };
    }),
  };
}

/**
 * Checks the "all" row against floors and ceilings. A metric the run could not measure
 * (retrieval metrics when grading another system's answers) is reported with a null value
 * and does not fail the gate.
 */
export function checkThresholds(summaries: readonly TypeSummary[], thresholds: Thresholds): ThresholdResult[] {
  const all = overall(summaries);
  const value = (metric: MetricName): number | null => all?.metrics[metric]?.value ?? null;
  return [
    ...Object.entries(thresholds.minimum).map(([metric, threshold]) => {
      const measured = value(metric as MetricName);
      return { metric: metric as MetricName, threshold: threshold!, value: measured, passed: measured === null || measured >= threshold! };
    }),
    ...Object.entries(thresholds.maximum).map(([metric, threshold]) => {
      const measured = value(metric as MetricName);
      return { metric: metric as MetricName, threshold: threshold!, value: measured, passed: measured === null || measured <= threshold! };
    }),
  ];
}

/** `--fail-under metric=value` (a floor, or a ceiling for lower-is-better metrics). */
export function parseFailUnder(argument: string): { metric: MetricName; value: number; kind: "minimum" | "maximum" } {
  const match = /^([A-Za-z0-9]+)=(-?\d+(?:\.\d+)?)$/u.exec(argument);
  const metric = metricNameSchema.safeParse(match?.[1]);
  if (!match || !metric.success) throw new Error(`--fail-under takes metric=value with a metric among: ${METRIC_NAMES.join(", ")}`);
  return { metric: metric.data, value: Number(match[2]), kind: LOWER_IS_BETTER.has(metric.data) ? "maximum" : "minimum" };
}
