import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_PROBE_MAX_AGE_MS } from "../../../src/adapters/postgres/database-probe.js";
import { closeSharedPgvectorStores, sharedPgvectorStore } from "../../../src/adapters/postgres/open-pgvector-index.js";
import { publishStoredIndex } from "../../../src/adapters/postgres/publish-stored-index.js";
import { askResponseSchema } from "../../../src/core/schemas/ask-response.js";
import { expectExactCitations } from "../../support/index-workspace.js";
import { freePort } from "../../support/child-process.js";
import { projectRoot } from "../../support/corpus.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

// The Worker's fetch handler in-process (Node's sockets instead of workerd's), with the
// Hyperdrive binding's connectionString pointing straight at a PGlite + pgvector server: the
// failure paths wrangler dev cannot show (its local Hyperdrive proxy exits when the database
// refuses a connection), and the database-backed answer against the bundled one.
vi.mock("jiangjin-index-bundle", async () => (await import("../../support/worker-index-bundle.js")).committedIndexBundle());

type Worker = { fetch: (request: Request, environment: Record<string, unknown>, context: unknown) => Promise<Response> };
const QUESTION = "到2026年地区生产总值目标是多少?";

let database: PgliteServer;

async function loadWorker(): Promise<Worker> {
  // A fresh module per test: the Worker builds its service once per isolate.
  vi.resetModules();
  return (await import("../../../src/entry/worker.js")).default as Worker;
}

