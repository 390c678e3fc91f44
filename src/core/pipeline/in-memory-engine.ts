import type { ChunkerSettings } from "../chunking/chunk.js";
import type { SourceDocument } from "../chunking/source-document.js";
import { HashingEmbedder } from "../embedding/hashing-embedder.js";
import { buildIndex } from "../index/build-index.js";
import { CHUNKER_VERSION, INDEX_FORMAT_VERSION } from "../index/manifest.js";
import { BruteForceVectorIndex } from "../retrieval/brute-force-vector-index.js";
import { createEngine, type EngineParts } from "./create-engine.js";
import type { QaEngine } from "./qa-engine.js";

/**
 * An engine built straight from documents, held in memory with exact search: for
 * ablations (other chunk sizes without touching index/) and for tests.
 */
export async function buildInMemoryEngine(
  documents: readonly SourceDocument[],
  chunker: ChunkerSettings,
  options: Omit<EngineParts, "manifest" | "chunks" | "embedder" | "vectorIndex"> = {},
): Promise<QaEngine> {
  const built = await buildIndex({ documents, embedder: (texts) => HashingEmbedder.fit(texts), chunker });
  const vectorIndex = new BruteForceVectorIndex(built.dimensions);
  vectorIndex.add(built.vectors);
  const emptyFile = { path: "in-memory", sha256: "0".repeat(64), bytes: 0 };
  return createEngine({
    ...options,
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: { id: built.embedder.id, dimensions: built.dimensions },
      chunker: { version: CHUNKER_VERSION, ...chunker },
      corpus: built.corpus,
      vectorIndex: { space: "cosine", m: 1, efConstruction: 1, efSearch: 1, seed: 0 },
      chunkCount: built.chunks.length,
      files: { chunks: emptyFile, vectors: emptyFile },
      indexHash: `in-memory:${built.corpus.sha256.slice(0, 12)}`,
    },
    chunks: built.chunks,
    embedder: built.embedder,
    vectorIndex,
  });
}
