import type { RankingFigures } from "./lexical-ranking-figures.js";
import { markdownTable } from "./markdown-text.js";

/**
 * What npm run eval:lexical measured: per split, each lexical leg's ranking of the gold
 * evidence on its own, the hybrid retriever's final passages with that leg in place of BM25,
 * and the leg's latency; then which leg ranks best on dev (the split one may tune on).
 */

export interface LegResult {
  /** "bm25 (in memory)", "ts_rank norm 0 (PGlite)", … */
  readonly leg: string;
  /** The leg alone: its first 10 candidates. */
  readonly lexical: RankingFigures;
  /** The hybrid retriever's final top passages (HYBRID_TOP_K) with this leg's candidates fused. */
  readonly hybrid: RankingFigures;
  /** Per-question median over rounds, then percentiles over questions, in milliseconds. */
  readonly latencyMs: { readonly p50: number; readonly p95: number };
}

export interface SplitResult {
  readonly split: string;
  readonly questions: number;
  /** Questions without evidence found in a chunk (the unanswerable ones): not graded. */
  readonly withoutEvidence: number;
  readonly legs: readonly LegResult[];
}

/** Passages the answerer gets from the retriever (ask.ts: at least 6), so "final top-6". */
export const HYBRID_TOP_K = 6;
export const LEXICAL_CUTOFFS = [1, 5, 10] as const;

/**
 * The leg that ranks the evidence best on `split`: highest MRR@10, then recall@5, then
 * recall@1; a tie keeps the earlier leg (BM25 is listed first, so it is not displaced by a
 * tie).
 */
export function bestLeg(result: SplitResult, among: (leg: LegResult) => boolean = () => true): LegResult | undefined {
  const key = (leg: LegResult): number[] => [leg.lexical.mrrAt10, leg.lexical.recall[5] ?? 0, leg.lexical.recall[1] ?? 0];
  let best: LegResult | undefined;
  for (const leg of result.legs.filter(among)) {
    if (!best) {
      best = leg;
      continue;
    }
    const [a, b] = [key(leg), key(best)];
    const better = a.findIndex((value, index) => value !== b[index]);
    if (better >= 0 && a[better]! > b[better]!) best = leg;
  }
  return best;
}

const figure = (value: number | undefined): string => (value === undefined ? "—" : value.toFixed(3));
const milliseconds = (value: number): string => (value >= 10 ? value.toFixed(1) : value.toFixed(2));

export function renderSplitTable(result: SplitResult): string {
  const header = ["lexical leg", "R@1", "R@5", "R@10", "hit@5", "MRR@10", `hybrid R@${HYBRID_TOP_K}`, `hybrid hit@${HYBRID_TOP_K}`, "p50 ms", "p95 ms"];
  const rows = result.legs.map((leg) => [
    leg.leg,
    figure(leg.lexical.recall[1]),
    figure(leg.lexical.recall[5]),
    figure(leg.lexical.recall[10]),
    figure(leg.lexical.hit[5]),
    figure(leg.lexical.mrrAt10),
    figure(leg.hybrid.recall[HYBRID_TOP_K]),
    figure(leg.hybrid.hit[HYBRID_TOP_K]),
    milliseconds(leg.latencyMs.p50),
    milliseconds(leg.latencyMs.p95),
  ]);
  return markdownTable(header, rows, ["left", ...header.slice(1).map(() => "right" as const)]);
}
