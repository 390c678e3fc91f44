/** A nearest neighbour: the chunk whose vector it is, and its cosine similarity to the query. */
export interface VectorMatch {
  readonly chunkId: string;
  readonly similarity: number;
}

/** A vector stored under its chunk's id. */
export interface VectorRecord {
  readonly id: string;
  readonly vector: readonly number[];
}

/**
 * Restricts a search to some chunks (a document, a section). Implementations search within
 * them (exactly, or a graph walk that only collects them), never by post-filtering the
 * unfiltered top k, which would return fewer than k whenever the chunks are not near the top.
 */
export interface VectorFilter {
  readonly chunkIds: ReadonlySet<string>;
}

/**
 * Nearest-neighbour search over unit vectors, keyed by chunk id and asynchronous so that a
 * database can implement it as well as memory. Implemented exactly in pure TypeScript
 * (core/retrieval/brute-force-vector-index.ts, also used by Workers), approximately by
 * hnswlib-node (adapters/node/hnswlib-vector-index.ts) and by pgvector's HNSW in PostgreSQL
 * (adapters/postgres/pgvector-vector-index.ts). One contract suite:
 * tests/contracts/vector-index-contract.ts.
 *
 * @example
 *   await index.upsert([{ id: "chunk-0001", vector }]);
 *   const [best] = await index.search(queryVector, 5); // { chunkId: "chunk-0001", similarity: 0.93 }
 */
export interface VectorIndex {
  /** "brute-force", "hnsw" or "pgvector", shown in the engine receipt. */
  readonly kind: string;
  readonly dimensions: number;
  /** How many vectors it holds. */
  size(): Promise<number>;
  /**
   * Stores vectors under their ids, replacing the vector of an id already held. A batch
   * with one vector of the wrong length stores none of it.
   */
  upsert(records: readonly VectorRecord[]): Promise<void>;
  /** Up to k matches, most similar first; with a filter, only among its chunks. */
  search(query: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]>;
}
