import { DEFAULT_FUSION, fuseScores, type FusionSettings } from "../retrieval/fusion.js";

/**
 * The hybrid retriever's final ranking from its two legs' candidates, for a lexical leg the
 * retriever cannot take (HybridRetriever holds a Bm25Index, not a port): the same fusion
 * (fusion.ts) and the same order as HybridRetriever.retrieve — fused score, then position.
 * npm run eval:lexical checks that BM25's candidates through this give the served retriever's
 * top passages on every question, so a change to the retriever's fusion shows up there.
 */
export function fusedTopPositions(
  lexical: ReadonlyMap<number, number>,
  vector: ReadonlyMap<number, number>,
  k: number,
  fusion: FusionSettings = DEFAULT_FUSION,
): number[] {
  return [...fuseScores({ lexical, vector }, fusion)]
    .sort((left, right) => right[1] - left[1] || left[0] - right[0])
    .slice(0, k)
    .map(([position]) => position);
}
