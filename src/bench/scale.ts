import type { PartResult } from "./results.js";

/** The scale part (10×/100×/1000× corpus, HNSW recall) has no runs yet: the bench lists its targets as not measured. */
export function scaleNotYetMeasured(): PartResult {
  const row = (metric: string, target?: string) => ({
    part: "scale",
    metric,
    value: "not yet measured",
    measured: null,
    unit: "",
    ...(target ? { target } : {}),
  });
  return {
    part: "scale",
    seconds: 0,
    rows: [
      row("1000× corpus: ingest time", "≤ 120 s"),
      row("1000× corpus: query p95", "≤ 30 ms"),
      row("1000× corpus: RSS", "≤ 1.5 GB"),
      row("HNSW recall@10 vs brute force, every scale", "≥ 0.98"),
    ],
    details: { measured: false },
    error: "the corpus generator and scale runs do not exist yet",
  };
}
