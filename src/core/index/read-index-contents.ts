import type { Chunk } from "../chunking/chunk.js";
import { IndexCorruptError } from "../errors.js";
import type { IndexManifest } from "./manifest.js";
import { parseChunks, parseVectors } from "./stored-chunks.js";
import type { IndexFiles } from "./verify-index-files.js";

export interface IndexContents {
  readonly chunks: Chunk[];
  /** Row-major unit vectors, one row per chunk in chunk order. */
  readonly vectors: Float32Array;
}

/** Parses verified index files and checks they agree with the manifest on counts and sizes. */
export function readIndexContents(manifest: IndexManifest, files: IndexFiles): IndexContents {
  let chunks: Chunk[];
  try {
    chunks = parseChunks(new TextDecoder().decode(files.chunks));
  } catch {
    throw new IndexCorruptError("The index's chunk file cannot be read. Rebuild the index with: npm run ingest");
  }
  const vectors = parseVectors(files.vectors ?? new Uint8Array());
  if (chunks.length !== manifest.chunkCount || vectors.length !== manifest.chunkCount * manifest.embedder.dimensions) {
    throw new IndexCorruptError("The index files disagree with the manifest on the number of chunks. Rebuild the index with: npm run ingest");
  }
  return { chunks, vectors };
}
