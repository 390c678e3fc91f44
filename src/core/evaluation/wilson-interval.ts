import type { MetricValue } from "./evaluation-report.js";

const Z_95 = 1.959964;

/**
 * A proportion with its 95% Wilson score interval: unlike the normal approximation it
 * stays inside 0–1 and is honest for small counts, so a reader can tell a real
 * difference between two runs from noise.
 */
export function proportion(successes: number, count: number): MetricValue {
  if (count === 0) return { value: null, count: 0 };
  const share = successes / count;
  const denominator = 1 + (Z_95 * Z_95) / count;
  const centre = (share + (Z_95 * Z_95) / (2 * count)) / denominator;
  const margin = (Z_95 * Math.sqrt((share * (1 - share)) / count + (Z_95 * Z_95) / (4 * count * count))) / denominator;
  return { value: share, count, low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}

/** A mean of per-question values (MRR, nDCG, recall@k): no interval, the count says how many. */
export function meanOf(values: readonly number[]): MetricValue {
  return values.length === 0 ? { value: null, count: 0 } : { value: values.reduce((sum, value) => sum + value, 0) / values.length, count: values.length };
}

/** The q-quantile (0–1) by linear interpolation between closest ranks. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}