const get = (path: string): Request => new Request(`https://worker.example${path}`);
const ask = (question: string): Request =>
  new Request("https://worker.example/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
const hyperdrive = (connectionString: string) => ({ HYPERDRIVE: { connectionString } });

async function errorOf(response: Response): Promise<{ status: number; text: string; code: string; message: string }> {
  const text = await response.text();
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  return { status: response.status, text, ...body.error };
}

beforeAll(async () => {
  database = await startPgliteServer();
}, 60_000);

afterAll(async () => {
  await closeSharedPgvectorStores();
  await database?.stop();
});

describe("the Worker with a Hyperdrive binding", () => {
  it("answers 503 naming the binding while the database serves no version, and serves once one is published", async () => {
    const worker = await loadWorker();
    const empty = await errorOf(await worker.fetch(get("/api/health"), hyperdrive(database.url), {}));
    expect(empty.status).toBe(503);
    expect(empty.code).toBe("index_missing");
    expect(empty.message).toMatch(/HYPERDRIVE .*serves no index yet.*npm run ingest -- --target postgres/u);

    await publishStoredIndex(database.url, join(projectRoot, "index"));
    // The failure was not remembered: the same isolate loads on the next request.
    const health = (await (await worker.fetch(get("/api/health"), hyperdrive(database.url), {})).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: "ok", storage: "postgres", vectorIndex: "brute-force", checks: { database: "ok" } });
    expect(health.builtAt).toEqual(expect.any(String));
  }, 60_000);

  it("answers every question exactly as the bundled Worker does", async () => {
    const [fromDatabase, bundled] = [await loadWorker(), await loadWorker()];
    for (const question of [QUESTION, "森林覆盖率是多少", "五大专项行动是哪五个"]) {
      const database_ = askResponseSchema.parse(await (await fromDatabase.fetch(ask(question), hyperdrive(database.url), {})).json());
      const reference = askResponseSchema.parse(await (await bundled.fetch(ask(question), {}, {})).json());
      expect(database_.answer, question).toBe(reference.answer);
      expect(database_.answerKind).toBe(reference.answerKind);
      expect(database_.citations).toEqual(reference.citations);
      expectExactCitations(database_);
    }
  }, 60_000);

  it("refuses a damaged file or vector with index_corrupt naming it, and serves again once repaired", async () => {
    const store = await sharedPgvectorStore(database.url);
    const { schema, pool } = store;
    const outcomeWhile = async (damage: () => Promise<unknown>, repair: () => Promise<unknown>): Promise<{ code: string; message: string }> => {
      await damage();
      try {
        return await errorOf(await (await loadWorker()).fetch(get("/api/health"), hyperdrive(database.url), {}));
      } finally {
        await repair();
      }
    };
    const [{ bytes }] = (await pool.query<{ bytes: Buffer }>(`SELECT bytes FROM ${schema}.index_files WHERE role = 'lexicon'`)).rows as [{ bytes: Buffer }];
    const damaged = Buffer.from(bytes);
    damaged[10] = damaged[10]! ^ 1;
    const setLexicon = (value: Buffer) => pool.query(`UPDATE ${schema}.index_files SET bytes = $1 WHERE role = 'lexicon'`, [value]);
    const lexicon = await outcomeWhile(() => setLexicon(damaged), () => setLexicon(bytes));
    expect(lexicon).toMatchObject({ code: "index_corrupt", message: expect.stringMatching(/"lexicon" of index version .* does not match its checksum/u) });
    expect(lexicon.message).toMatch(/--target postgres/u);

    const [{ chunk_id: chunkId, embedding }] = (await pool.query<{ chunk_id: string; embedding: string }>(`SELECT chunk_id, embedding::text AS embedding FROM ${schema}.vectors ORDER BY chunk_id LIMIT 1`)).rows as [{ chunk_id: string; embedding: string }];
    const nudged = `[${embedding.slice(1, -1).split(",").map((value, column) => (column === 0 ? String(Number(value) + 0.001) : value)).join(",")}]`;
    const setVector = (value: string) => pool.query(`UPDATE ${schema}.vectors SET embedding = $1::vector WHERE chunk_id = $2`, [value, chunkId]);
    const vector = await outcomeWhile(() => setVector(nudged), () => setVector(embedding));
    expect(vector).toMatchObject({ code: "index_corrupt", message: expect.stringMatching(/"vectors" of index version .* does not match its checksum/u) });
    expect((await (await loadWorker()).fetch(get("/api/health"), hyperdrive(database.url), {})).status).toBe(200);
  }, 60_000);

  it("answers 503 storage_unavailable for an unreachable database, never showing the connection string or password", async () => {
    const closed = `postgres://reader:s3cret-passw0rd@127.0.0.1:${await freePort()}/reports`;
    const outcome = await errorOf(await (await loadWorker()).fetch(ask(QUESTION), hyperdrive(closed), {}));
    expect(outcome.status).toBe(503);
    expect(outcome.code).toBe("storage_unavailable");
    expect(outcome.message).toMatch(/HYPERDRIVE .*nothing is listening there/u);
    expect(outcome.text).not.toContain("s3cret-passw0rd");
    expect(outcome.text).not.toContain(closed);
    expect(outcome.text).not.toMatch(/\n\s+at /u);
  });

  it("keeps answering from the loaded version while the database is away, health saying so", async () => {
    const own = await startPgliteServer();
    const kept: Promise<unknown>[] = [];
    const context = { waitUntil: (work: Promise<unknown>) => kept.push(work) };
    const environment = { ...hyperdrive(own.url), DATABASE_POLL_MS: "1" };
    const worker = await loadWorker();
    try {
      await publishStoredIndex(own.url, join(projectRoot, "index"));
      expect((await worker.fetch(get("/api/health"), environment, context)).status).toBe(200);
    } finally {
      await closeSharedPgvectorStores();
      await own.stop();
    }
    const answered = await worker.fetch(ask(QUESTION), environment, context);
    expect(answered.status).toBe(200);
    expect(askResponseSchema.parse(await answered.json()).answer).toContain("1800亿元");
    // The version checks the requests started fail quietly: the loaded version stays served.
    await Promise.all(kept);
    expect(kept.length).toBeGreaterThan(0);
    // Past the probe's 2 s reuse of its last outcome (DEFAULT_PROBE_MAX_AGE_MS).
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_PROBE_MAX_AGE_MS + 100));
    const health = await worker.fetch(get("/api/health"), environment, context);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "degraded", storage: "postgres", checks: { database: "unreachable" } });
  }, 60_000);

  it("names a HYPERDRIVE that is a plain variable, not a binding", async () => {
    const outcome = await errorOf(await (await loadWorker()).fetch(get("/api/health"), { HYPERDRIVE: database.url }, {}));
    expect(outcome).toMatchObject({ status: 503, code: "invalid_parameter", message: expect.stringMatching(/\[\[hyperdrive\]\]/u) });
  });
});
