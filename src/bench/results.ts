/** One line of the bench table: a measured figure, and the target it is held to if any. */
export interface BenchRow {
  readonly part: string;
  readonly metric: string;
  /** The figure as printed (a median unless the metric says otherwise). */
  readonly value: string;
  /** The same figure as a number, in `unit`, for the JSON results. */
  readonly measured: number | null;
  readonly unit: string;
  readonly target?: string;
  /** Whether the target is met; undefined when the row has no target. */
  readonly met?: boolean;
  readonly note?: string;
}

export interface PartResult {
  readonly part: string;
  readonly seconds: number;
  readonly rows: BenchRow[];
  /** Raw figures behind the rows (per-run values), for anyone re-analysing. */
  readonly details: Record<string, unknown>;
  /** Set when the part could not run; its rows then say "not measured". */
  readonly error?: string;
}
