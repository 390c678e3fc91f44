import type { Chunk } from "../chunking/chunk.js";

/** One retrieved chunk with the evidence for its rank, best first in a result list. */
export interface RetrievedPassage {
  readonly chunk: Chunk;
  /** Position of the chunk in the index (same order as chunks.json and the vectors). */
  readonly position: number;
  /** Fused score, higher is better; comparable within one result list. */
  readonly score: number;
  readonly lexicalScore: number;
  readonly vectorSimilarity: number;
}

export type RetrieverMode = "hybrid" | "bm25" | "dense";
