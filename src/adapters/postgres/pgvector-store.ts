import type pg from "pg";
import { QaError } from "../../core/errors.js";
import { DEFAULT_HNSW_SETTINGS } from "../node/hnswlib-vector-index.js";
import { describeDatabase, parseDatabaseUrl } from "./database-url.js";
import { connectPostgres, postgresError, type PostgresConnectionOptions } from "./postgres-connection.js";
import { DEFAULT_SCHEMA, ensureSchema, hnswIndexStatement, schemaName } from "./pgvector-schema.js";
import { DEFAULT_PGVECTOR_SETTINGS, PgvectorVectorIndex, type PgvectorIndexSettings } from "./pgvector-vector-index.js";

export interface PgvectorStoreSettings {
  /** The Postgres schema holding our tables (default jiangjin_qa). */
  readonly schema?: string;
  /** Graph settings of each version's HNSW index; hnswlib's defaults, so both graphs are alike. */
  readonly hnsw?: { readonly m: number; readonly efConstruction: number };
  readonly search?: PgvectorIndexSettings;
}

interface VersionRow {
  version_key: number;
  version: string;
  dimensions: number;
  state: "building" | "published";
}

/** An HNSW graph's settings (hnswlib's names; pgvector's m and ef_construction). */
export interface GraphSettings {
  readonly m: number;
  readonly efConstruction: number;
}

/**
 * When a version's HNSW graph is built. `first`: with the version, so each upsert extends it
 * (a version searched while it is written). `last`: by publish, over all the rows at once —
 * what ingest uses: the 1000× ingest through PGlite (56,302 rows) took 600 s growing a live
 * graph row by row and 438 s building it at publish (`npm run bench -- --only scale-postgres`).
 */
export type GraphBuild = "first" | "last";

/**
 * The versions of the vector index in one PostgreSQL database, and the swap between them.
 * A new version is written beside the served one (createVersion, then upserts — each one a
 * transaction), and publish() makes it the served one by updating the single current_version
 * row in one short transaction. Readers resolve the current version in one statement, so
 * they see the old version or the new one, never a mixture; an ingest that fails before
 * publish leaves the old version serving (discard() then removes what it wrote).
 */
/**
 * How long a replaced version outlives its replacement at the least: far above any sensible
 * DATABASE_POLL_MS (10 s by default), so every server following the database has moved off it.
 */
export const SUPERSEDED_GRACE_MS = 10 * 60_000;

export class PgvectorStore {
  readonly pool: pg.Pool;
  readonly schema: string;
  /** host:port/database, for messages (no credentials). */
  readonly where: string;
  private readonly settings: PgvectorStoreSettings;

  private constructor(pool: pg.Pool, schema: string, where: string, settings: PgvectorStoreSettings) {
    this.pool = pool;
    this.schema = schema;
    this.where = where;
    this.settings = settings;
  }

