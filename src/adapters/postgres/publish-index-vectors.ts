import { writeVersionFiles, type VersionFiles } from "./index-file-rows.js";
import type { PgvectorStore } from "./pgvector-store.js";
import { INSERT_BATCH_ROWS } from "./pgvector-vector-index.js";

/** One index's vectors as index/ stores them: chunk ids in order, rows of `dimensions` values. */
export interface IndexVectors {
  /** The version's name: the manifest's index hash, so the database and index/ name the same build. */
  readonly version: string;
  readonly dimensions: number;
  readonly ids: readonly string[];
  readonly vectors: Float32Array;
  /** The HNSW graph's settings (the manifest's); the store's defaults when absent. Built once the rows are in. */
  readonly graph?: { readonly m: number; readonly efConstruction: number };
  /** The manifest and stored files, so a server needs no index/; absent, vectors alone are written. */
  readonly files?: VersionFiles;
}

export interface PublishedVectors {
  readonly version: string;
  readonly count: number;
  /** True when the database held this version already (the same build): it was only made current. */
  readonly reused: boolean;
  /** Older versions dropped after the swap. */
  readonly pruned: readonly string[];
}

/** Rows per write transaction: each batch commits on its own, so readers are never held up for a whole ingest. */
export const WRITE_BATCH_ROWS = INSERT_BATCH_ROWS * 4;

/**
 * Writes an index's vectors as a new version and makes it the served one. The version is
 * written beside the served one in batches, its manifest and files in one transaction after
 * them, then counted and swapped in one transaction (PgvectorStore.publish); a failure on the
 * way discards what was written and leaves the old version serving. Holds the writer lock, so concurrent ingests take turns.
 */
export async function publishIndexVectors(store: PgvectorStore, input: IndexVectors, onProgress?: (written: number, total: number) => void): Promise<PublishedVectors> {
  return store.asWriter(async () => {
    const existing = await store.open(input.version).catch(() => undefined);
    if (existing && (await existing.size()) === input.ids.length && existing.dimensions === input.dimensions) {
      // Rewritten even when present: the same bytes by their hashes, so readers see no change, and
      // a copy damaged in the database (or missing, written before it held whole indexes) is repaired.
      if (input.files) await writeVersionFiles(store, input.version, input.files);
      await store.publish(input.version, input.ids.length);
      return { version: input.version, count: input.ids.length, reused: true, pruned: await store.prune() };
    }
    const index = await store.createVersion(input.version, input.dimensions, input.graph, "last");
    try {
      for (let offset = 0; offset < input.ids.length; offset += WRITE_BATCH_ROWS) {
        const ids = input.ids.slice(offset, offset + WRITE_BATCH_ROWS);
        await index.upsert(ids.map((id, row) => ({ id, vector: rowOf(input, offset + row) })));
        onProgress?.(offset + ids.length, input.ids.length);
      }
      if (input.files) await writeVersionFiles(store, input.version, input.files);
      await store.publish(input.version, input.ids.length);
    } catch (error) {
      await store.discard(input.version).catch(() => undefined);
      throw error;
    }
    return { version: input.version, count: input.ids.length, reused: false, pruned: await store.prune() };
  });
}

function rowOf(input: IndexVectors, row: number): number[] {
  return Array.from(input.vectors.subarray(row * input.dimensions, (row + 1) * input.dimensions));
}
