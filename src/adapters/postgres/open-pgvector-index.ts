import { QaError } from "../../core/errors.js";
import type { IndexManifest } from "../../core/index/manifest.js";
import { efSearchFor } from "../node/hnswlib-vector-index.js";
import { PgvectorStore } from "./pgvector-store.js";
import type { PgvectorVectorIndex } from "./pgvector-vector-index.js";

/**
 * One store (one pool) per DATABASE_URL for the whole process: a reindex loads a new engine
 * and must not open another pool each time, leaking the last one's connections.
 */
const stores = new Map<string, Promise<PgvectorStore>>();

export function sharedPgvectorStore(url: string): Promise<PgvectorStore> {
  let store = stores.get(url);
  if (!store) {
    store = PgvectorStore.connect({ url });
    stores.set(url, store);
    // A failed connection is not remembered: the next load tries again.
    store.catch(() => stores.delete(url));
  }
  return store;
}

/** Closes the shared pools (a CLI command before it exits, tests). */
export async function closeSharedPgvectorStores(): Promise<void> {
  const open = [...stores.values()];
  stores.clear();
  await Promise.all(open.map(async (store) => (await store.catch(() => undefined))?.close()));
}

/**
 * The database's vectors for the index being loaded: the version named by the manifest's index
 * hash, so the vector leg and the chunks are the same build. A database
 * without that version, or holding it with another size, is refused with what to run.
 */
export async function openPgvectorIndexFor(url: string, manifest: IndexManifest): Promise<PgvectorVectorIndex> {
  const store = await sharedPgvectorStore(url);
  // As wide a search as hnswlib's for this many chunks (efSearchFor), up to pgvector's cap of
  // 1,000: at 1000× (56,302 chunks) recall@10 0.957 there against 0.884 at the fixed 400 (npm run bench -- --only scale-postgres).
  const search = { efSearch: efSearchFor(manifest.chunkCount, manifest.vectorIndex.efSearch) };
  const index = await store.open(manifest.indexHash, search).catch((error: unknown) => {
    if (error instanceof QaError && error.code === "index_missing") {
      throw new QaError(
        "index_missing",
        `The database at ${store.where} holds no vectors for index ${manifest.indexHash.slice(0, 12)} (the one being loaded). Write them with: npm run ingest -- --target postgres`,
      );
    }
    throw error;
  });
  const size = await index.size();
  if (index.dimensions !== manifest.embedder.dimensions || size !== manifest.chunkCount) {
    throw new QaError(
      "index_mismatch",
      `The database holds ${size} vectors of ${index.dimensions} dimensions for index ${manifest.indexHash.slice(0, 12)}; its manifest has ${manifest.chunkCount} chunks of ${manifest.embedder.dimensions}. Rewrite them with: npm run ingest -- --target postgres`,
    );
  }
  return index;
}