  /** Connects to DATABASE_URL, checks pgvector is there and creates our tables if needed. */
  static async connect(options: PostgresConnectionOptions & PgvectorStoreSettings): Promise<PgvectorStore> {
    const where = describeDatabase(parseDatabaseUrl(options.url));
    const pool = await connectPostgres(options);
    try {
      return await PgvectorStore.attach(pool, where, options);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Over a pool the caller owns (shared with other stores, or wrapped by a test). */
  static async attach(pool: pg.Pool, where: string, settings: PgvectorStoreSettings = {}): Promise<PgvectorStore> {
    const schema = schemaName(settings.schema ?? DEFAULT_SCHEMA);
    try {
      await ensureSchema(pool, schema, where);
    } catch (error) {
      throw postgresError(error, where);
    }
    return new PgvectorStore(pool, schema, where, settings);
  }

  /**
   * An empty version to write into, with its HNSW graph. A version of that name left
   * unpublished by an ingest that died is started afresh; a published one is refused (a
   * version's vectors never change under its readers' feet by accident).
   */
  async createVersion(version: string, dimensions: number, graph?: GraphSettings, build: GraphBuild = "first"): Promise<PgvectorVectorIndex> {
    if (!version.trim()) throw new QaError("invalid_parameter", "An index version needs a name.");
    if (!Number.isInteger(dimensions) || dimensions <= 0 || dimensions > 16_000) {
      throw new QaError("invalid_parameter", `An index version needs a whole number of dimensions from 1 to 16,000, not ${dimensions}.`);
    }
    const row = await this.inTransaction(async (client) => {
      const existing = await this.versionRow(client, version, true);
      if (existing?.state === "published") {
        throw new QaError("invalid_parameter", `Index version "${version}" is already published in ${this.where}; write a new version instead.`);
      }
      if (existing) await this.dropVersion(client, existing.version_key);
      const settings = graph ?? this.settings.hnsw ?? DEFAULT_HNSW_SETTINGS;
      const inserted = await client.query<VersionRow>(
        `INSERT INTO ${this.schema}.vector_versions (version, dimensions, graph_m, graph_ef_construction) VALUES ($1, $2, $3, $4)
         RETURNING version_key, version, dimensions, state`,
        [version, dimensions, settings.m, settings.efConstruction],
      );
      const created = inserted.rows[0]!;
      if (build === "first") await client.query(hnswIndexStatement(this.schema, created.version_key, dimensions, settings));
      return created;
    });
    return this.indexFor(row);
  }

  /** A version by name, published or still being written; `search` overrides the store's search settings for it. */
  async open(version: string, search?: PgvectorIndexSettings): Promise<PgvectorVectorIndex> {
    const row = await this.withClient((client) => this.versionRow(client, version, false));
    if (!row) throw new QaError("index_missing", `The database at ${this.where} holds no vector index version "${version}". Write it with: npm run ingest -- --target postgres`);
    return this.indexFor(row, search);
  }

  /** The version being served, or undefined before the first publish. */
  async current(): Promise<PgvectorVectorIndex | undefined> {
    const row = await this.withClient(async (client) => {
      const result = await client.query<VersionRow>(
        `SELECT v.version_key, v.version, v.dimensions, v.state FROM ${this.schema}.current_version c
         JOIN ${this.schema}.vector_versions v USING (version_key)`,
      );
      return result.rows[0];
    });
    return row ? this.indexFor(row) : undefined;
  }

  /** The name of the version being served, or undefined. */
  async currentVersion(): Promise<string | undefined> {
    return (await this.current())?.version;
  }

  /**
   * Makes `version` the served one, in one transaction: marked published and named by the
   * current_version row. With `expectedCount`, refuses a version holding another number of
   * vectors (a writer that lost some), leaving the old version serving.
   */
  async publish(version: string, expectedCount?: number): Promise<void> {
    await this.buildGraph(version);
    await this.inTransaction(async (client) => {
      const row = await this.versionRow(client, version, true);
      if (!row) throw new QaError("index_missing", `There is no index version "${version}" in ${this.where} to publish.`);
      if (expectedCount !== undefined) {
        const counted = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${this.schema}.vectors WHERE version_key = $1`, [row.version_key]);
        const count = counted.rows[0]?.count ?? 0;
        if (count !== expectedCount) {
          throw new QaError("index_corrupt", `Index version "${version}" holds ${count} vectors, not the ${expectedCount} written; the served version is unchanged.`);
        }
      }
      // Fresh statistics before the version serves: with the row estimate of an empty table the
      // planner would sort a full scan rather than walk the HNSW graph.
      await client.query(`ANALYZE ${this.schema}.vectors`);
      await client.query(`UPDATE ${this.schema}.vector_versions SET state = 'published' WHERE version_key = $1`, [row.version_key]);
      await client.query(
        `UPDATE ${this.schema}.vector_versions SET superseded_at = now()
         WHERE version_key IN (SELECT version_key FROM ${this.schema}.current_version) AND version_key <> $1`,
        [row.version_key],
      );
      await client.query(
        `INSERT INTO ${this.schema}.current_version (singleton, version_key) VALUES (true, $1)
         ON CONFLICT (singleton) DO UPDATE SET version_key = EXCLUDED.version_key, published_at = now()`,
        [row.version_key],
      );
    });
  }

  /**
   * Builds the version's HNSW graph if it has none yet (created with build "last"), over all its
   * rows at once, before the version can serve. Its own statement, outside publish's short
   * transaction: it may take a while, and only blocks writes to the vectors table, which the
   * writer lock leaves to this writer anyway; searches go on meanwhile.
   */
  private async buildGraph(version: string): Promise<void> {
    const row = await this.withClient(async (client) => {
      const result = await client.query<{ version_key: number; dimensions: number; graph_m: number | null; graph_ef_construction: number | null }>(
        `SELECT version_key, dimensions, graph_m, graph_ef_construction FROM ${this.schema}.vector_versions WHERE version = $1`,
        [version],
      );
      return result.rows[0];
    });
    if (!row) return;
    const defaults = this.settings.hnsw ?? DEFAULT_HNSW_SETTINGS;
    const settings = { m: row.graph_m ?? defaults.m, efConstruction: row.graph_ef_construction ?? defaults.efConstruction };
    await this.withClient((client) => client.query(hnswIndexStatement(this.schema, row.version_key, row.dimensions, settings)));
  }

  /** Removes a version that is not served (an ingest that failed or was abandoned). */
  async discard(version: string): Promise<void> {
    await this.inTransaction(async (client) => {
      const row = await this.versionRow(client, version, true);
      if (!row) return;
      if (await this.isCurrent(client, row.version_key)) {
        throw new QaError("invalid_parameter", `Index version "${version}" is the one being served; publish another before discarding it.`);
      }
      await this.dropVersion(client, row.version_key);
    });
  }

  /**
   * Drops published versions older than the newest `keep` (the current one always stays), so
   * a reader still on the previous version finishes its searches after a swap — but none
   * replaced less than `graceMs` ago (a server that has just read current_version is loading
   * it and holds no lease yet), and none a running server's unexpired lease holds
   * (version-leases.ts), however slowly it polls. Such a version goes at a later ingest.
   */
  async prune(keep = 2, graceMs = SUPERSEDED_GRACE_MS): Promise<string[]> {
    return this.inTransaction(async (client) => {
      const published = await client.query<VersionRow & { recent: boolean }>(
        `SELECT version_key, version, dimensions, state, coalesce(superseded_at > now() - make_interval(secs => $1), false) AS recent
         FROM ${this.schema}.vector_versions v WHERE state = 'published'
         AND version_key NOT IN (SELECT version_key FROM ${this.schema}.current_version)
         AND NOT EXISTS (SELECT 1 FROM ${this.schema}.version_leases l WHERE l.version_key = v.version_key AND l.expires_at > now())
         ORDER BY version_key DESC`,
        [graceMs / 1000],
      );
      // Beyond the newest `keep`, and replaced long enough ago that no polling server still serves it.
      const dropped = published.rows.slice(Math.max(0, keep - 1)).filter((row) => !row.recent);
      for (const row of dropped) await this.dropVersion(client, row.version_key);
      return dropped.map((row) => row.version);
    });
  }

  /**
   * Runs `work` while holding this schema's writer lock (a session advisory lock on a
   * connection of its own), so two ingests never write or publish versions at once; a
   * second writer waits for the first.
   */
  async asWriter<T>(work: () => Promise<T>): Promise<T> {
    const key = `jiangjin_qa writer ${this.schema}`;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [key]);
    } catch (error) {
      throw postgresError(error, this.where);
    }
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [key]).catch(() => undefined);
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private indexFor(row: VersionRow, search?: PgvectorIndexSettings): PgvectorVectorIndex {
    return new PgvectorVectorIndex(
      this.pool,
      { schema: this.schema, versionKey: row.version_key, version: row.version, dimensions: row.dimensions, where: this.where },
      search ?? this.settings.search ?? DEFAULT_PGVECTOR_SETTINGS,
    );
  }

  private async versionRow(client: pg.PoolClient, version: string, lock: boolean): Promise<VersionRow | undefined> {
    const result = await client.query<VersionRow>(
      `SELECT version_key, version, dimensions, state FROM ${this.schema}.vector_versions WHERE version = $1${lock ? " FOR UPDATE" : ""}`,
      [version],
    );
    return result.rows[0];
  }

  private async isCurrent(client: pg.PoolClient, versionKey: number): Promise<boolean> {
    const result = await client.query(`SELECT 1 FROM ${this.schema}.current_version WHERE version_key = $1`, [versionKey]);
    return result.rows.length > 0;
  }

  private async dropVersion(client: pg.PoolClient, versionKey: number): Promise<void> {
    await client.query(`DROP INDEX IF EXISTS ${this.schema}.vectors_hnsw_${Number(versionKey)}`);
    await client.query(`DELETE FROM ${this.schema}.vector_versions WHERE version_key = $1`, [versionKey]);
  }

  /** Runs `work` on a pooled connection, released after; a driver error becomes postgresError (naming only host:port/db). */
  async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      return await work(client);
    } catch (error) {
      throw postgresError(error, this.where);
    } finally {
      client?.release();
    }
  }

  /** Runs `work` in one transaction on a pooled connection: committed if it returns, rolled back if it throws. */
  async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query("BEGIN");
      try {
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
  }
}
