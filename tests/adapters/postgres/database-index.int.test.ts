import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadNodeEngine } from "../../../src/adapters/node/load-engine.js";
import { closeSharedPgvectorStores, sharedPgvectorStore } from "../../../src/adapters/postgres/open-pgvector-index.js";
import { publishIndexVectors } from "../../../src/adapters/postgres/publish-index-vectors.js";
import { publishStoredIndex } from "../../../src/adapters/postgres/publish-stored-index.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import { freePort, runTypeScript, stackFrames } from "../../support/child-process.js";
import { buildIndexWorkspace, removeTempDirectory, type IndexWorkspace } from "../../support/index-workspace.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

const QUESTIONS = ["到2026年江津区地区生产总值的目标是多少?", "五大专项行动是哪五个", "How fast did the GDP grow per year over the past five years?"];

let database: PgliteServer;
let workspace: IndexWorkspace;
let sql: pg.Pool;
/** An INDEX_DIR that does not exist: with DATABASE_URL nothing may be read from it. */
let noIndexDirectory: string;

/** The error a promise rejects with (a test failure when it resolves). */
async function captureError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected the load to be refused"),
    (error: unknown) => error,
  );
}

const loadFromDatabase = (url = database.url) => loadNodeEngine({ indexDirectory: noIndexDirectory, environment: {}, databaseUrl: url });

beforeAll(async () => {
  [database, workspace] = await Promise.all([startPgliteServer(), buildIndexWorkspace("database-index")]);
  noIndexDirectory = join(workspace.root, "no-index-here");
  sql = new pg.Pool({ connectionString: database.url, max: 2 });
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await closeSharedPgvectorStores();
  await database?.stop();
  await removeTempDirectory(workspace?.root);
});

