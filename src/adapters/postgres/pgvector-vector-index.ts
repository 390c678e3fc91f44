import type pg from "pg";
import { QaError } from "../../core/errors.js";
import type { VectorFilter, VectorIndex, VectorMatch, VectorRecord } from "../../core/ports/vector-index.js";
import { postgresError } from "./postgres-connection.js";

/** Rows per INSERT: large enough to amortise round trips, small enough to keep statements modest (512 dims ≈ 5 MB). */
export const INSERT_BATCH_ROWS = 500;

/** pgvector caps hnsw.ef_search at 1,000. */
const MAX_EF_SEARCH = 1_000;

export interface PgvectorIndexSettings {
  /** hnsw.ef_search for each search (raised to k when k is larger, capped at pgvector's 1,000). */
  readonly efSearch: number;
}

export const DEFAULT_PGVECTOR_SETTINGS: PgvectorIndexSettings = { efSearch: 400 };

/** Where one version's vectors live: the schema, the version's key and name, its dimensions. */
export interface PgvectorVersionRef {
  readonly schema: string;
  readonly versionKey: number;
  readonly version: string;
  readonly dimensions: number;
  /** host:port/database, for error messages. */
  readonly where: string;
}

/**
 * One version of the vector index in PostgreSQL, searched through its pgvector HNSW graph
 * (cosine distance; similarity = 1 − distance). Obtained from PgvectorStore (open, current,
 * createVersion); it stays on its version, so a reader is never moved mid-conversation by
 * a swap: the served engine opens the version its chunks belong to.
 */
export class PgvectorVectorIndex implements VectorIndex {
  readonly kind = "pgvector";
  readonly dimensions: number;
  readonly version: string;
  private readonly pool: pg.Pool;
  private readonly reference: PgvectorVersionRef;
  private readonly settings: PgvectorIndexSettings;
  private readonly table: string;

  constructor(pool: pg.Pool, reference: PgvectorVersionRef, settings: PgvectorIndexSettings = DEFAULT_PGVECTOR_SETTINGS) {
    if (!Number.isInteger(reference.versionKey) || !Number.isInteger(reference.dimensions) || reference.dimensions <= 0) {
      throw new QaError("index_corrupt", `The database describes version "${reference.version}" with key ${reference.versionKey} and ${reference.dimensions} dimensions.`);
    }
    this.pool = pool;
    this.reference = reference;
    this.settings = settings;
    this.dimensions = reference.dimensions;
    this.version = reference.version;
    this.table = `${reference.schema}.vectors`;
  }

