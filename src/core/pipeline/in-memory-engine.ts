import type { ChunkerSettings } from "../chunking/chunk.js";
import type { SourceDocument } from "../chunking/source-document.js";
import { HashingEmbedder } from "../embedding/hashing-embedder.js";
import { buildIndex } from "../index/build-index.js";
import { CHUNKER_VERSION, INDEX_FORMAT_VERSION } from "../index/manifest.js";
import { BruteForceVectorIndex } from "../retrieval/brute-force-vector-index.js";
import { createEngine, type EngineParts } from "./create-engine.js";
import type { QaEngine } from "./qa-engine.js";
import { buildQuestionLexicon } from "../lexicon/build-question-lexicon.js";
import type { QuestionLexicon } from "../lexicon/question-lexicon.js";

/**
 * An engine built straight from documents, held in memory with exact search: for
 * ablations (other chunk sizes without touching index/) and for tests. Its lexicon is the
 * one given (the served index's, for comparable answers) or one merged from the general
 * data files and the documents' sidecars alone — without the English dictionary and the
 * list of administrative divisions, which only ingest reads.
 */
export async function buildInMemoryEngine(
  documents: readonly SourceDocument[],
  chunker: ChunkerSettings,
  options: Omit<EngineParts, "manifest" | "chunks" | "embedder" | "vectorIndex" | "lexicon"> & { readonly lexicon?: QuestionLexicon } = {},
): Promise<QaEngine> {
  const built = await buildIndex({ documents, embedder: (texts) => HashingEmbedder.fit(texts), chunker });
  const vectorIndex = new BruteForceVectorIndex(built.dimensions);
  vectorIndex.put(built.chunks.map((chunk, position) => ({ id: chunk.id, vector: built.vectors[position]! })));
  const emptyFile = { path: "in-memory", sha256: "0".repeat(64), bytes: 0 };
  return createEngine({
    ...options,
    lexicon: options.lexicon ?? buildQuestionLexicon({ documents }),
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: { id: built.embedder.id, dimensions: built.dimensions },
      chunker: { version: CHUNKER_VERSION, ...chunker },
      corpus: built.corpus,
      vectorIndex: { space: "cosine", m: 1, efConstruction: 1, efSearch: 1, seed: 0 },
      chunkCount: built.chunks.length,
      files: { chunks: emptyFile, vectors: emptyFile, lexicon: emptyFile },
      indexHash: `in-memory:${built.corpus.sha256.slice(0, 12)}`,
    },
    chunks: built.chunks,
    embedder: built.embedder,
    vectorIndex,
  });
}
