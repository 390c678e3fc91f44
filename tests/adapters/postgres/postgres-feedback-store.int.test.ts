import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeSharedPgvectorStores, sharedPgvectorStore } from "../../../src/adapters/postgres/open-pgvector-index.js";
import { PgvectorStore } from "../../../src/adapters/postgres/pgvector-store.js";
import { createPostgresFeedbackStore, type FeedbackDatabase } from "../../../src/adapters/postgres/postgres-feedback-store.js";
import { QaError } from "../../../src/core/errors.js";
import { feedbackJsonStream } from "../../../src/http/feedback-export.js";
import { freePort } from "../../support/child-process.js";
import { numberedRecord, readFeedback } from "../../support/feedback.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";
import { testFeedbackStore } from "../../contracts/feedback-store-contract.js";

let server: PgliteServer;
let connected: PgvectorStore;
let schemas = 0;

beforeAll(async () => {
  server = await startPgliteServer();
  connected = await PgvectorStore.connect({ url: server.url });
}, 60_000);

afterAll(async () => {
  await closeSharedPgvectorStores();
  await connected?.close();
  await server?.stop();
});

/** A schema of its own (so an empty feedback table), created by ensureSchema as a server's start creates it. */
async function freshDatabase(): Promise<PgvectorStore> {
  return PgvectorStore.attach(connected.pool, connected.where, { schema: `feedback_${++schemas}` });
}

async function failure(promise: Promise<unknown>): Promise<QaError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QaError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

const rowsOf = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => (await connected.pool.query<T>(sql)).rows;

// A read batch of 7, so the contract's reads cross several keyset pages.
testFeedbackStore(
  "the PostgreSQL feedback store",
  async () => {
    const database = await freshDatabase();
    return {
      store: createPostgresFeedbackStore(async () => database, { batchSize: 7 }),
      // A row edited by hand into JSON that is not a record.
      spoil: async () => {
        await database.pool.query(`INSERT INTO ${database.schema}.feedback (received_at, rating, record) VALUES (now(), 'up', '{"edited": true}')`);
      },
    };
  },
  { timeoutMs: 20_000 },
);

