import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishStoredIndex } from "../../../src/adapters/postgres/publish-stored-index.js";
import { closeSharedPgvectorStores } from "../../../src/adapters/postgres/open-pgvector-index.js";
import type { FeedbackRecord, FeedbackRequest } from "../../../src/core/schemas/feedback.js";
import { childEnvironment, freePort, stackFrames, waitForExit, waitForHealth, type ProcessResult } from "../../support/child-process.js";
import { projectRoot } from "../../support/corpus.js";
import { buildIndexWorkspace, removeTempDirectory, type IndexWorkspace } from "../../support/index-workspace.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

const run = promisify(execFile);
const ADMIN_KEY = "feedback-admin-key-0123456789";

interface Server {
  readonly process: ChildProcess;
  readonly exited: Promise<ProcessResult>;
  readonly baseUrl: string;
  readonly dataDirectory: string;
  stderr: string;
}

let database: PgliteServer;
let workspace: IndexWorkspace;
const servers: Server[] = [];

async function startServer(name: string): Promise<Server> {
  const port = await freePort();
  const dataDirectory = join(workspace.root, `data-${name}`);
  const child = spawn(process.execPath, ["dist/server.mjs"], {
    cwd: projectRoot,
    env: childEnvironment({
      PORT: String(port),
      HOST: "127.0.0.1",
      INDEX_DIR: join(workspace.root, "no-index-here"),
      CORPUS_DIR: workspace.corpusDirectory,
      DATA_DIR: dataDirectory,
      DATABASE_URL: database.url,
      ADMIN_KEY,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server: Server = { process: child, exited: waitForExit(child, 120_000), baseUrl: `http://127.0.0.1:${port}`, dataDirectory, stderr: "" };
  child.stderr?.on("data", (chunk: Buffer) => {
    server.stderr += chunk.toString("utf8");
  });
  servers.push(server);
  await waitForHealth(server.baseUrl, child, server.exited, 60_000);
  return server;
}

const post = (server: Server, body: FeedbackRequest): Promise<Response> =>
  fetch(`${server.baseUrl}/api/feedback`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function exported(server: Server): Promise<{ records: FeedbackRecord[]; skipped: number }> {
  const response = await fetch(`${server.baseUrl}/api/admin/feedback`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as { records: FeedbackRecord[]; skipped: number };
}

beforeAll(async () => {
  [database, workspace] = await Promise.all([startPgliteServer(), buildIndexWorkspace("feedback-server")]);
  await publishStoredIndex(database.url, workspace.indexDirectory);
  // The bundle `npm start` serves, with pg left external and loaded only for DATABASE_URL.
  await run(process.execPath, ["scripts/build-server.mjs"], { cwd: projectRoot, env: childEnvironment() });
  // One after the other: both create the schema at start-up, as servers behind one load balancer do.
  await startServer("a");
  await startServer("b");
}, 180_000);

afterAll(async () => {
  for (const server of servers) {
    if (server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill("SIGTERM");
      await server.exited.catch(() => undefined);
    }
  }
  await closeSharedPgvectorStores();
  await database?.stop();
  await removeTempDirectory(workspace?.root);
});

describe("feedback with DATABASE_URL: one table for every server", () => {
  it("stores a post in the database's feedback table, not in DATA_DIR, and health reports the store ok", async () => {
    const [a] = servers;
    const response = await post(a!, { question: "森林覆盖率是多少？", answer: "55%", rating: "up", comment: "准确" });
    expect(response.status).toBe(201);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = (await client.query<{ rating: string; question: string; comment: string }>(`SELECT rating, record->>'question' AS question, record->>'comment' AS comment FROM jiangjin_qa.feedback`)).rows;
      expect(rows).toEqual([{ rating: "up", question: "森林覆盖率是多少？", comment: "准确" }]);
    } finally {
      await client.end();
    }
    // Nothing on disk: the file store is never opened, so DATA_DIR is not even created.
    expect(await readdir(a!.dataDirectory).catch(() => [])).toEqual([]);
    const health = (await (await fetch(`${a!.baseUrl}/api/health`)).json()) as { status: string; checks: Record<string, string> };
    expect(health).toMatchObject({ status: "ok", checks: { dataDir: "ok", database: "ok" } });
  }, 30_000);

  it("has each server export what the other was sent, in arrival order, as JSON and as JSON Lines", async () => {
    const [a, b] = servers;
    expect((await post(b!, { question: "地区生产总值目标？", answer: "1800亿元", rating: "down" })).status).toBe(201);
    expect((await post(a!, { question: "第三条", answer: "丙", rating: "up" })).status).toBe(201);
    const fromA = await exported(a!);
    const fromB = await exported(b!);
    expect(fromA.skipped).toBe(0);
    expect(fromA.records.map((record) => record.question)).toEqual(["森林覆盖率是多少？", "地区生产总值目标？", "第三条"]);
    expect(fromB).toEqual(fromA);
    const lines = await fetch(`${b!.baseUrl}/api/admin/feedback?format=jsonl`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(lines.headers.get("x-skipped-lines")).toBe("0");
    expect((await lines.text()).trimEnd().split("\n").map((line) => JSON.parse(line) as FeedbackRecord)).toEqual(fromA.records);
  }, 30_000);

  it("takes concurrent posts to both servers, every one exported once, and no feedback warning or stack trace on stderr", async () => {
    const [a, b] = servers;
    const questions = Array.from({ length: 20 }, (_, index) => `并发问题${index}`);
    const statuses = await Promise.all(questions.map(async (question, index) => (await post(index % 2 === 0 ? a! : b!, { question, answer: "答", rating: "up" })).status));
    expect(statuses.every((status) => status === 201)).toBe(true);
    const all = (await exported(b!)).records.map((record) => record.question);
    expect(all.filter((question) => question.startsWith("并发问题")).sort()).toEqual([...questions].sort());
    for (const server of servers) {
      expect(server.stderr).not.toMatch(/warning: .*feedback/u);
      expect(stackFrames(server.stderr)).toEqual([]);
    }
  }, 30_000);
});
