import type { Chunk } from "../chunking/chunk.js";
import { IndexCorruptError } from "../errors.js";
import { parseQuestionLexicon } from "../lexicon/load-question-lexicon.js";
import type { QuestionLexicon } from "../lexicon/question-lexicon.js";
import { Bm25Index } from "../retrieval/bm25-index.js";
import type { IndexManifest } from "./manifest.js";
import { parseChunks, parseVectors } from "./stored-chunks.js";
import type { IndexFiles } from "./verify-index-files.js";

export interface IndexContents {
  readonly chunks: Chunk[];
  /** Row-major unit vectors, one row per chunk in chunk order; empty when the vectors file was not read (served by HNSW). */
  readonly vectors: Float32Array;
  /** The stored BM25 postings, when the index has them (else the engine builds them). */
  readonly lexicalIndex?: Bm25Index;
  /** The stored term postings for TermStatistics, when the index has them. */
  readonly termPostings?: Uint8Array;
  /** The question lexicon (every index of this format has one). */
  readonly lexicon: QuestionLexicon;
}

const REBUILD = "Rebuild the index with: npm run ingest";

/** Parses verified index files and checks they agree with the manifest on counts and sizes. */
export function readIndexContents(manifest: IndexManifest, files: IndexFiles): IndexContents {
  let chunks: Chunk[];
  try {
    chunks = parseChunks(new TextDecoder().decode(files.chunks));
  } catch {
    throw new IndexCorruptError(`The index's chunk file cannot be read. ${REBUILD}`);
  }
  const vectors = files.vectors ? parseVectors(files.vectors) : new Float32Array(0);
  if (chunks.length !== manifest.chunkCount || (files.vectors && vectors.length !== manifest.chunkCount * manifest.embedder.dimensions)) {
    throw new IndexCorruptError(`The index files disagree with the manifest on the number of chunks. ${REBUILD}`);
  }
  let lexicalIndex: Bm25Index | undefined;
  if (files.bm25) {
    try {
      lexicalIndex = Bm25Index.deserialize(files.bm25);
    } catch {
      throw new IndexCorruptError(`The index's BM25 file cannot be read. ${REBUILD}`);
    }
    if (lexicalIndex.size !== manifest.chunkCount) throw new IndexCorruptError(`The index's BM25 file disagrees with the manifest on the number of chunks. ${REBUILD}`);
  }
  if (!files.lexicon) throw new IndexCorruptError(`The index has no lexicon file. ${REBUILD}`);
  return {
    chunks,
    vectors,
    lexicon: parseQuestionLexicon(files.lexicon),
    ...(lexicalIndex ? { lexicalIndex } : {}),
    ...(files.termPostings ? { termPostings: files.termPostings } : {}),
  };
}
