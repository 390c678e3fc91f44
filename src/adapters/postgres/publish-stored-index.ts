import { readIndexContents } from "../../core/index/read-index-contents.js";
import { readStoredIndex } from "../node/file-index-store.js";
import { sharedPgvectorStore } from "./open-pgvector-index.js";
import { publishIndexVectors, type PublishedVectors } from "./publish-index-vectors.js";

/**
 * index/ → PostgreSQL: the vectors of the index in `indexDirectory` (checksums verified as at
 * load) written as the version named by its index hash and made current. What
 * `npm run ingest -- --target postgres` and a reindex with DATABASE_URL run after the files.
 */
export async function publishStoredIndex(
  url: string,
  indexDirectory: string,
  onProgress?: (written: number, total: number) => void,
): Promise<PublishedVectors> {
  // The graph is not needed: pgvector builds its own.
  const stored = await readStoredIndex(indexDirectory, ["hnsw"]);
  const { chunks, vectors } = readIndexContents(stored.manifest, stored.files);
  const store = await sharedPgvectorStore(url);
  return publishIndexVectors(
    store,
    { version: stored.manifest.indexHash, dimensions: stored.manifest.embedder.dimensions, ids: chunks.map((chunk) => chunk.id), vectors },
    onProgress,
  );
}
