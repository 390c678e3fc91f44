import type pg from "pg";
import { QaError } from "../../core/errors.js";
import type { FeedbackStore, FeedbackStoreStatus } from "../../core/ports/feedback-store.js";
import { feedbackRecordSchema, type FeedbackRecord } from "../../core/schemas/feedback.js";
import { parseFeedbackLine } from "../node/file-feedback-store.js";
import { storeStatus, type StoreCheck } from "../feedback-store-status.js";
import { postgresError } from "./postgres-connection.js";

/** Where the table is: a pool, the schema ensureSchema created it in, and host:port/db for messages. */
export interface FeedbackDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly where: string;
}

export interface PostgresFeedbackStoreOptions {
  /** Rows fetched per query while reading: memory stays at one batch whatever the table holds. */
  readonly batchSize?: number;
  /** Monotonic milliseconds (tests move it). */
  readonly now?: () => number;
}

/** What a check of the database found: a status, and for the operator the error behind it. */
export type FeedbackDatabaseCheck = StoreCheck;

export interface PostgresFeedbackStore extends FeedbackStore {
  read(): AsyncIterable<FeedbackRecord | null>;
  status(): FeedbackStoreStatus;
  /** Reaches the feedback table with one cheap query (start-up warns on its outcome; health re-runs it when stale). */
  check(): Promise<FeedbackDatabaseCheck>;
}

export const DEFAULT_FEEDBACK_BATCH_SIZE = 500;
/** SQLSTATE disk_full: the database could not extend a file. More space is what fixes it. */
const DISK_FULL = "53100";

const sqlState = (error: unknown): string | undefined => {
  // pg's own error, or the QaError postgresError wrapped around it.
  for (let current = error, depth = 0; current instanceof Error && depth < 3; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/u.test(code)) return code;
  }
  return undefined;
};

const statusOf = (error: unknown): FeedbackStoreStatus => (sqlState(error) === DISK_FULL ? "full" : "unwritable");

/**
 * A failed write as the client may see it, as the file store words it: a retryable 503 code and
 * no address; the cause (for the server log) says where and why, by host:port/db only — a pg
 * error never holds the URL, and connection failures come worded by postgresError.
 */
function writeError(error: unknown, where: string): QaError {
  const cause = postgresError(error, where);
  return statusOf(error) === "full"
    ? new QaError("storage_full", "Feedback could not be stored: the database's disk is full. Try again later.", { cause })
    : new QaError("storage_unavailable", "Feedback could not be stored right now; try again later.", { cause });
}

/**
 * Feedback in the `feedback` table of the index's database (feedback-table.ts), so every server
 * on one DATABASE_URL writes to and exports from the same place. `database` is called per
 * operation and may fail (the shared pool connects on first use and forgets a failed attempt):
 * a database unreachable at start-up costs 503s on posts until it answers, never the start.
 * Each append is one INSERT, so a record is stored whole or not at all, and concurrent appends
 * from any number of processes need no lock.
 */
export function createPostgresFeedbackStore(database: () => Promise<FeedbackDatabase>, options: PostgresFeedbackStoreOptions = {}): PostgresFeedbackStore {
  const batchSize = options.batchSize ?? DEFAULT_FEEDBACK_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new QaError("invalid_parameter", `The feedback batch size must be a whole number of at least 1, not ${batchSize}.`);
  const now = options.now ?? (() => performance.now());
  const tracked = storeStatus<FeedbackDatabaseCheck>(() => probe(), now);
  const remember = tracked.remember;

  /** The database, or the reason it cannot be had, already worded (host:port/db, no credentials). */
  const open = async (): Promise<FeedbackDatabase> => {
    try {
      return await database();
    } catch (error) {
      throw postgresError(error, "the configured database");
    }
  };

  async function probe(): Promise<FeedbackDatabaseCheck> {
    try {
      const { pool, schema } = await open();
      await pool.query(`SELECT 1 FROM ${schema}.feedback LIMIT 0`);
      // A read cannot see a full disk: once a write found one, only a write that succeeds clears it.
      const status = tracked.last() === "full" ? "full" : "ok";
      remember(status);
      return { status };
    } catch (error) {
      const status = statusOf(error);
      remember(status);
      return { status, error };
    }
  }

  const check = tracked.check;

  return {
    check,

    async append(record: FeedbackRecord): Promise<void> {
      // What the table cannot hold is refused before it is sent: its receivedAt becomes a
      // timestamptz, so a record that is not one would otherwise look like a storage failure.
      const parsed = feedbackRecordSchema.safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new QaError("invalid_parameter", `Not a feedback record: ${issue ? `${issue.path.join(".") || "record"}: ${issue.message}` : "invalid value"}.`);
      }
      let where = "the configured database";
      try {
        const { pool, schema, where: location } = await open();
        where = location;
        await pool.query(
          `INSERT INTO ${schema}.feedback (received_at, rating, answerer, index_hash, record) VALUES ($1, $2, $3, $4, $5)`,
          [parsed.data.receivedAt, parsed.data.rating, columnText(parsed.data.engine?.answerer), columnText(parsed.data.engine?.indexHash), JSON.stringify(record)],
        );
        remember("ok");
      } catch (error) {
        // A value Postgres refuses (class 22, e.g. a year it cannot hold) is the record's fault, not the database's.
        if (sqlState(error)?.startsWith("22")) {
          throw new QaError("invalid_parameter", `This feedback record cannot be stored: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
        }
        remember(statusOf(error));
        throw writeError(error, where);
      }
    },

    async *read(): AsyncGenerator<FeedbackRecord | null> {
      const { pool, schema, where } = await open().catch((error: unknown) => {
        throw readError(error, "the configured database");
      });
      // Keyset pages by id, each a short query of its own: no connection or cursor is held
      // while the export's client reads slowly, and no page costs more as the table grows.
      // Bounded by the newest id when the read began, as the file store reads each file to the
      // length it had: records posted during an export go in the next one.
      const newest = await readQuery(() => pool.query<{ newest: string | null }>(`SELECT max(id)::text AS newest FROM ${schema}.feedback`), where);
      const until = newest.rows[0]?.newest;
      if (until === null || until === undefined) return;
      let after = "0";
      for (;;) {
        const page = await readQuery(
          () =>
            pool.query<{ key: string; record: string }>(
              // Named `key`, not `id`: ORDER BY id must sort the bigint column, not its text (where "10" < "9").
              `SELECT id::text AS key, record::text AS record FROM ${schema}.feedback WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3`,
              [after, until, batchSize],
            ),
          where,
        );
        // A row edited by hand into something that is not a record reads as null (the export counts it skipped).
        for (const row of page.rows) yield parseFeedbackLine(row.record);
        if (page.rows.length < batchSize) return;
        after = page.rows[page.rows.length - 1]!.key;
      }
    },

    // From memory (health must not wait on the database); a stale answer has it checked again.
    status: tracked.status,
  };
}

/** A query of the export: a failure is a clear 503 (before the first byte) naming host:port/db, never the URL. */
async function readQuery<T extends pg.QueryResultRow>(query: () => Promise<pg.QueryResult<T>>, where: string): Promise<pg.QueryResult<T>> {
  try {
    return await query();
  } catch (error) {
    throw readError(error, where);
  }
}

const readError = (error: unknown, where: string): QaError =>
  new QaError("storage_unavailable", "Feedback cannot be read from the database right now; try again later.", { cause: postgresError(error, where) });

/** A copy for a query column: text columns cannot hold U+0000 (the record itself keeps it). */
const columnText = (value: string | undefined): string | null => (value === undefined ? null : value.replaceAll("\u0000", ""));