describe("DATABASE_URL: the whole index from PostgreSQL", () => {
  it("refuses a database that serves no index yet, saying what to run", async () => {
    const error = await captureError(loadFromDatabase());
    expect(error).toMatchObject({ code: "index_missing" });
    expect((error as Error).message).toMatch(/serves no index yet\. Write one with: npm run ingest -- --target postgres$/u);
  }, 30_000);

  it("refuses a served version that holds vectors only, saying what to run", async () => {
    // What an ingest before this change wrote: a version with its vectors and no files.
    const store = await sharedPgvectorStore(database.url);
    await publishIndexVectors(store, { version: "vectors-only", dimensions: 2, ids: ["a"], vectors: new Float32Array([1, 0]) });
    const error = await captureError(loadFromDatabase());
    expect(error).toMatchObject({ code: "index_missing" });
    expect((error as Error).message).toContain("holds vectors only");
    expect((error as Error).message).toContain("npm run ingest -- --target postgres");
  }, 30_000);

  it("loads the current version's manifest and files, with no index/, and answers as from the files", async () => {
    const published = await publishStoredIndex(database.url, workspace.indexDirectory);
    expect(published).toMatchObject({ version: workspace.manifest.indexHash, reused: false });
    const stored = await sql.query<{ role: string; size: number }>("SELECT role, octet_length(bytes) AS size FROM jiangjin_qa.index_files ORDER BY role");
    // The vectors are the vectors table and pgvector builds its own graph: neither is stored twice.
    expect(stored.rows.map((row) => row.role)).toEqual(["bm25", "chunks", "embedderState", "lexicon", "termPostings"].filter((role) => role in workspace.manifest.files).sort());
    for (const row of stored.rows) expect(row.size).toBe(workspace.manifest.files[row.role as keyof typeof workspace.manifest.files]!.bytes);
    // The graph is built once the rows are in (not row by row), and is there before the version serves.
    const graphs = await sql.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes i JOIN jiangjin_qa.vector_versions v ON i.indexname = 'vectors_hnsw_' || v.version_key WHERE v.version = $1`,
      [workspace.manifest.indexHash],
    );
    expect(graphs.rows[0]?.indexdef).toMatch(/USING hnsw .*WITH \(m='?16'?, ef_construction='?100'?\)/u);

    const fromDatabase = await loadFromDatabase();
    const fromFiles = await loadNodeEngine({ indexDirectory: workspace.indexDirectory, environment: {}, vectorIndex: "brute-force" });
    expect(fromDatabase.storage).toBe("postgres");
    expect(fromFiles.storage).toBe("files");
    // The same build, described as kept in the database: the manifest's storage is its one difference.
    const { storage, ...sameBuild } = fromDatabase.engine.manifest;
    expect(storage).toEqual({ backend: "postgres", schema: "jiangjin_qa", version: workspace.manifest.indexHash });
    expect(sameBuild).toEqual(fromFiles.engine.manifest);
    expect(fromFiles.engine.manifest.storage).toBeUndefined();
    expect(fromDatabase.engine.retriever.description).toContain("pgvector");
    for (const question of QUESTIONS) {
      const [database, files] = await Promise.all([ask(fromDatabase.engine, { question }), ask(fromFiles.engine, { question })]);
      expect(database.answer).toBe(files.answer);
      expect(database.citations.map((citation) => citation.chunkId)).toEqual(files.citations.map((citation) => citation.chunkId));
    }
  }, 60_000);

  it("refuses a stored file that does not match its checksum, naming it, and a re-ingest of the same build repairs it", async () => {
    await sql.query("UPDATE jiangjin_qa.index_files SET bytes = overlay(bytes placing '\\x20'::bytea from 10) WHERE role = 'chunks'");
    const error = await captureError(loadFromDatabase());
    expect(error).toMatchObject({ code: "index_corrupt" });
    expect((error as Error).message).toMatch(/^Index file "chunks" of index version [0-9a-f]{12} in 127\.0\.0\.1:\d+\/postgres does not match its checksum/u);
    expect((error as Error).message).toMatch(/Rewrite it with: npm run ingest -- --target postgres$/u);
    expect(stackFrames((error as Error).message)).toEqual([]);

    expect((await publishStoredIndex(database.url, workspace.indexDirectory)).reused).toBe(true);
    expect((await loadFromDatabase()).engine.manifest.indexHash).toBe(workspace.manifest.indexHash);
  }, 60_000);

  it("refuses a manifest that is not JSON, or that names another index", async () => {
    const { rows } = await sql.query<{ manifest: string }>("SELECT manifest FROM jiangjin_qa.index_manifests");
    const original = rows[0]!.manifest;
    try {
      await sql.query("UPDATE jiangjin_qa.index_manifests SET manifest = '{'");
      expect(await captureError(loadFromDatabase())).toMatchObject({ code: "index_corrupt", message: expect.stringContaining("is not valid JSON") });
      const other = { ...JSON.parse(original), indexHash: "0".repeat(64) };
      await sql.query("UPDATE jiangjin_qa.index_manifests SET manifest = $1", [JSON.stringify(other)]);
      expect(await captureError(loadFromDatabase())).toMatchObject({ code: "index_corrupt", message: expect.stringContaining("names index 000000000000") });
      // A manifest of files (no database storage), or of another schema's copy, is not this version's.
      for (const storage of [{ backend: "files" }, { ...JSON.parse(original).storage, schema: "elsewhere" }]) {
        await sql.query("UPDATE jiangjin_qa.index_manifests SET manifest = $1", [JSON.stringify({ ...JSON.parse(original), storage })]);
        expect(await captureError(loadFromDatabase())).toMatchObject({ code: "index_corrupt", message: expect.stringContaining("describes its index as stored in") });
      }
      // Written before manifests named their storage: still this version's.
      const { storage: _storage, ...unnamed } = JSON.parse(original) as Record<string, unknown>;
      await sql.query("UPDATE jiangjin_qa.index_manifests SET manifest = $1", [JSON.stringify(unnamed)]);
      expect((await loadFromDatabase()).engine.manifest.storage).toMatchObject({ backend: "postgres" });
    } finally {
      await sql.query("UPDATE jiangjin_qa.index_manifests SET manifest = $1", [original]);
    }
  }, 30_000);

  it("refuses to start on an unreachable database in one sentence naming only host:port/db", async () => {
    const url = `postgres://someone:secret-password@127.0.0.1:${await freePort()}/qa`;
    const error = await captureError(loadFromDatabase(url));
    expect(error).toMatchObject({ code: "storage_unavailable" });
    expect((error as Error).message).toMatch(/^Cannot use the PostgreSQL database at 127\.0\.0\.1:\d+\/qa: nothing is listening there/u);
    expect((error as Error).message).not.toContain("secret-password");
  }, 30_000);

  it("npm start on an unreachable database exits with one line naming host:port/db, no stack trace", async () => {
    const port = await freePort();
    const result = await runTypeScript(
      "src/entry/node.ts",
      [],
      { PORT: String(await freePort()), DATABASE_URL: `postgres://someone:secret-password@127.0.0.1:${port}/qa`, INDEX_DIR: noIndexDirectory, DATA_DIR: join(workspace.root, "data") },
      30_000,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`Cannot start: Cannot use the PostgreSQL database at 127.0.0.1:${port}/qa: nothing is listening there (is PostgreSQL running?).`);
    expect(stackFrames(result.stderr)).toEqual([]);
  }, 40_000);
});
