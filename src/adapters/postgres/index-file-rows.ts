import type pg from "pg";
import { QaError } from "../../core/errors.js";
import { rolesKeptOutsideFiles } from "../../core/index/index-storage.js";
import type { IndexFileRole, IndexManifest } from "../../core/index/manifest.js";
import type { PgvectorStore } from "./pgvector-store.js";

/**
 * Roles the database does not store as files: the vectors are its vectors table, and pgvector
 * builds its own graph, so a second copy of either would only double what a version weighs.
 */
export const ROLES_NOT_STORED: readonly IndexFileRole[] = rolesKeptOutsideFiles("postgres");

/** One stored index file as ingest wrote it to index/: its role, bytes and SHA-256 (from the manifest). */
export interface IndexFileRow {
  readonly role: IndexFileRole;
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

/** What a version needs beside its vectors so a server can load it without index/. */
export interface VersionFiles {
  readonly manifest: IndexManifest;
  readonly builtAt: Date;
  readonly files: readonly IndexFileRow[];
}

/** The current version's manifest text, build time and stored files, read in one statement. */
export interface CurrentVersionRows {
  readonly version: string;
  /** Undefined: the version holds vectors only (written before the database held whole indexes). */
  readonly manifest: string | undefined;
  readonly builtAt: Date | undefined;
  readonly files: Partial<Record<IndexFileRole, Uint8Array>>;
}

/**
 * Writes a version's manifest and files in one transaction, replacing any left by an earlier
 * attempt: a version holds all of them or none. Called by the writer before publish, so
 * readers (who only see current_version) never meet a version with half its files.
 */
export async function writeVersionFiles(store: PgvectorStore, version: string, input: VersionFiles): Promise<void> {
  await store.inTransaction(async (client) => {
    const found = await client.query<{ version_key: number }>(`SELECT version_key FROM ${store.schema}.vector_versions WHERE version = $1 FOR UPDATE`, [version]);
    const versionKey = found.rows[0]?.version_key;
    if (versionKey === undefined) throw new QaError("index_missing", `There is no index version "${version}" in ${store.where} to store files for.`);
    await client.query(`DELETE FROM ${store.schema}.index_files WHERE version_key = $1`, [versionKey]);
    await client.query(`DELETE FROM ${store.schema}.index_manifests WHERE version_key = $1`, [versionKey]);
    for (const file of input.files) {
      // Buffer over the same memory: pg sends a Buffer as bytea, a bare Uint8Array as text.
      await client.query(`INSERT INTO ${store.schema}.index_files (version_key, role, sha256, bytes) VALUES ($1, $2, $3, $4)`, [
        versionKey,
        file.role,
        file.sha256,
        Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      ]);
    }
    await client.query(`INSERT INTO ${store.schema}.index_manifests (version_key, manifest, built_at) VALUES ($1, $2, $3)`, [
      versionKey,
      JSON.stringify(input.manifest),
      input.builtAt,
    ]);
  });
}

/**
 * The served version's manifest and files, undefined before the first publish. One statement,
 * so one snapshot: a publish or prune committing meanwhile cannot hand back the manifest of one
 * version with the files of another.
 */
export async function readCurrentVersionRows(store: PgvectorStore, skip: readonly IndexFileRole[] = ROLES_NOT_STORED): Promise<CurrentVersionRows | undefined> {
  return store.withClient((client) => queryCurrentVersionRows(client, store.schema, skip));
}

/** What queryCurrentVersionRows needs of a connection: a pooled client here, a per-request pg.Client in the Worker. */
export interface RowQueryable {
  query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * readCurrentVersionRows' statement and row decoding over any connection, so the Worker (a
 * fresh client per request through Hyperdrive, no Pool) reads exactly what a Node server reads.
 * Errors are the driver's: the caller maps them (postgresError) with its own name for the database.
 */
export async function queryCurrentVersionRows(client: RowQueryable, schema: string, skip: readonly IndexFileRole[] = ROLES_NOT_STORED): Promise<CurrentVersionRows | undefined> {
  const result = await client.query<{ version: string; manifest: string | null; built_at: Date | null; role: string | null; bytes: Buffer | null }>(
    `SELECT v.version, m.manifest, m.built_at, f.role, f.bytes
       FROM ${schema}.current_version c
       JOIN ${schema}.vector_versions v USING (version_key)
       LEFT JOIN ${schema}.index_manifests m ON m.version_key = c.version_key
       LEFT JOIN ${schema}.index_files f ON f.version_key = c.version_key AND NOT (f.role = ANY($1::text[]))`,
    [[...skip]],
  );
  const first = result.rows[0];
  if (!first) return undefined;
  const files: Partial<Record<IndexFileRole, Uint8Array>> = {};
  for (const row of result.rows) {
    if (row.role !== null && row.bytes !== null) files[row.role as IndexFileRole] = new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
  }
  return { version: first.version, manifest: first.manifest ?? undefined, builtAt: first.built_at ?? undefined, files };
}
