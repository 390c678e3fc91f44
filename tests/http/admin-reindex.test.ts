import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadNodeEngine, type LoadedEngine } from "../../src/adapters/node/load-engine.js";
import { createNodeReindex } from "../../src/adapters/node/reindex.js";
import { createEngineHolder, currentEngine, type EngineHolder } from "../../src/core/pipeline/engine-holder.js";
import { createApp } from "../../src/http/create-app.js";
import { buildIndexWorkspace, copyCorpus, removeTempDirectory, type IndexWorkspace } from "../support/index-workspace.js";

// The real thing: ingest into a temp index/ while the app keeps serving, then the new engine.
const ADMIN_KEY = "reindex-admin-key-0123456789";
const headers = { Authorization: `Bearer ${ADMIN_KEY}` };
const EXTRA = "江津区重建索引测试附录\n\n附录\n\n本附录专为重建索引测试而写，提到一个报告里没有的地方：青蛙湖湿地公园。\n";

let workspace: IndexWorkspace;
let holder: EngineHolder<LoadedEngine>;
let app: ReturnType<typeof createApp>;
const logged: unknown[] = [];

interface Health {
  indexHash: string;
  chunks: number;
  status: string;
  builtAt: string | null;
}

const health = async (): Promise<Health> => (await (await app.request("/api/health")).json()) as Health;
const reindex = (): Promise<Response> => Promise.resolve(app.request("/api/admin/reindex", { method: "POST", headers }));
const searchFor = async (q: string): Promise<string[]> =>
  ((await (await app.request(`/api/search?q=${encodeURIComponent(q)}&k=3`)).json()) as { passages: { text: string }[] }).passages.map((passage) => passage.text);

beforeAll(async () => {
  workspace = await buildIndexWorkspace("reindex");
  const options = { indexDirectory: workspace.indexDirectory, corpusDirectory: workspace.corpusDirectory, environment: {} };
  holder = createEngineHolder(await loadNodeEngine({ ...options, vectorIndex: "brute-force" }));
  const info = {
    get builtAt() {
      return holder.get().builtAt.toISOString();
    },
    get corpusMatches() {
      return holder.get().corpusMatches;
    },
    vectorIndex: "brute-force",
  };
  app = createApp(currentEngine(holder), info, {
    adminKey: ADMIN_KEY,
    reindex: createNodeReindex({ holder, ...options, vectorIndex: "brute-force", logError: (error) => logged.push(error) }),
  });
}, 60_000);

afterAll(() => removeTempDirectory(workspace?.root));

describe("POST /api/admin/reindex over a real index", () => {
  it("rebuilds from the corpus folder and serves the new index without a restart", async () => {
    const before = await health();
    expect(before.indexHash).toBe(workspace.manifest.indexHash);
    expect((await searchFor("青蛙湖湿地公园")).join("")).not.toContain("青蛙湖");
    await writeFile(join(workspace.corpusDirectory, "reindex-appendix.txt"), EXTRA, "utf8");

    const response = await reindex();
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ ok: true, previousIndexHash: before.indexHash, embedder: expect.stringMatching(/^hashing-ngram:/u) });
    expect(body.indexHash).not.toBe(before.indexHash);

    const after = await health();
    expect(after.indexHash).toBe(body.indexHash);
    expect(after.chunks).toBe(body.chunks);
    expect(after.chunks).toBeGreaterThan(before.chunks);
    expect(after.status).toBe("ok");
    expect((await searchFor("青蛙湖湿地公园")).join("")).toContain("青蛙湖湿地公园");
  });

  it("answers 409 reindex_in_progress to a second request while one runs", async () => {
    const statuses = await Promise.all([reindex(), reindex()]);
    const bodies = await Promise.all(statuses.map(async (response) => ({ status: response.status, body: (await response.json()) as { error?: { code: string } } })));
    expect(bodies.map((entry) => entry.status).sort()).toEqual([200, 409]);
    expect(bodies.find((entry) => entry.status === 409)?.body.error?.code).toBe("reindex_in_progress");
  });

  it("answers 409 while another process (npm run ingest) holds the index lock", async () => {
    const lock = join(workspace.indexDirectory, ".ingest.lock");
    await writeFile(lock, String(process.pid));
    try {
      const response = await reindex();
      expect(response.status).toBe(409);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: "reindex_in_progress" } });
      expect(text).not.toContain(workspace.root);
    } finally {
      await rm(lock, { force: true });
    }
  });

  it("keeps serving the old engine on failure and answers 500 without stack or paths", async () => {
    const before = await health();
    await rm(workspace.corpusDirectory, { recursive: true, force: true });
    try {
      const response = await reindex();
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "reindex_failed", message: expect.stringMatching(/previous index is still being served/u) } });
      expect(text).not.toContain(workspace.root);
      expect(text).not.toMatch(/\/tmp|\\|\.ts:\d|\n\s+at /u);
      expect(logged.length).toBeGreaterThan(0);
      expect(await health()).toEqual(before);
      expect((await searchFor("青蛙湖湿地公园")).join("")).toContain("青蛙湖湿地公园");
    } finally {
      await mkdir(workspace.corpusDirectory, { recursive: true });
      await copyCorpus(workspace.corpusDirectory);
    }
  });
});
