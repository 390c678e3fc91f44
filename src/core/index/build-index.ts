import { chunkDocuments } from "../chunking/chunker.js";
import type { Chunk, ChunkerSettings } from "../chunking/chunk.js";
import type { SourceDocument } from "../chunking/source-document.js";
import { QaError } from "../errors.js";
import type { Embedder } from "../ports/embedder.js";
import { TermStatistics } from "../answering/term-statistics.js";
import { Bm25Index } from "../retrieval/bm25-index.js";
import { indexedText } from "../retrieval/indexed-text.js";
import { normalizeText } from "../text/normalize.js";
import { tokenize } from "../text/tokenize.js";
import { sha256Hex } from "./checksum.js";
import type { IndexManifest } from "./manifest.js";
import { serializeChunks, serializeVectors } from "./stored-chunks.js";

export interface BuildIndexInput {
  readonly documents: readonly SourceDocument[];
  /**
   * The embedder, or a factory for one fitted on the texts to index (the hashing embedder
   * learns IDF from them); the factory may return the texts' vectors with it, computed in
   * the same pass (they must be what `embedDocuments` would give).
   */
  readonly embedder: Embedder | ((indexedTexts: readonly string[]) => Embedder | FittedEmbedder);
  readonly chunker: ChunkerSettings;
  readonly batchSize?: number;
  readonly onProgress?: (embedded: number, total: number) => void;
}

export interface FittedEmbedder {
  readonly embedder: Embedder;
  readonly vectors: number[][];
}

/** Everything ingest computes before anything touches the disk. */
export interface BuiltIndex {
  readonly chunks: readonly Chunk[];
  readonly embedder: Embedder;
  readonly vectors: readonly number[][];
  readonly dimensions: number;
  readonly chunksFile: string;
  readonly vectorsFile: Uint8Array;
  /** BM25 postings over the indexed texts (Bm25Index.serialize). */
  readonly bm25File: Uint8Array;
  /** The answerer's term postings over the indexed texts (TermStatistics.serialize). */
  readonly termPostingsFile: Uint8Array;
  readonly corpus: IndexManifest["corpus"];
}

/** Corpus fingerprint: each document's source and checksum, in order. */
export async function corpusFingerprint(documents: readonly SourceDocument[]): Promise<IndexManifest["corpus"]> {
  const entries = await Promise.all(
    documents.map(async (document) => ({
      source: document.source,
      title: document.title,
      sha256: await sha256Hex(document.text),
      characters: document.text.length,
      ...(document.shortTitle ? { shortTitle: document.shortTitle } : {}),
      ...(document.author ? { author: document.author } : {}),
      ...(document.published ? { published: document.published } : {}),
      ...(document.language ? { language: document.language } : {}),
      ...(document.lexicon?.subject ? { subject: document.lexicon.subject.place } : {}),
      ...(document.subjectInEnglish ? { subjectInEnglish: document.subjectInEnglish } : {}),
      ...(document.parentInEnglish ? { parentInEnglish: document.parentInEnglish } : {}),
    })),
  );
  return { sha256: await sha256Hex(entries.map((entry) => `${entry.source}\u0000${entry.sha256}`).join("\n")), documents: entries };
}

/** Chunks the corpus and embeds every chunk, in batches so progress can be shown. */
export async function buildIndex(input: BuildIndexInput): Promise<BuiltIndex> {
  if (input.documents.length === 0) throw new QaError("corpus_invalid", "The corpus holds no documents: put .txt or .md files in corpus/.");
  const chunks = chunkDocuments(input.documents, input.chunker);
  const texts = chunks.map(indexedText);
  const made = typeof input.embedder === "function" ? input.embedder(texts) : input.embedder;
  const fitted = "vectors" in made && "embedder" in made ? (made as FittedEmbedder) : undefined;
  const embedder = fitted ? fitted.embedder : (made as Embedder);
  const batchSize = input.batchSize ?? 32;
  const vectors: number[][] = fitted ? fitted.vectors : [];
  if (fitted) {
    input.onProgress?.(vectors.length, texts.length);
  } else {
    for (let offset = 0; offset < texts.length; offset += batchSize) {
      vectors.push(...(await embedder.embedDocuments(texts.slice(offset, offset + batchSize))));
      input.onProgress?.(vectors.length, texts.length);
    }
  }
  const dimensions = vectors[0]?.length ?? embedder.dimensions ?? 0;
  if (dimensions === 0) throw new QaError("corpus_invalid", "No chunk could be embedded: the corpus has no text.");
  return {
    chunks,
    embedder,
    vectors,
    dimensions,
    chunksFile: serializeChunks(chunks),
    vectorsFile: serializeVectors(vectors, dimensions),
    bm25File: Bm25Index.fromTexts(texts, (text) => tokenize(normalizeText(text))).serialize(),
    termPostingsFile: new TermStatistics(texts).serialize(),
    corpus: await corpusFingerprint(input.documents),
  };
}
