import { ExtractiveAnswerer, type ExtractiveAnswererSettings } from "../answering/extractive-answerer.js";
import { findPlaces } from "../answering/place-names.js";
import { TermStatistics } from "../answering/term-statistics.js";
import type { Chunk } from "../chunking/chunk.js";
import { EmbedderMismatchError, IndexCorruptError } from "../errors.js";
import type { IndexManifest } from "../index/manifest.js";
import type { Embedder } from "../ports/embedder.js";
import type { VectorIndex } from "../ports/vector-index.js";
import { Bm25Index } from "../retrieval/bm25-index.js";
import { ChunkVectorStore, documentFromChunk } from "../retrieval/chunk-vector-store.js";
import type { FusionSettings } from "../retrieval/fusion.js";
import { HybridRetriever } from "../retrieval/hybrid-retriever.js";
import { indexedText } from "../retrieval/indexed-text.js";
import type { RetrieverMode } from "../retrieval/retrieved-passage.js";
import { normalizeText } from "../text/normalize.js";
import { tokenize } from "../text/tokenize.js";
import type { QaEngine } from "./qa-engine.js";

export interface EngineParts {
  readonly manifest: IndexManifest;
  readonly chunks: readonly Chunk[];
  readonly embedder: Embedder;
  /** Holds the chunks' vectors in chunk order (exact search or HNSW). */
  readonly vectorIndex: VectorIndex;
  /** BM25 postings read from the index; built from the chunks when absent. */
  readonly lexicalIndex?: Bm25Index;
  /** Stored term postings (TermStatistics.serialize) for these chunks; built when absent. */
  readonly termPostings?: Uint8Array;
  readonly retrieverMode?: RetrieverMode;
  readonly fusion?: FusionSettings;
  readonly answererSettings?: Partial<ExtractiveAnswererSettings>;
  readonly now?: () => number;
}

/**
 * Wires a loaded index into an engine. Refuses an embedder other than the one that
 * built the index: its vectors would live in another space and every search would
 * silently return noise.
 */
export function createEngine(parts: EngineParts): QaEngine {
  const { manifest, chunks, embedder, vectorIndex } = parts;
  if (embedder.id !== manifest.embedder.id) {
    throw new EmbedderMismatchError(
      `The index was built with embedder "${manifest.embedder.id}" but "${embedder.id}" was configured. ` +
        `Rebuild it with: npm run ingest -- --embedder ${embedder.id.startsWith("transformers:") ? embedder.id : "hashing"}`,
    );
  }
  if (vectorIndex.dimensions !== manifest.embedder.dimensions) {
    throw new EmbedderMismatchError(`The index holds ${vectorIndex.dimensions}-dimensional vectors; the manifest says ${manifest.embedder.dimensions}.`);
  }
  const vectorStore = new ChunkVectorStore(embedder, vectorIndex);
  vectorStore.attachDocuments(chunks.map((chunk, position) => documentFromChunk(chunk, position)));
  const texts = chunks.map(indexedText);
  const lexicalIndex = parts.lexicalIndex ?? Bm25Index.fromTexts(texts, (text) => tokenize(normalizeText(text)));
  const retriever = new HybridRetriever({
    chunks,
    embedder,
    vectorStore,
    lexicalIndex,
    ...(parts.retrieverMode ? { mode: parts.retrieverMode } : {}),
    ...(parts.fusion ? { fusion: parts.fusion } : {}),
  });
  const titles = [...new Set(chunks.map((chunk) => chunk.title))];
  const answerer = new ExtractiveAnswerer({
    embedder,
    statistics: parts.termPostings ? termStatisticsFromStored(texts, parts.termPostings) : new TermStatistics(texts),
    subjectPlaces: findPlaces(normalizeText(titles.join(" "))),
    ...(parts.answererSettings ? { settings: parts.answererSettings } : {}),
  });
  return { manifest, chunks, embedder, retriever, answerer, now: parts.now ?? (() => performance.now()) };
}

function termStatisticsFromStored(texts: readonly string[], stored: Uint8Array): TermStatistics {
  try {
    return new TermStatistics(texts, stored);
  } catch {
    throw new IndexCorruptError("The index's term postings file cannot be read. Rebuild the index with: npm run ingest");
  }
}
