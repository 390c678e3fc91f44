/** A nearest neighbour: the position of the stored vector (its chunk's position) and its cosine similarity. */
export interface VectorMatch {
  readonly position: number;
  readonly similarity: number;
}

/**
 * Nearest-neighbour search over unit vectors. Implemented exactly in pure TypeScript
 * (core/retrieval/brute-force-vector-index.ts, also used by Workers) and approximately
 * by hnswlib-node (adapters/node/hnswlib-vector-index.ts).
 */
export interface VectorIndex {
  /** "brute-force" or "hnsw", shown in the engine receipt. */
  readonly kind: string;
  readonly dimensions: number;
  readonly size: number;
  /** Appends vectors; their positions continue from `size`. */
  add(vectors: readonly (readonly number[])[]): void;
  /** Up to k matches, most similar first. */
  search(query: readonly number[], k: number): VectorMatch[];
}
