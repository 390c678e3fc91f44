/** Statistics for the bench: medians and percentiles of samples, ratios formatted for tables. */

function sorted(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new RangeError("no samples");
  if (samples.some((value) => !Number.isFinite(value))) throw new RangeError("samples must be finite numbers");
  return [...samples].sort((left, right) => left - right);
}

/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks (the
 * definition numpy uses by default), so percentile(x, 50) is the median.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, got ${p}`);
  const values = sorted(samples);
  const rank = (p / 100) * (values.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = values[lower]!;
  const high = values[upper]!;
  return low + (high - low) * (rank - lower);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** "1.23×"; "n/a" when the baseline is zero or either side is missing. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "n/a";
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

export function ratio(value: number, baseline: number): number | undefined {
  return baseline > 0 && Number.isFinite(value) && Number.isFinite(baseline) ? value / baseline : undefined;
}

/** Milliseconds with precision that suits their size: 0.0123 ms, 1.23 ms, 123 ms. */
export function formatMilliseconds(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value < 0.1) return `${value.toFixed(4)} ms`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(0)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
