import type { EmbeddingsInterface } from "@langchain/core/embeddings";

/**
 * An embedder is LangChain's two-method EmbeddingsInterface plus an identity,
 * so an index can record which embedder built it and refuse a different one at load.
 *
 * @example
 *   const vector = await embedder.embedQuery("地区生产总值目标");
 *   manifest.embedder === embedder.id // checked before any search
 */
export interface Embedder extends EmbeddingsInterface {
  /** Stable identity written to index/manifest.json, e.g. "hashing:v1:d1024" or "transformers:Xenova/bge-small-zh-v1.5". */
  readonly id: string;
  /** Vector length; known after construction for local embedders, after the first call for model-backed ones. */
  readonly dimensions: number | undefined;
}
