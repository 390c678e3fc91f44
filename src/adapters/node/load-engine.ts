import * as path from "node:path";
import type { SourceDocument } from "../../core/chunking/source-document.js";
import { QaError } from "../../core/errors.js";
import { corpusFingerprint } from "../../core/index/build-index.js";
import { readIndexContents } from "../../core/index/read-index-contents.js";
import type { ExtractiveAnswererSettings } from "../../core/answering/extractive-answerer.js";
import { createEngine } from "../../core/pipeline/create-engine.js";
import type { QaEngine } from "../../core/pipeline/qa-engine.js";
import type { VectorIndex } from "../../core/ports/vector-index.js";
import { BruteForceVectorIndex } from "../../core/retrieval/brute-force-vector-index.js";
import type { FusionSettings } from "../../core/retrieval/fusion.js";
import type { RetrieverMode } from "../../core/retrieval/retrieved-passage.js";
import { readCorpus } from "./corpus-reader.js";
import { embedderForIndex, type Environment } from "./embedder-factory.js";
import { readStoredIndex } from "./file-index-store.js";
import { DEFAULT_HNSW_SETTINGS, HnswlibVectorIndex, loadHnswlib } from "./hnswlib-vector-index.js";

/** `auto`: exact search below AUTO_BRUTE_FORCE_BELOW_CHUNKS chunks, HNSW above (when hnswlib-node loads). */
export type VectorIndexChoice = "auto" | "hnsw" | "brute-force";

export interface LoadEngineOptions {
  readonly indexDirectory: string;
  readonly corpusDirectory?: string;
  readonly environment: Environment;
  /** Embedder the caller expects (EMBEDDER / --embedder); a different one in the index is an error. */
  readonly embedder?: string;
  readonly vectorIndex?: VectorIndexChoice;
  readonly retrieverMode?: RetrieverMode;
  readonly fusion?: FusionSettings;
  readonly answererSettings?: Partial<ExtractiveAnswererSettings>;
  readonly warn?: (message: string) => void;
}

export interface LoadedEngine {
  readonly engine: QaEngine;
  /** The corpus documents as read at start-up (for titles and bylines); empty when not read. */
  readonly documents: readonly SourceDocument[];
  readonly builtAt: Date;
  readonly corpusMatches: boolean | undefined;
}

/**
 * Below this many chunks `auto` serves exact brute-force search. From the scale bench's
 * "brute force ÷ HNSW" rows (docs/PERFORMANCE.md): ~1.2× at 57 chunks (both ≈ 0.1 ms, a
 * difference of ~0.02 ms that ask() never notices), 2.5× at 570 and ~17× at 5,700 — the
 * crossover sits at a few tens of chunks. Below 100 the scan costs nothing measurable and
 * is exact and native-free; above it HNSW wins and the gap grows with the corpus.
 */
export const AUTO_BRUTE_FORCE_BELOW_CHUNKS = 100;

async function chooseVectorIndex(
  options: LoadEngineOptions,
  hnswFile: string | undefined,
  dimensions: number,
  vectors: Float32Array,
  efSearch: number,
): Promise<VectorIndex> {
  const choice = options.vectorIndex ?? "auto";
  const count = vectors.length / dimensions;
  if (choice === "auto" && count < AUTO_BRUTE_FORCE_BELOW_CHUNKS) return new BruteForceVectorIndex(dimensions, vectors);
  if (choice !== "brute-force" && hnswFile) {
    if (await loadHnswlib()) {
      return HnswlibVectorIndex.read(hnswFile, dimensions, { ...DEFAULT_HNSW_SETTINGS, efSearch });
    }
    options.warn?.("hnswlib-node could not be loaded (no native build on this machine): using exact brute-force search over the same vectors.");
  } else if (choice === "hnsw") {
    throw new QaError("index_missing", "This index has no HNSW graph. Rebuild it with: npm run ingest");
  }
  return new BruteForceVectorIndex(dimensions, vectors);
}

/** Loads and verifies index/, wires the Node adapters, and warns when corpus/ changed since the build. */
export async function loadNodeEngine(options: LoadEngineOptions): Promise<LoadedEngine> {
  const stored = await readStoredIndex(options.indexDirectory);
  const { manifest, files } = stored;
  const { chunks, vectors } = readIndexContents(manifest, files);
  const embedder = embedderForIndex(manifest, files.embedderState, options.environment, options.embedder);
  const hnswFile = manifest.files.hnsw ? path.join(options.indexDirectory, manifest.files.hnsw.path) : undefined;
  const vectorIndex = await chooseVectorIndex(options, hnswFile, manifest.embedder.dimensions, vectors, manifest.vectorIndex.efSearch);
  let corpusMatches: boolean | undefined;
  let documents: SourceDocument[] | undefined;
  if (options.corpusDirectory) {
    documents = await readCorpus(options.corpusDirectory).catch(() => undefined);
    if (!documents) {
      options.warn?.(`The corpus folder ${options.corpusDirectory} cannot be read, so the index cannot be checked against it.`);
    } else {
      corpusMatches = (await corpusFingerprint(documents)).sha256 === manifest.corpus.sha256;
      if (!corpusMatches) options.warn?.("corpus/ has changed since the index was built: answers come from the old text. Rebuild with: npm run ingest");
    }
  }
  const engine = createEngine({
    manifest,
    chunks,
    embedder,
    vectorIndex,
    ...(options.retrieverMode ? { retrieverMode: options.retrieverMode } : {}),
    ...(options.fusion ? { fusion: options.fusion } : {}),
    ...(options.answererSettings ? { answererSettings: options.answererSettings } : {}),
  });
  return { engine, documents: documents ?? [], builtAt: stored.builtAt, corpusMatches };
}
