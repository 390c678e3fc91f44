import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followPublishedVersion, type PublishedVersionFollower } from "../../../src/adapters/node/follow-published-version.js";
import { ingestCorpus } from "../../../src/adapters/node/ingest.js";
import { loadNodeEngine, type LoadedEngine } from "../../../src/adapters/node/load-engine.js";
import { closeSharedPgvectorStores, sharedPgvectorStore } from "../../../src/adapters/postgres/open-pgvector-index.js";
import { publishIndexVectors } from "../../../src/adapters/postgres/publish-index-vectors.js";
import { publishStoredIndex } from "../../../src/adapters/postgres/publish-stored-index.js";
import { readStoredIndex } from "../../../src/adapters/node/file-index-store.js";
import { readIndexContents } from "../../../src/core/index/read-index-contents.js";
import { createEngineHolder, type EngineHolder } from "../../../src/core/pipeline/engine-holder.js";
import { search } from "../../../src/core/pipeline/ask.js";
import { buildIndexWorkspace, REPORT_SOURCE, removeTempDirectory, type IndexWorkspace } from "../../support/index-workspace.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

const POLL_MS = 150;
/** A sentence only the changed corpus holds, so a search shows which version a server serves. */
const ADDED = "\n\n全区新建智慧充电桩一万两千个，覆盖所有镇街。\n";

let database: PgliteServer;
let workspace: IndexWorkspace;
const servers: { holder: EngineHolder<LoadedEngine>; follower: PublishedVersionFollower; warnings: string[] }[] = [];

const load = () => loadNodeEngine({ indexDirectory: join(workspace.root, "no-index-here"), environment: {}, databaseUrl: database.url });
const servedHashes = () => servers.map((server) => server.holder.get().engine.manifest.indexHash);

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

beforeAll(async () => {
  [database, workspace] = await Promise.all([startPgliteServer(), buildIndexWorkspace("follow-version")]);
  await publishStoredIndex(database.url, workspace.indexDirectory);
  // Two servers on one database, each with its own engine and holder.
  for (let server = 0; server < 2; server += 1) {
    const holder = createEngineHolder(await load());
    const warnings: string[] = [];
    const store = await sharedPgvectorStore(database.url);
    const follower = followPublishedVersion({ holder, intervalMs: POLL_MS, readCurrentVersion: () => store.currentVersion(), load, warn: (message) => warnings.push(message) });
    servers.push({ holder, follower, warnings });
  }
}, 60_000);

afterAll(async () => {
  for (const server of servers) server.follower.stop();
  await closeSharedPgvectorStores();
  await database?.stop();
  await removeTempDirectory(workspace?.root);
});

describe("several servers on one database", () => {
  it("both pick up a newly published version within the poll interval, swapping whole engines", async () => {
    const before = workspace.manifest.indexHash;
    expect(servedHashes()).toEqual([before, before]);
    const pinned = servers.map((server) => server.holder.get());

    await appendFile(join(workspace.corpusDirectory, REPORT_SOURCE.replace(/^corpus\//u, "")), ADDED);
    const changedIndex = join(workspace.root, "index-changed");
    const changed = await ingestCorpus({ corpusDirectory: workspace.corpusDirectory, indexDirectory: changedIndex, embedder: "hashing", environment: {} });
    expect(changed.indexHash).not.toBe(before);
    await publishStoredIndex(database.url, changedIndex);

    // A poll, plus loading the version (a fraction of a second for this corpus).
    await waitUntil(() => servedHashes().every((hash) => hash === changed.indexHash), POLL_MS + 5_000);
    for (const server of servers) {
      const passages = await search(server.holder.get().engine, "智慧充电桩", 3);
      expect(passages[0]?.text).toContain("智慧充电桩一万两千个");
      expect(server.warnings).toEqual([]);
    }
    // The engines served before the swap are whole and untouched: a request in flight finishes on them.
    for (const engine of pinned) expect((await search(engine.engine, "智慧充电桩", 3)).some((passage) => passage.text.includes("智慧充电桩"))).toBe(false);
  }, 60_000);

  it("a failed ingest changes nothing: the written rows are discarded and both keep serving", async () => {
    const served = servedHashes();
    const store = await sharedPgvectorStore(database.url);
    const stored = await readStoredIndex(workspace.indexDirectory, ["hnsw"]);
    const { chunks, vectors } = readIndexContents(stored.manifest, stored.files);
    // The vectors are written, then the files fail (a checksum the table refuses): the version must vanish.
    const failing = publishIndexVectors(store, {
      version: "f".repeat(64),
      dimensions: stored.manifest.embedder.dimensions,
      ids: chunks.map((chunk) => chunk.id),
      vectors,
      files: { manifest: stored.manifest, builtAt: stored.builtAt, files: [{ role: "chunks", sha256: "not-a-checksum", bytes: stored.files.chunks! }] },
    });
    await expect(failing).rejects.toMatchObject({ code: "storage_unavailable" });
    expect(await store.currentVersion()).toBe(served[0]);
    const leftover = await store.pool.query("SELECT 1 FROM jiangjin_qa.vector_versions WHERE version = $1", ["f".repeat(64)]);
    expect(leftover.rows).toEqual([]);
    // Several polls later nothing has moved and nothing was worth a warning.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 4));
    expect(servedHashes()).toEqual(served);
    for (const server of servers) expect(server.warnings).toEqual([]);
  }, 60_000);
});
