import { execFile, spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeSharedPgvectorStores } from "../../../src/adapters/postgres/open-pgvector-index.js";
import { publishStoredIndex } from "../../../src/adapters/postgres/publish-stored-index.js";
import { childEnvironment, freePort, waitForExit, waitForHealth, type ProcessResult } from "../../support/child-process.js";
import { projectRoot } from "../../support/corpus.js";
import { buildIndexWorkspace, removeTempDirectory, type IndexWorkspace } from "../../support/index-workspace.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

const run = promisify(execFile);

let database: PgliteServer;
let workspace: IndexWorkspace;
let server: ChildProcess | undefined;
let exited: Promise<ProcessResult>;
let baseUrl = "";

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
      INDEX_DIR: workspace.indexDirectory,
      CORPUS_DIR: workspace.corpusDirectory,
      DATA_DIR: join(workspace.root, "data"),
      DATABASE_URL: database.url,
    }),
    stdio: ["ignore", "pipe", "pipe"],
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
  await database?.stop();
  await removeTempDirectory(workspace?.root);
});

describe("npm start with DATABASE_URL", () => {
  it("reports pgvector as its vector index and answers with citations through it", async () => {
    const health = (await (await fetch(`${baseUrl}/api/health`)).json()) as { vectorIndex: string; retriever: string };
    expect(health.vectorIndex).toBe("pgvector");
    expect(health.retriever).toContain("pgvector");
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
});
