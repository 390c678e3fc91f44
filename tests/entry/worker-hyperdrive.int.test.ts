import { spawn, type ChildProcess } from "node:child_process";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ingestCorpus } from "../../src/adapters/node/ingest.js";
import { closeSharedPgvectorStores } from "../../src/adapters/postgres/open-pgvector-index.js";
import { publishStoredIndex } from "../../src/adapters/postgres/publish-stored-index.js";
import type { IndexManifest } from "../../src/core/index/manifest.js";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { childEnvironment, freePort } from "../support/child-process.js";
import { projectRoot } from "../support/corpus.js";
import { buildIndexWorkspace, expectExactCitations, removeTempDirectory, REPORT_SOURCE, type IndexWorkspace } from "../support/index-workspace.js";
import { startPgliteServer, type PgliteServer } from "../support/pglite-server.js";
import { committedIndexBundle } from "../support/worker-index-bundle.js";

// The Worker under wrangler dev (workerd) with a Hyperdrive binding whose local connection string
// points at a PGlite + pgvector server on loopback, set through the environment variable wrangler
// documents for it. The project's wrangler.toml is the template: only the paths, the build step
// (the bundle is packed here from the committed index/) and the binding differ.
vi.mock("jiangjin-index-bundle", async () => committedIndexBundle());

const POLL_MS = 300;
const QUESTION = "到2026年地区生产总值目标是多少?";
/** A sentence only the second version holds, so a search shows which version is served. */
const ADDED = "\n\n全区新建智慧充电桩一万两千个，覆盖所有镇街。\n";

let database: PgliteServer;
let workspace: IndexWorkspace;
let worker: ChildProcess | undefined;
let base = "";
let log = "";
let published: IndexManifest;

/** wrangler.toml with absolute paths, no build step, and the [[hyperdrive]] binding its comments describe. */
async function hyperdriveConfig(directory: string): Promise<string> {
  const bundlePath = join(directory, "worker-index.mjs");
  await writeFile(bundlePath, `export default ${JSON.stringify((await committedIndexBundle()).default)};\n`);
  let config = await readFile(join(projectRoot, "wrangler.toml"), "utf8");
  const replace = (pattern: RegExp, replacement: string): void => {
    if (!pattern.test(config)) throw new Error(`wrangler.toml no longer matches ${pattern}: update this test's template`);
    config = config.replace(pattern, replacement);
  };
  replace(/^main = ".*"$/mu, `main = ${JSON.stringify(join(projectRoot, "src/entry/worker.ts"))}`);
  replace(/^"jiangjin-index-bundle" = ".*"$/mu, `"jiangjin-index-bundle" = ${JSON.stringify(bundlePath)}`);
  replace(/^\[build\]\ncommand = ".*"\n/mu, "");
  replace(/^# \[\[hyperdrive\]\]\n# binding = "HYPERDRIVE"\n# id = ".*"\n/mu, '[[hyperdrive]]\nbinding = "HYPERDRIVE"\nid = "local-test"\n');
  const path = join(directory, "wrangler.toml");
  await writeFile(path, config);
  return path;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} not within ${timeoutMs} ms:\n${log}`);
}

const health = async (): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await fetch(`${base}/api/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const ask = (url: string, question: string): Promise<Response> =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });

beforeAll(async () => {
  [database, workspace] = await Promise.all([startPgliteServer(), buildIndexWorkspace("worker-hyperdrive")]);
  await publishStoredIndex(database.url, join(projectRoot, "index"));
  const config = await hyperdriveConfig(workspace.root);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Miniflare requires a password in the local connection string; PGlite's socket server ignores it.
  const local = database.url.replace("postgres://postgres@", "postgres://postgres:unused@");
  worker = spawn(
    `${projectRoot}node_modules/.bin/wrangler`,
    ["dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port), "--var", `DATABASE_POLL_MS:${POLL_MS}`, "--log-level", "info"],
    {
      cwd: workspace.root,
      env: childEnvironment({ WRANGLER_SEND_METRICS: "false", CI: "true", CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: local }),
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so cleanup ends wrangler and the workerd it started, and nothing else.
      detached: true,
    },
  );
  worker.stdout?.on("data", (data: Buffer) => (log += data.toString()));
  worker.stderr?.on("data", (data: Buffer) => (log += data.toString()));
  await waitFor(async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined), "wrangler dev answering", 90_000);
}, 120_000);

afterAll(async () => {
  if (worker?.pid && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker!.once("exit", resolve));
    process.kill(-worker.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  await closeSharedPgvectorStores();
  await database?.stop();
  await removeTempDirectory(workspace?.root);
});

describe("the Worker under wrangler dev with a Hyperdrive binding", () => {
  it("reports the database as its storage, the committed index served from it", async () => {
    const committed = JSON.parse(await readFile(join(projectRoot, "index/manifest.json"), "utf8")) as IndexManifest;
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", storage: "postgres", vectorIndex: "brute-force", segmenter: "jieba-wasm", checks: { database: "ok" } });
    expect(body.indexHash).toBe(committed.indexHash);
    expect(body.chunks).toBe(committed.chunkCount);
  });

  it("answers with the same answer and citations as the bundled Worker", async () => {
    vi.resetModules();
    const bundled = (await import("../../src/entry/worker.js")).default;
    const reference = askResponseSchema.parse(await (await bundled.fetch(new Request("https://worker.example/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: QUESTION }) }), {}, {})).json());
    const response = await ask(`${base}/api/ask`, QUESTION);
    expect(response.status).toBe(200);
    const answer = askResponseSchema.parse(await response.json());
    expect(answer.answer).toContain("1800亿元");
    expect(answer.answer).toBe(reference.answer);
    expect(answer.citations).toEqual(reference.citations);
    expectExactCitations(answer);
  });

  it("serves a newly published version without a restart, answering throughout", async () => {
    await appendFile(join(workspace.corpusDirectory, REPORT_SOURCE.replace(/^corpus\//u, "")), ADDED);
    published = await ingestCorpus({ corpusDirectory: workspace.corpusDirectory, indexDirectory: join(workspace.root, "index-changed"), embedder: "hashing", environment: {} });
    await publishStoredIndex(database.url, join(workspace.root, "index-changed"));
    const statuses: number[] = [];
    // Requests drive the check (at most one per DATABASE_POLL_MS); each is answered by what is served meanwhile.
    await waitFor(
      async () => {
        const { status, body } = await health();
        statuses.push(status);
        return body.indexHash === published.indexHash ? true : undefined;
      },
      "the new version served",
      20_000,
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    const search = (await (await fetch(`${base}/api/search?q=${encodeURIComponent("智慧充电桩")}&k=3`)).json()) as { passages: { text: string }[] };
    expect(search.passages[0]?.text).toContain("智慧充电桩一万两千个");
  }, 60_000);
});