describe("the PostgreSQL feedback store", () => {
  it("keeps one row per record, with the columns an operator queries beside the record", async () => {
    const database = await freshDatabase();
    const store = createPostgresFeedbackStore(async () => database);
    const record = numberedRecord(4, { comment: "好", engine: { embedder: "hashing", retriever: "hybrid", answerer: "extractive", indexHash: "f".repeat(64) } });
    await store.append(record);
    await store.append(numberedRecord(5));
    const rows = await rowsOf<{ id: string; received_at: Date; rating: string; answerer: string | null; index_hash: string | null; comment: string | null }>(
      `SELECT id, received_at, rating, answerer, index_hash, record->>'comment' AS comment FROM ${database.schema}.feedback ORDER BY id`,
    );
    expect(rows.map((row) => ({ ...row, id: Number(row.id), received_at: row.received_at.toISOString() }))).toEqual([
      { id: 1, received_at: record.receivedAt, rating: "up", answerer: "extractive", index_hash: "f".repeat(64), comment: "好" },
      { id: 2, received_at: numberedRecord(5).receivedAt, rating: "down", answerer: null, index_hash: null, comment: null },
    ]);
  }, 20_000);

  it("pages a read by id, fetching one batch at a time as the reader asks (never the whole table)", async () => {
    const database = await freshDatabase();
    const queries: string[] = [];
    // The same pool, with its queries noted.
    const counting = new Proxy(database.pool, {
      get(target, property) {
        if (property === "query") return (text: string, values?: unknown[]) => (queries.push(text), target.query(text, values));
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const store = createPostgresFeedbackStore(async (): Promise<FeedbackDatabase> => ({ pool: counting, schema: database.schema, where: database.where }), { batchSize: 3 });
    for (let index = 0; index < 10; index += 1) await store.append(numberedRecord(index));
    queries.length = 0;
    const reading = store.read()[Symbol.asyncIterator]();
    expect((await reading.next()).value).toStrictEqual(numberedRecord(0));
    // The newest id, then the first page: nothing more until the reader asks.
    expect(queries).toHaveLength(2);
    await reading.return?.();
    queries.length = 0;
    expect((await readFeedback(store)).records.map((record) => record.question)).toEqual(Array.from({ length: 10 }, (_, index) => `问题${index}`));
    // 10 rows in pages of 3: 3 + 3 + 3 + 1, after the newest id.
    expect(queries).toHaveLength(5);
    expect(queries.slice(1).every((text) => /WHERE id > \$1 AND id <= \$2 ORDER BY id LIMIT \$3/u.test(text))).toBe(true);
  }, 20_000);

  it("reads a row edited into something that is not a record as null, which the export counts as skipped", async () => {
    const database = await freshDatabase();
    const store = createPostgresFeedbackStore(async () => database);
    for (let index = 0; index < 3; index += 1) await store.append(numberedRecord(index));
    await database.pool.query(`UPDATE ${database.schema}.feedback SET record = '{"question": "no rating"}' WHERE id = 2`);
    const body = await new Response(await feedbackJsonStream(() => store.read(), {})).json();
    expect(body).toEqual({ records: [numberedRecord(0), numberedRecord(2)], skipped: 1 });
  }, 20_000);

  it("answers storage_full when the database is out of disk (SQLSTATE 53100), says full until a write succeeds again", async () => {
    const database = await freshDatabase();
    const store = createPostgresFeedbackStore(async () => database);
    // The error a real server raises when it cannot extend a file, raised by the server itself.
    await database.pool.query(`CREATE FUNCTION ${database.schema}.disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
    await database.pool.query(`CREATE TRIGGER disk_full BEFORE INSERT ON ${database.schema}.feedback FOR EACH ROW EXECUTE FUNCTION ${database.schema}.disk_full()`);
    const error = await failure(store.append(numberedRecord(1)));
    expect(error.code).toBe("storage_full");
    expect(error.message).toBe("Feedback could not be stored: the database's disk is full. Try again later.");
    expect((error.cause as Error).message).toContain("No space left on device");
    expect(store.status()).toBe("full");
    // A probe reads, and a read cannot see a full disk: it does not clear the status.
    expect((await store.check()).status).toBe("full");
    await database.pool.query(`DROP TRIGGER disk_full ON ${database.schema}.feedback`);
    await store.append(numberedRecord(2));
    expect(store.status()).toBe("ok");
    expect((await readFeedback(store)).records).toStrictEqual([numberedRecord(2)]);
  }, 20_000);

  it("answers storage_unavailable while the database cannot be reached, naming host:port/db in the cause, never the password, and stores once it can", async () => {
    const port = await freePort();
    const url = `postgres://qa:secret-password@127.0.0.1:${port}/reports`;
    let reachable = false;
    const store = createPostgresFeedbackStore(async () => (reachable ? freshDatabase() : sharedPgvectorStore(url)));
    const error = await failure(store.append(numberedRecord(1)));
    expect(error.code).toBe("storage_unavailable");
    expect(error.message).toBe("Feedback could not be stored right now; try again later.");
    expect((error.cause as Error).message).toBe(`Cannot use the PostgreSQL database at 127.0.0.1:${port}/reports: nothing is listening there (is PostgreSQL running?).`);
    expect(JSON.stringify([error.message, (error.cause as Error).message])).not.toContain("secret-password");
    expect(store.status()).toBe("unwritable");
    const check = await store.check();
    expect(check.status).toBe("unwritable");
    expect(String((check.error as Error).message)).not.toContain("secret-password");
    const readFailure = await failure(readFeedback(store));
    expect(readFailure.code).toBe("storage_unavailable");
    expect(readFailure.message).toBe("Feedback cannot be read from the database right now; try again later.");
    // The failed connection is not remembered: once the database answers, the next post is stored.
    reachable = true;
    await store.append(numberedRecord(2));
    expect(store.status()).toBe("ok");
  }, 20_000);

  it("has health notice a database that went away or came back without any post, checking again once its answer is 10 s old", async () => {
    let clock = 0;
    let reachable = true;
    const database = await freshDatabase();
    const store = createPostgresFeedbackStore(async () => {
      if (!reachable) throw new QaError("storage_unavailable", "Cannot use the PostgreSQL database at 127.0.0.1:1/x: nothing is listening there (is PostgreSQL running?).");
      return database;
    }, { now: () => clock });
    expect((await store.check()).status).toBe("ok");
    reachable = false;
    clock = 5_000;
    expect(store.status()).toBe("ok");
    clock = 10_001;
    // Stale: answered from memory at once, checked in the background.
    expect(store.status()).toBe("ok");
    await expect.poll(() => store.status()).toBe("unwritable");
    reachable = true;
    clock = 30_000;
    store.status();
    await expect.poll(() => store.status()).toBe("ok");
  }, 20_000);

  it("refuses a record Postgres cannot hold as invalid_parameter, not as a storage failure", async () => {
    const database = await freshDatabase();
    const store = createPostgresFeedbackStore(async () => database);
    // An ISO date the schema accepts but timestamptz does not (there is no year 0).
    const error = await failure(store.append(numberedRecord(1, { receivedAt: "0000-01-01T00:00:00Z" })));
    expect(error.code).toBe("invalid_parameter");
    expect(error.message).toMatch(/^This feedback record cannot be stored: .*out of range/u);
    expect(store.status()).toBe("ok");
  }, 20_000);
});
