import type pg from "pg";
import { QaError } from "../../core/errors.js";
import { describeDatabase, parseDatabaseUrl } from "./database-url.js";

export interface PostgresConnectionOptions {
  /** DATABASE_URL: postgres://user:password@host:port/database[?sslmode=…]. */
  readonly url: string;
  /** Connections kept open (readers and one writer at a time). */
  readonly poolSize?: number;
  /** How long to wait for a connection before giving up: an unreachable server fails fast, not at the OS timeout. */
  readonly connectTimeoutMs?: number;
}

/**
 * Opens a pool and proves it works with one round trip, so a wrong address, password or
 * database name is one clear error at start-up instead of a failure on the first question.
 */
export async function connectPostgres(options: PostgresConnectionOptions): Promise<pg.Pool> {
  const url = parseDatabaseUrl(options.url);
  // Loaded here, not at the top: the server bundle keeps pg external, and a server without
  // DATABASE_URL never loads it.
  const { default: postgres } = await import("pg");
  const pool = new postgres.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 8,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    // Idle connections do not keep a CLI command (npm run ask, ingest) alive once it is done.
    allowExitOnIdle: true,
  });
  // An idle connection the server drops (restart, failover) is an 'error' event on the pool;
  // unhandled it would crash the process. The pool discards it and opens another when needed.
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw postgresError(error, describeDatabase(url));
  }
  return pool;
}

/** The pg or socket error as a QaError that says what to fix, its message without credentials. */
export function postgresError(error: unknown, where: string): QaError {
  if (error instanceof QaError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const reason =
    code === "ECONNREFUSED"
      ? "nothing is listening there (is PostgreSQL running?)"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "the host name does not resolve"
        : code === "28P01" || code === "28000"
          ? "the server refused the user name or password"
          : code === "3D000"
            ? "that database does not exist"
            : /timeout/iu.test(message)
              ? "no answer before the connection timeout"
              : message;
  return new QaError("storage_unavailable", `Cannot use the PostgreSQL database at ${where}: ${reason}.`, { cause: error });
}
