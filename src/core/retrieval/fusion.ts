/**
 * How lexical and vector rankings combine. Both were measured on the gold set
 * (docs/DECISIONS.md); the default is the one that won.
 */
export type FusionSettings =
  | { readonly method: "rrf"; readonly k: number }
  | { readonly method: "weighted"; readonly lexicalWeight: number };

export const DEFAULT_FUSION: FusionSettings = { method: "weighted", lexicalWeight: 0.5 };

export interface RankedScores {
  /** position → score, for every candidate the leg returned. */
  readonly lexical: ReadonlyMap<number, number>;
  readonly vector: ReadonlyMap<number, number>;
}

function ranks(scores: ReadonlyMap<number, number>): Map<number, number> {
  const ordered = [...scores].sort((left, right) => right[1] - left[1] || left[0] - right[0]);
  return new Map(ordered.map(([position], rank) => [position, rank + 1]));
}

/** Fused score per candidate position. */
export function fuseScores(scores: RankedScores, settings: FusionSettings): Map<number, number> {
  const positions = new Set([...scores.lexical.keys(), ...scores.vector.keys()]);
  const fused = new Map<number, number>();
  if (settings.method === "rrf") {
    const lexicalRanks = ranks(scores.lexical);
    const vectorRanks = ranks(scores.vector);
    for (const position of positions) {
      const lexicalRank = lexicalRanks.get(position);
      const vectorRank = vectorRanks.get(position);
      fused.set(
        position,
        (lexicalRank ? 1 / (settings.k + lexicalRank) : 0) + (vectorRank ? 1 / (settings.k + vectorRank) : 0),
      );
    }
    return fused;
  }
  // BM25 scores are unbounded, so they are scaled by the best one; cosine is already 0–1.
  const bestLexical = Math.max(0, ...scores.lexical.values()) || 1;
  for (const position of positions) {
    const lexical = (scores.lexical.get(position) ?? 0) / bestLexical;
    const vector = Math.max(0, scores.vector.get(position) ?? 0);
    fused.set(position, settings.lexicalWeight * lexical + (1 - settings.lexicalWeight) * vector);
  }
  return fused;
}
