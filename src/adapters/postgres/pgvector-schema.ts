import type pg from "pg";
import { QaError } from "../../core/errors.js";
import { feedbackTableStatements } from "./feedback-table.js";

/** A Postgres schema name we create and quote ourselves: lower-case letters, digits, underscores. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/u;

export const DEFAULT_SCHEMA = "jiangjin_qa";

/** The schema name checked, ready to interpolate (it is never user text at query time). */
export function schemaName(name: string): string {
  if (!SCHEMA_NAME.test(name)) {
    throw new QaError("invalid_parameter", `The database schema name "${name}" must be lower-case letters, digits and underscores (at most 63).`);
  }
  return name;
}

/**
 * The tables, in one schema:
 *   vector_versions  one row per index version (its name, dimensions, building | published);
 *   vectors          (version_key, chunk_id, embedding), one row per chunk per version;
 *   current_version  a single row naming the version served — updating it is the swap;
 *   index_manifests  the manifest of a version (its JSON text as index/manifest.json holds it);
 *   index_files      the stored files of a version the loader reads (chunks, postings, lexicon,
 *                    embedder state), by role, bytes as written to index/, with their SHA-256;
 *   version_leases   the version each running server serves, renewed while it runs.
 * The manifest and files of a version are written with its vectors, before publish, so a
 * server with DATABASE_URL needs no index/; the vectors file and HNSW graph are not stored
 * (the vectors table is the one copy, pgvector builds its own graph).
 * Each version gets its own partial HNSW index (see hnswIndexStatement): a search of one
 * version never walks another's graph, and dropping a version drops its graph.
 */
function tableStatements(schema: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${schema}.vector_versions (
       version_key serial PRIMARY KEY,
       version text NOT NULL UNIQUE,
       dimensions integer NOT NULL CHECK (dimensions > 0),
       state text NOT NULL DEFAULT 'building' CHECK (state IN ('building', 'published')),
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    // When another version replaced it as the served one: pruning leaves it a grace period, so a
    // server still on it (polling every DATABASE_POLL_MS) moves off before its rows go.
    `ALTER TABLE ${schema}.vector_versions ADD COLUMN IF NOT EXISTS superseded_at timestamptz`,
    // The version's HNSW graph settings, for a graph built once its rows are in (at publish).
    `ALTER TABLE ${schema}.vector_versions ADD COLUMN IF NOT EXISTS graph_m integer`,
    `ALTER TABLE ${schema}.vector_versions ADD COLUMN IF NOT EXISTS graph_ef_construction integer`,
    `CREATE TABLE IF NOT EXISTS ${schema}.vectors (
       version_key integer NOT NULL REFERENCES ${schema}.vector_versions ON DELETE CASCADE,
       chunk_id text NOT NULL,
       embedding vector NOT NULL,
       PRIMARY KEY (version_key, chunk_id)
     )`,
    `CREATE TABLE IF NOT EXISTS ${schema}.current_version (
       singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
       version_key integer NOT NULL REFERENCES ${schema}.vector_versions,
       published_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE IF NOT EXISTS ${schema}.index_manifests (
       version_key integer PRIMARY KEY REFERENCES ${schema}.vector_versions ON DELETE CASCADE,
       manifest text NOT NULL,
       built_at timestamptz NOT NULL
     )`,
    // Which version each running server serves, until when (version-leases.ts): pruning keeps a
    // version any unexpired lease holds, however slowly its server polls.
    `CREATE TABLE IF NOT EXISTS ${schema}.version_leases (
       server_id text PRIMARY KEY,
       version_key integer NOT NULL REFERENCES ${schema}.vector_versions ON DELETE CASCADE,
       expires_at timestamptz NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS ${schema}.index_files (
       version_key integer NOT NULL REFERENCES ${schema}.vector_versions ON DELETE CASCADE,
       role text NOT NULL,
       sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
       bytes bytea NOT NULL,
       PRIMARY KEY (version_key, role)
     )`,
  ];
}

/**
 * The HNSW graph of one version. The column holds vectors of any length (versions may come
 * from different embedders), so the index is on the cast to this version's dimensions —
 * pgvector's documented way to index mixed dimensions — and searches use the same cast.
 */
export function hnswIndexStatement(schema: string, versionKey: number, dimensions: number, settings: { m: number; efConstruction: number }): string {
  return (
    `CREATE INDEX IF NOT EXISTS vectors_hnsw_${versionKey} ON ${schema}.vectors ` +
    `USING hnsw ((embedding::vector(${dimensions})) vector_cosine_ops) WITH (m = ${settings.m}, ef_construction = ${settings.efConstruction}) ` +
    `WHERE version_key = ${versionKey}`
  );
}

/**
 * Makes sure pgvector and our tables exist. Under a transaction-scoped advisory lock, so two
 * processes starting together do not race on CREATE … IF NOT EXISTS (which is not atomic).
 */
export async function ensureSchema(pool: pg.Pool, schema: string, where: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`jiangjin_qa schema ${schema}`]);
    await ensureVectorExtension(client, where);
    for (const statement of [...tableStatements(schema), ...feedbackTableStatements(schema)]) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function ensureVectorExtension(client: pg.PoolClient, where: string): Promise<void> {
  const installed = await client.query<{ extversion: string }>("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
  if (installed.rows.length > 0) return;
  await client.query("SAVEPOINT vector_extension");
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS vector");
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT vector_extension");
    const reason = error instanceof Error ? error.message : String(error);
    throw new QaError(
      "feature_unavailable",
      `The PostgreSQL database at ${where} has no pgvector extension (CREATE EXTENSION vector failed: ${reason}). ` +
        "Install pgvector on the server (https://github.com/pgvector/pgvector), or ask your provider to enable it, then start again.",
      { cause: error },
    );
  }
}
