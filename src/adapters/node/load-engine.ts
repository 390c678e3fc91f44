import * as path from "node:path";
import type { SourceDocument } from "../../core/chunking/source-document.js";
import { indexStorageOf } from "../../core/index/index-storage.js";
import { QaError } from "../../core/errors.js";
import { corpusFingerprint } from "../../core/index/build-index.js";
import { readIndexContents } from "../../core/index/read-index-contents.js";
import type { AnswererSettingsOverrides } from "../../core/answering/extractive-answerer.js";
import { createEngine } from "../../core/pipeline/create-engine.js";
import type { QaEngine } from "../../core/pipeline/qa-engine.js";
import type { VectorIndex } from "../../core/ports/vector-index.js";
import type { WordSegmenter } from "../../core/ports/word-segmenter.js";
import { IntlWordSegmenter } from "../../core/text/intl-word-segmenter.js";
import { BruteForceVectorIndex } from "../../core/retrieval/brute-force-vector-index.js";
import type { FusionSettings } from "../../core/retrieval/fusion.js";
import type { RetrieverMode } from "../../core/retrieval/retrieved-passage.js";
import { readCorpus } from "./corpus-reader.js";
import { embedderForIndex, type Environment } from "./embedder-factory.js";
import type { IndexManifest } from "../../core/index/manifest.js";
import { readStoredIndex } from "./file-index-store.js";
import { checkUnusedFiles, type UnusedFilesCheck } from "./unused-index-files.js";
import { loadJiebaWasmSegmenter } from "./jieba-wasm-segmenter.js";
import type { AnswererChoice } from "../answerer-choice.js";
import { modelPartsFor } from "../generative-answerer-factory.js";
import { transformersChatModels } from "./local-chat-models.js";
import { DEFAULT_HNSW_SETTINGS, efSearchFor, HnswlibVectorIndex, loadHnswlib } from "./hnswlib-vector-index.js";

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
  readonly answererSettings?: AnswererSettingsOverrides;
  /** Which answerer (ANSWERER, LLM_*): the extractive one when absent. */
  readonly answerer?: AnswererChoice;
  /** REQUEST_TIMEOUT_MS of the server (0 or absent: none): bounds the model's time (see modelTimeout). */
  readonly requestTimeoutMs?: number;
  /** The word segmenter; jieba-wasm when absent (Intl.Segmenter, with a warning, if it cannot load). */
  readonly segmenter?: WordSegmenter;
  /**
   * DATABASE_URL: the whole index comes from that PostgreSQL database — the manifest and files
   * of its current version (written by npm run ingest -- --target postgres), vectors searched
   * in pgvector — and `indexDirectory` is not read. Absent: index/ alone, as always.
   */
  readonly databaseUrl?: string;
  /** Verify the checksums of the files the chosen search does not read, after loading, in the background (the server). */
  readonly checkUnusedFiles?: boolean;
  readonly warn?: (message: string) => void;
}

export interface LoadedEngine {
  readonly engine: QaEngine;
  /** The corpus documents as read at start-up (for titles and bylines); empty when not read. */
  readonly documents: readonly SourceDocument[];
  readonly builtAt: Date;
  /** Where the index was read from: index/ or the database (DATABASE_URL). */
  readonly storage: "files" | "postgres";
  readonly corpusMatches: boolean | undefined;
  /** The background check of the files not read at load, when `checkUnusedFiles` asked for it. */
  readonly unusedFiles?: UnusedFilesCheck;
}

/**
 * Below this many chunks `auto` serves exact brute-force search. Not for speed: the scale
 * bench measures HNSW a little faster already at 57 chunks (~1.1×; both ≈ 0.1 ms, a
 * difference of a few hundredths of a millisecond that ask() never notices; its
 * "crossover" row states the measurement). Below 100 chunks exact search costs nothing
 * measurable, is exact (HNSW is approximate) and needs no native code, so it is preferred;
 * above, HNSW's lead grows with the corpus (tens of times at 5,000+ chunks).
 */
export const AUTO_BRUTE_FORCE_BELOW_CHUNKS = 100;

/**
 * Which vector index serves, decided from the manifest before any file is read, so the
 * files the choice does not use are not read at load, only sized: the graph for exact search,
 * the vectors file for HNSW (the graph holds its own copy of the vectors). Their checksums
 * are verified after loading when `checkUnusedFiles` is set (see unused-index-files.ts).
 */
async function planVectorIndex(options: LoadEngineOptions, manifest: IndexManifest): Promise<"hnsw" | "brute-force"> {
  const choice = options.vectorIndex ?? "auto";
  if (choice === "auto" && manifest.chunkCount < AUTO_BRUTE_FORCE_BELOW_CHUNKS) return "brute-force";
  if (choice !== "brute-force" && manifest.files.hnsw) {
    if (await loadHnswlib()) return "hnsw";
    options.warn?.("hnswlib-node could not be loaded (no native build on this machine): using exact brute-force search over the same vectors.");
  } else if (choice === "hnsw") {
    throw new QaError("index_missing", "This index has no HNSW graph. Rebuild it with: npm run ingest");
  }
  return "brute-force";
}

/** The corpus documents as read, and whether they are the ones the index was built from. */
export interface CorpusCheck {
  readonly documents: readonly SourceDocument[];
  readonly corpusMatches: boolean | undefined;
}

