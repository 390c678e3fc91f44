import { hashingEmbedderFromStoredState, isHashingEmbedderId } from "../../core/embedding/hashing-embedder-state.js";
import { QaError } from "../../core/errors.js";
import type { IndexManifest } from "../../core/index/manifest.js";
import { readIndexContents } from "../../core/index/read-index-contents.js";
import type { IndexFiles } from "../../core/index/verify-index-files.js";
import { createEngine } from "../../core/pipeline/create-engine.js";
import type { QaEngine } from "../../core/pipeline/qa-engine.js";
import type { WordSegmenter } from "../../core/ports/word-segmenter.js";
import { BruteForceVectorIndex } from "../../core/retrieval/brute-force-vector-index.js";
import type { ModelParts } from "../generative-answerer-factory.js";
import type { PageAbout } from "../../http/pages.js";

/** Workers compute query vectors with the hashing embedder only (no model runtime): checked before any file is read. */
export function checkWorkerEmbedder(manifest: IndexManifest): void {
  if (!isHashingEmbedderId(manifest.embedder.id)) {
    throw new QaError("embedder_unavailable", `Workers run the default hashing embedder only; this index uses ${manifest.embedder.id}. Rebuild it with: npm run ingest`);
  }
}

/**
 * The Worker's engine over verified index files, whether they came bundled or from the database:
 * the same parts either way (hashing embedder, exact search over the vectors in memory), so the
 * same index answers the same question identically from both.
 */
export function workerEngine(manifest: IndexManifest, files: IndexFiles, segmenter: WordSegmenter, modelParts: ModelParts): QaEngine {
  checkWorkerEmbedder(manifest);
  const { chunks, vectors, lexicon } = readIndexContents(manifest, files);
  const embedder = hashingEmbedderFromStoredState(files.embedderState, manifest.embedder.id);
  return createEngine({
    manifest,
    chunks,
    embedder,
    segmenter,
    lexicon,
    vectorIndex: new BruteForceVectorIndex(manifest.embedder.dimensions, { ids: chunks.map((chunk) => chunk.id), vectors }),
    ...modelParts,
  });
}

/**
 * The page's title and byline from the manifest, as scripts/build-worker-index.mjs writes them
 * into the bundle: one report's own title, author and date; several reports' short titles joined.
 */
export function aboutFromManifest(manifest: IndexManifest): PageAbout {
  const documents = manifest.corpus.documents;
  if (documents.length > 1) return { title: documents.map((document) => document.shortTitle ?? document.title).join(" · "), author: null, published: null };
  const only = documents[0];
  return { title: only?.title ?? "", author: only?.author ?? null, published: only?.published ?? null };
}
