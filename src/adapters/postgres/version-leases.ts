import type { PgvectorStore } from "./pgvector-store.js";
import { postgresError } from "./postgres-connection.js";

/**
 * A running server's claim on the index version it serves: while the lease is unexpired,
 * PgvectorStore.prune keeps that version (and its vectors, which every search reads), so a
 * server that polls slowly — or not at all — never finds its vectors gone. A server that
 * stops renewing (it died, or stalled past the lease) loses it, and its version goes at a
 * later ingest; if it comes back, its next poll moves it to the current version.
 */
export interface VersionLease {
  /** Claims `version` (an index hash) for `ttlMs` from now; a version the database lacks clears the lease. */
  renew(version: string, ttlMs: number): Promise<void>;
  /** Gives the lease up (a server shutting down), so its version can go at the next ingest. */
  release(): Promise<void>;
}

export function versionLease(store: PgvectorStore, serverId: string): VersionLease {
  const schema = store.schema;
  const run = async (statement: string, values: unknown[]): Promise<void> => {
    try {
      await store.pool.query(statement, values);
    } catch (error) {
      throw postgresError(error, store.where);
    }
  };
  return {
    async renew(version, ttlMs) {
      // One statement: the claim names the version by key, so a pruned version cannot be claimed.
      await run(
        `WITH claimed AS (SELECT version_key FROM ${schema}.vector_versions WHERE version = $2),
              kept AS (
                INSERT INTO ${schema}.version_leases (server_id, version_key, expires_at)
                SELECT $1, version_key, now() + make_interval(secs => $3) FROM claimed
                ON CONFLICT (server_id) DO UPDATE SET version_key = EXCLUDED.version_key, expires_at = EXCLUDED.expires_at
                RETURNING server_id)
         DELETE FROM ${schema}.version_leases WHERE server_id = $1 AND NOT EXISTS (SELECT 1 FROM kept)`,
        [serverId, version, ttlMs / 1000],
      );
    },
    async release() {
      await run(`DELETE FROM ${schema}.version_leases WHERE server_id = $1`, [serverId]);
    },
  };
}
