import { readFile, rm } from "node:fs/promises";
import * as path from "node:path";
import { DEFAULT_CHUNKER_SETTINGS, type ChunkerSettings } from "../../core/chunking/chunk.js";
import { HashingEmbedder } from "../../core/embedding/hashing-embedder.js";
import { buildIndex } from "../../core/index/build-index.js";
import { CHUNKER_VERSION, INDEX_FORMAT_VERSION, type IndexManifest } from "../../core/index/manifest.js";
import { buildCorpusLexiconFile } from "./corpus-lexicon.js";
import { readCorpus } from "./corpus-reader.js";
import { embedderForIngest, type Environment } from "./embedder-factory.js";
import { computeIndexHash } from "../../core/index/verify-index-files.js";
import { ensureDirectory, publishManifest, storeIndexFile } from "./file-index-store.js";
import { DEFAULT_HNSW_SETTINGS, HnswlibVectorIndex, loadHnswlib, type HnswSettings } from "./hnswlib-vector-index.js";
import { acquireIngestLock } from "./ingest-lock.js";

export interface IngestOptions {
  readonly corpusDirectory: string;
  readonly indexDirectory: string;
  readonly embedder: string;
  readonly environment: Environment;
  readonly chunker?: ChunkerSettings;
  readonly hnsw?: HnswSettings;
  readonly onProgress?: (embedded: number, total: number) => void;
  /** Seconds each phase took: "build" (chunk, embed, lexical postings, question lexicon), "files", "hnsw". */
  readonly onTiming?: (phase: "build" | "files" | "hnsw", seconds: number) => void;
  readonly warn?: (message: string) => void;
}

/**
 * corpus/ → index/: chunk, embed, build the HNSW graph, write every file under a
 * content-addressed name, then swap the manifest. Deterministic: the same corpus and
 * settings give byte-identical files.
 */
export async function ingestCorpus(options: IngestOptions): Promise<IndexManifest> {
  const chunker = options.chunker ?? DEFAULT_CHUNKER_SETTINGS;
  const hnsw = options.hnsw ?? DEFAULT_HNSW_SETTINGS;
  // Settings are checked before anything is created on disk.
  const embedder = embedderForIngest(options.embedder, options.environment);
  await ensureDirectory(options.indexDirectory);
  const release = await acquireIngestLock(options.indexDirectory);
  try {
    let phaseStarted = performance.now();
    const phaseDone = (phase: "build" | "files" | "hnsw"): void => {
      const now = performance.now();
      options.onTiming?.(phase, (now - phaseStarted) / 1000);
      phaseStarted = now;
    };
    const documents = await readCorpus(options.corpusDirectory);
    const built = await buildIndex({
      documents,
      embedder,
      chunker,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    // General data files, sidecars, gazetteer and English from CC-CEDICT: stored in the index,
    // so a change to any of them changes the index hash.
    const lexiconFile = await buildCorpusLexiconFile(documents);
    phaseDone("build");
    const directory = options.indexDirectory;
    const files: IndexManifest["files"] = {
      chunks: await storeIndexFile(directory, "chunks", "json", built.chunksFile),
      vectors: await storeIndexFile(directory, "vectors", "f32", built.vectorsFile),
      ...(built.embedder instanceof HashingEmbedder
        ? { embedderState: await storeIndexFile(directory, "embedder", "json", `${JSON.stringify(built.embedder.toState())}\n`) }
        : {}),
      bm25: await storeIndexFile(directory, "bm25", "bin", built.bm25File),
      termPostings: await storeIndexFile(directory, "terms", "bin", built.termPostingsFile),
      lexicon: await storeIndexFile(directory, "lexicon", "json", lexiconFile),
    };
    phaseDone("files");
    if (await loadHnswlib()) {
      const graph = await HnswlibVectorIndex.create(built.dimensions, built.vectors.length, hnsw);
      // Labels follow chunk order: the graph file is read back against the chunks file's ids.
      graph.put(built.chunks.map((chunk, position) => ({ id: chunk.id, vector: built.vectors[position]! })));
      const temporary = path.join(directory, `.tmp-hnsw-${process.pid}`);
      try {
        graph.write(temporary);
        files.hnsw = await storeIndexFile(directory, "hnsw", "bin", new Uint8Array(await readFile(temporary)));
      } finally {
        await rm(temporary, { force: true });
      }
      phaseDone("hnsw");
    } else {
      options.warn?.("hnswlib-node is not available: the index is written without an HNSW graph and served by exact search.");
    }
    const manifest: IndexManifest = {
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: { id: built.embedder.id, dimensions: built.dimensions },
      chunker: { version: CHUNKER_VERSION, ...chunker },
      corpus: built.corpus,
      vectorIndex: { space: "cosine", m: hnsw.m, efConstruction: hnsw.efConstruction, efSearch: hnsw.efSearch, seed: hnsw.seed },
      chunkCount: built.chunks.length,
      files,
      indexHash: await computeIndexHash(files),
    };
    await publishManifest(directory, manifest);
    return manifest;
  } finally {
    await release();
  }
}