  async size(): Promise<number> {
    const result = await this.run((client) =>
      client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${this.table} WHERE version_key = $1`, [this.reference.versionKey]),
    );
    return result.rows[0]?.count ?? 0;
  }

  /** One transaction, however many batches: a failure part-way stores none of the records. */
  async upsert(records: readonly VectorRecord[]): Promise<void> {
    // Every vector checked before anything is sent. ON CONFLICT cannot touch one row twice in
    // a statement, so the last vector given for an id wins, as in memory.
    const latest = new Map(records.map((record) => [record.id, vectorLiteral(record.vector, this.dimensions, "stored")]));
    if (latest.size === 0) return;
    const entries = [...latest];
    await this.run(async (client) => {
      await client.query("BEGIN");
      try {
        for (let offset = 0; offset < entries.length; offset += INSERT_BATCH_ROWS) {
          const batch = entries.slice(offset, offset + INSERT_BATCH_ROWS);
          await client.query(
            `INSERT INTO ${this.table} (version_key, chunk_id, embedding)
             SELECT $1, chunk_id, embedding::vector FROM unnest($2::text[], $3::text[]) AS batch (chunk_id, embedding)
             ON CONFLICT (version_key, chunk_id) DO UPDATE SET embedding = EXCLUDED.embedding`,
            [this.reference.versionKey, batch.map(([id]) => id), batch.map(([, literal]) => literal)],
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
  }

  async search(query: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]> {
    try {
      return await this.searchDatabase(query, k, filter);
    } catch (error) {
      // A search runs for an API client: it learns the database is down, not where it lives
      // (the cause keeps the detail for logs; at start-up the connection error names host:port/db).
      if (error instanceof QaError && error.code === "storage_unavailable") {
        throw new QaError("storage_unavailable", "The database holding the index cannot be reached right now; try again shortly.", { cause: error });
      }
      throw error;
    }
  }

  private async searchDatabase(query: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]> {
    const literal = vectorLiteral(query, this.dimensions, "query");
    const limit = Math.max(0, Math.floor(k));
    if (limit === 0 || (filter && filter.chunkIds.size === 0)) return [];
    const cast = `vector(${this.dimensions})`;
    const distance = `embedding::${cast} <=> '${literal}'::${cast}`;
    if (filter) {
      // Exact within the filter's chunks: the MATERIALIZED scan keeps the planner from walking
      // the whole version's graph and dropping what the filter rejects.
      const result = await this.run((client) =>
        client.query<{ chunk_id: string; similarity: number }>(
          `WITH candidates AS MATERIALIZED (
             SELECT chunk_id, embedding FROM ${this.table} WHERE version_key = $1 AND chunk_id = ANY($2::text[])
           )
           SELECT chunk_id, 1 - (${distance}) AS similarity FROM candidates ORDER BY ${distance}, chunk_id LIMIT $3`,
          [this.reference.versionKey, [...filter.chunkIds], limit],
        ),
      );
      return result.rows.map(matchOf);
    }
    // One simple-protocol message, so one round trip: the two statements run as one implicit
    // transaction, which is what SET LOCAL needs. Every interpolated value is a number we
    // formatted (the vector, the key, the dimensions, ef and k), never text from outside.
    const efSearch = Math.min(MAX_EF_SEARCH, Math.max(limit, this.settings.efSearch));
    const sql =
      `SET LOCAL hnsw.ef_search = ${efSearch}; ` +
      `SELECT chunk_id, 1 - (${distance}) AS similarity FROM ${this.table} ` +
      `WHERE version_key = ${this.reference.versionKey} ORDER BY ${distance} LIMIT ${limit}`;
    const results = (await this.run((client) => client.query(sql))) as unknown as pg.QueryResult<{ chunk_id: string; similarity: number }>[];
    const rows = results[results.length - 1]?.rows ?? [];
    return rows.map(matchOf);
  }

  private async run<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw postgresError(error, this.reference.where);
    }
    try {
      return await work(client);
    } catch (error) {
      throw postgresError(error, this.reference.where);
    } finally {
      client.release();
    }
  }
}

/**
 * A row as a match. A query of all zeros has no direction: pgvector's cosine distance is then
 * NaN, where the in-memory indexes give similarity 0 (the dot product), and NaN would reach the
 * fusion and a response's JSON as null. 0 it is, as in memory.
 */
function matchOf(row: { chunk_id: string; similarity: number }): VectorMatch {
  return { chunkId: row.chunk_id, similarity: Number.isFinite(row.similarity) ? row.similarity : 0 };
}

/**
 * pgvector's text form of a vector, "[0.1,0.2,…]", after checking its length (a stored vector
 * or a query, with the same errors as the in-memory indexes) and that every value is a finite
 * number: pgvector refuses NaN and infinities, and the text is interpolated.
 */
function vectorLiteral(vector: readonly number[], dimensions: number, role: "stored" | "query"): string {
  if (vector.length !== dimensions) {
    throw role === "query"
      ? new QaError("embedder_mismatch", `Query vector has ${vector.length} dimensions; the index has ${dimensions}.`)
      : new QaError("invalid_parameter", `A vector of ${vector.length} dimensions cannot join an index of ${dimensions}.`);
  }
  for (const value of vector) {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new QaError("invalid_parameter", `A vector holds ${String(value)}, not a finite number.`);
  }
  return `[${vector.join(",")}]`;
}
