import { readIndexContents } from "../../core/index/read-index-contents.js";
import type { IndexFileRole } from "../../core/index/manifest.js";
import { readStoredIndex } from "../node/file-index-store.js";
import { ROLES_NOT_STORED, type IndexFileRow } from "./index-file-rows.js";
import { sharedPgvectorStore } from "./open-pgvector-index.js";
import { publishIndexVectors, type PublishedVectors } from "./publish-index-vectors.js";

/**
 * index/ → PostgreSQL: the index in `indexDirectory` (checksums verified as at load) — its
 * vectors, manifest (its storage the database's) and the files a server loads — written as the
 * version named by its index hash and made current. What
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
  const files: IndexFileRow[] = [];
  for (const [role, entry] of Object.entries(stored.manifest.files) as [IndexFileRole, { sha256: string } | undefined][]) {
    const bytes = stored.files[role];
    if (entry && bytes && !ROLES_NOT_STORED.includes(role)) files.push({ role, sha256: entry.sha256, bytes });
  }
  const store = await sharedPgvectorStore(url);
  return publishIndexVectors(
    store,
    {
      version: stored.manifest.indexHash,
      dimensions: stored.manifest.embedder.dimensions,
      ids: chunks.map((chunk) => chunk.id),
      vectors,
      // The graph built with the settings the files' graph was built with, so both are alike.
      graph: { m: stored.manifest.vectorIndex.m, efConstruction: stored.manifest.vectorIndex.efConstruction },
      // The manifest as the database keeps it: the same build (same hash), its storage the database's.
      files: { manifest: { ...stored.manifest, storage: { backend: "postgres", schema: store.schema, version: stored.manifest.indexHash } }, builtAt: stored.builtAt, files },
    },
    onProgress,
  );
}