async function compareCorpus(documents: SourceDocument[] | undefined, directory: string, manifest: IndexManifest, warn?: (message: string) => void): Promise<CorpusCheck> {
  if (!documents) {
    warn?.(`The corpus folder ${directory} cannot be read, so the index cannot be checked against it.`);
    return { documents: [], corpusMatches: undefined };
  }
  const corpusMatches = (await corpusFingerprint(documents)).sha256 === manifest.corpus.sha256;
  if (!corpusMatches) warn?.("corpus/ has changed since the index was built: answers come from the old text. Rebuild with: npm run ingest");
  return { documents, corpusMatches };
}

/**
 * Reads the corpus folder and compares it with the index's manifest, warning on a difference.
 * The server runs this after it starts serving: at 1000× it reads and hashes ~10 M characters,
 * and an edited corpus is a warning and a health status, not a reason to wait.
 */
export async function checkCorpus(directory: string, manifest: IndexManifest, warn?: (message: string) => void): Promise<CorpusCheck> {
  return compareCorpus(await readCorpus(directory).catch(() => undefined), directory, manifest, warn);
}

/** Loads and verifies index/ (or, with DATABASE_URL, the database's current version), wires the Node adapters, and warns when corpus/ changed since the build. */
export async function loadNodeEngine(options: LoadEngineOptions): Promise<LoadedEngine> {
  // The corpus check reads every corpus file: it runs while the index loads.
  const corpusCheck = options.corpusDirectory ? readCorpus(options.corpusDirectory).catch(() => undefined) : Promise.resolve(undefined);
  const segmenter = options.segmenter ? Promise.resolve(options.segmenter) : nodeSegmenter(options.warn);
  let plan = "brute-force" as "hnsw" | "brute-force" | "pgvector";
  const databaseUrl = options.databaseUrl;
  const loading = databaseUrl
    ? // Imported only here, so the file-backed default never loads the Postgres client.
      import("../postgres/read-database-index.js").then(async ({ readDatabaseIndex }) => {
        plan = "pgvector";
        return { ...(await readDatabaseIndex(databaseUrl)), fileIndex: undefined };
      })
    : readStoredIndex(options.indexDirectory, async (manifest) => {
        plan = await planVectorIndex(options, manifest);
        return plan === "hnsw" ? ["vectors"] : ["hnsw"];
      }).then((fileIndex) => ({ ...fileIndex, fileIndex }));
  const stored = await loading.catch(async (error: unknown) => {
    await corpusCheck;
    throw error;
  });
  const { manifest, files } = stored;
  const { chunks, vectors, lexicalIndex, termPostings, lexicon } = readIndexContents(manifest, files);
  const embedder = embedderForIndex(manifest, files.embedderState, options.environment, options.embedder);
  const dimensions = manifest.embedder.dimensions;
  const ids = chunks.map((chunk) => chunk.id);
  const vectorIndex: VectorIndex =
    plan === "pgvector" && options.databaseUrl
      ? await (await import("../postgres/open-pgvector-index.js")).openPgvectorIndexFor(options.databaseUrl, manifest)
      : plan === "hnsw"
      ? await HnswlibVectorIndex.read(
          path.join(options.indexDirectory, manifest.files.hnsw!.path),
          dimensions,
          { ...DEFAULT_HNSW_SETTINGS, efSearch: efSearchFor(manifest.chunkCount, manifest.vectorIndex.efSearch) },
          ids,
        )
      : new BruteForceVectorIndex(dimensions, { ids, vectors });
  const { documents, corpusMatches } = options.corpusDirectory
    ? await compareCorpus(await corpusCheck, options.corpusDirectory, manifest, options.warn)
    : { documents: [], corpusMatches: undefined };
  // LLM_PROVIDER=transformers: the model is read from TRANSFORMERS_MODEL_PATH of this environment, on the first question.
  const modelParts = modelPartsFor(options.answerer, options.requestTimeoutMs, transformersChatModels(options.environment));
  const engine = createEngine({
    manifest,
    chunks,
    embedder,
    vectorIndex,
    ...(lexicalIndex ? { lexicalIndex } : {}),
    ...(termPostings ? { termPostings } : {}),
    lexicon,
    ...(options.retrieverMode ? { retrieverMode: options.retrieverMode } : {}),
    ...(options.fusion ? { fusion: options.fusion } : {}),
    ...(options.answererSettings ? { answererSettings: options.answererSettings } : {}),
    ...modelParts,
    segmenter: await segmenter,
  });
  // Only index/ has files read without hashing; every file from the database was verified above.
  const unusedFiles = options.checkUnusedFiles && stored.fileIndex ? checkUnusedFiles(stored.fileIndex, options.warn) : undefined;
  const storage = indexStorageOf(manifest).backend;
  return { engine, documents, builtAt: stored.builtAt, storage, corpusMatches, ...(unusedFiles ? { unusedFiles } : {}) };
}

/** jieba-wasm, Node's segmenter; a broken install falls back to Intl.Segmenter rather than not starting. */
function nodeSegmenter(warn?: (message: string) => void): Promise<WordSegmenter> {
  return loadJiebaWasmSegmenter().catch((error: unknown) => {
    warn?.(`jieba-wasm could not be loaded (${error instanceof Error ? error.message : String(error)}): words are cut with Intl.Segmenter instead.`);
    return new IntlWordSegmenter();
  });
}
