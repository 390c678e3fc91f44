import { execFile, spawn, type ChildProcess } from "node:child_process";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeSharedPgvectorStores } from "../../../src/adapters/postgres/open-pgvector-index.js";
import { publishStoredIndex } from "../../../src/adapters/postgres/publish-stored-index.js";
import { childEnvironment, freePort, stackFrames, waitForExit, waitForHealth, type ProcessResult } from "../../support/child-process.js";
import { projectRoot } from "../../support/corpus.js";
import { ingestCorpus } from "../../../src/adapters/node/ingest.js";
import { buildIndexWorkspace, REPORT_SOURCE, removeTempDirectory, type IndexWorkspace } from "../../support/index-workspace.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

const run = promisify(execFile);

let database: PgliteServer;
let workspace: IndexWorkspace;
let server: ChildProcess | undefined;
let exited: Promise<ProcessResult>;
let baseUrl = "";
let stderr = "";
let databaseStopped = false;
const POLL_MS = 300;

interface Health {
  status: string;
  checks: Record<string, string>;
  storage: string;
  vectorIndex: string;
  retriever: string;
  indexHash: string;
}
const health = async (): Promise<Health> => (await (await fetch(`${baseUrl}/api/health`)).json()) as Health;

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    if (accept(value) || performance.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  [database, workspace] = await Promise.all([startPgliteServer(), buildIndexWorkspace("pgvector-server")]);
  await publishStoredIndex(database.url, workspace.indexDirectory);
  // The bundle `npm start` serves, with pg left external and loaded only for DATABASE_URL.
  await run(process.execPath, ["scripts/build-server.mjs"], { cwd: projectRoot, env: childEnvironment() });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["dist/server.mjs"], {
    cwd: projectRoot,
    env: childEnvironment({
      PORT: String(port),
      HOST: "127.0.0.1",
      // No index/ at all: with DATABASE_URL the whole index comes from the database.
      INDEX_DIR: join(workspace.root, "no-index-here"),
      DATABASE_POLL_MS: String(POLL_MS),
      CORPUS_DIR: workspace.corpusDirectory,
      DATA_DIR: join(workspace.root, "data"),
      DATABASE_URL: database.url,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  exited = waitForExit(server, 60_000);
  await waitForHealth(baseUrl, server, exited);
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGTERM");
    await exited.catch(() => undefined);
  }
  await closeSharedPgvectorStores();
  if (!databaseStopped) await database?.stop();
  await removeTempDirectory(workspace?.root);
});

describe("npm start with DATABASE_URL and no index/", () => {
  it("serves the database's index, reports postgres storage and a checked database, and answers with citations", async () => {
    const served = await health();
    expect(served).toMatchObject({ status: "ok", storage: "postgres", vectorIndex: "pgvector", checks: { database: "ok" }, indexHash: workspace.manifest.indexHash });
    expect(served.retriever).toContain("pgvector");
    const response = await fetch(`${baseUrl}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "到2026年江津区地区生产总值的目标是多少?" }),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { answer: string; citations: unknown[] };
    expect(answer.answer).toContain("1800亿元");
    expect(answer.citations.length).toBeGreaterThan(0);
  }, 30_000);

  it("follows a version another process publishes, within the poll interval", async () => {
    await appendFile(join(workspace.corpusDirectory, REPORT_SOURCE.replace(/^corpus\//u, "")), "\n\n全区新建智慧充电桩一万两千个，覆盖所有镇街。\n");
    const changedIndex = join(workspace.root, "index-changed");
    const changed = await ingestCorpus({ corpusDirectory: workspace.corpusDirectory, indexDirectory: changedIndex, embedder: "hashing", environment: {} });
    await publishStoredIndex(database.url, changedIndex);
    const started = performance.now();
    const followed = await eventually(health, (value) => value.indexHash === changed.indexHash, POLL_MS + 10_000);
    expect(followed.indexHash).toBe(changed.indexHash);
    expect(performance.now() - started).toBeLessThan(POLL_MS + 10_000);
    const search = (await (await fetch(`${baseUrl}/api/search?q=${encodeURIComponent("智慧充电桩")}&k=3`)).json()) as { passages: { text: string }[] };
    expect(search.passages[0]?.text).toContain("智慧充电桩一万两千个");
  }, 60_000);

  it("with the database gone: health degraded naming it, a clear 503 for questions, and the server keeps running", async () => {
    await database.stop();
    databaseStopped = true;
    const degraded = await eventually(health, (value) => value.status === "degraded", 10_000);
    expect(degraded).toMatchObject({ status: "degraded", storage: "postgres", checks: { database: "unreachable" } });
    const response = await fetch(`${baseUrl}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "森林覆盖率是多少" }),
    });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("storage_unavailable");
    expect(body.error.message).toBe("The database holding the index cannot be reached right now; try again shortly.");
    // The poll notices too: one warning line, no stack trace, the served index kept.
    await eventually(async () => stderr, (text) => text.includes("could not be polled"), POLL_MS * 10);
    expect(stderr).toMatch(/warning: the database could not be polled for a new index version \(Cannot use the PostgreSQL database at 127\.0\.0\.1:\d+\/postgres: [^\n]+\); still serving index [0-9a-f]{12}\n/u);
    expect(stackFrames(stderr)).toEqual([]);
    expect(server?.exitCode).toBeNull();
  }, 60_000);
});
