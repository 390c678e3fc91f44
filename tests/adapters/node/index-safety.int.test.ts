import { spawn } from "node:child_process";
import { appendFile, cp, readFile, stat, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../../src/adapters/node/ingest.js";
import { AUTO_BRUTE_FORCE_BELOW_CHUNKS, loadNodeEngine, type LoadEngineOptions } from "../../../src/adapters/node/load-engine.js";
import { EmbedderMismatchError, IndexCorruptError, QaError } from "../../../src/core/errors.js";
import { ask, search } from "../../../src/core/pipeline/ask.js";
import { exitedProcessId, runTypeScript, stackFrames, waitForExit } from "../../support/child-process.js";
import {
  buildIndexWorkspace,
  copyCorpus,
  expectExactCitations,
  removeTempDirectory,
  snapshotDirectory,
  type IndexWorkspace,
} from "../../support/index-workspace.js";

const LOCK_FILE = ".ingest.lock";
let workspace: IndexWorkspace;
let copies = 0;

beforeAll(async () => {
  workspace = await buildIndexWorkspace("index-safety");
});

afterAll(() => removeTempDirectory(workspace?.root));

function options(overrides: Partial<LoadEngineOptions> = {}): LoadEngineOptions {
  return { indexDirectory: workspace.indexDirectory, corpusDirectory: workspace.corpusDirectory, environment: {}, ...overrides };
}

/** A private copy of the built index, for tests that damage or rebuild it. */
async function copyIndex(): Promise<string> {
  const directory = join(workspace.root, `index-copy-${++copies}`);
  await cp(workspace.indexDirectory, directory, { recursive: true });
  return directory;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the promise to reject");
    },
    (error: unknown) => error,
  );
}

function startServerEntry(indexDirectory: string): ReturnType<typeof runTypeScript> {
  return runTypeScript("src/entry/node.ts", [], { INDEX_DIR: indexDirectory, CORPUS_DIR: workspace.corpusDirectory, PORT: "0", HOST: "127.0.0.1" });
}

describe("loading a built index", () => {
  it("loads with HNSW, matches its corpus, and answers with exact citations", async () => {
    const warnings: string[] = [];
    const { engine, corpusMatches } = await loadNodeEngine(options({ vectorIndex: "hnsw", warn: (message) => warnings.push(message) }));
    expect(warnings).toEqual([]);
    expect(corpusMatches).toBe(true);
    expect(engine.chunks).toHaveLength(workspace.manifest.chunkCount);
    expect(engine.manifest.indexHash).toBe(workspace.manifest.indexHash);
    expect(engine.retriever.description).toContain("hnsw");
    const response = await ask(engine, { question: "到2026年江津区地区生产总值的目标是多少?" });
    expect(response.answer).toContain("1800亿元");
    expect(response.engine.indexHash).toBe(workspace.manifest.indexHash);
    expectExactCitations(response);
  });

  it("auto serves exact search below AUTO_BRUTE_FORCE_BELOW_CHUNKS chunks (the committed-size index)", async () => {
    expect(workspace.manifest.chunkCount).toBeLessThan(AUTO_BRUTE_FORCE_BELOW_CHUNKS);
    expect((await loadNodeEngine(options({ vectorIndex: "auto" }))).engine.retriever.description).toContain("brute-force");
    expect((await loadNodeEngine(options({}))).engine.retriever.description).toContain("brute-force");
  });

  it("brute-force search over the same vectors gives the same top passage as HNSW", async () => {
    const hnsw = (await loadNodeEngine(options({ vectorIndex: "hnsw" }))).engine;
    const exact = (await loadNodeEngine(options({ vectorIndex: "brute-force" }))).engine;
    expect(hnsw.retriever.description).toContain("hnsw");
    expect(exact.retriever.description).toContain("brute-force");
    for (const question of ["到2026年江津区地区生产总值的目标是多少?", "森林覆盖率", "乡村振兴有哪些举措?", "全面从严治党", "城乡常住居民人均可支配收入"]) {
      const [hnswTop] = await search(hnsw, question, 5);
      const [exactTop] = await search(exact, question, 5);
      expect(exactTop?.chunkId, question).toBeDefined();
      expect(exactTop?.chunkId, question).toBe(hnswTop?.chunkId);
      expect((await ask(exact, { question })).answer, question).toBe((await ask(hnsw, { question })).answer);
    }
  });

  it("accepts EMBEDDER=hashing for an index the hashing embedder built", async () => {
    const { engine } = await loadNodeEngine(options({ embedder: "hashing" }));
    expect(engine.embedder.id).toBe(workspace.manifest.embedder.id);
  });
});

describe("refusing a damaged or foreign index", () => {
  it("rejects a truncated HNSW file with IndexCorruptError naming the file and npm run ingest", async () => {
    const indexDirectory = await copyIndex();
    const hnswFile = join(indexDirectory, workspace.manifest.files.hnsw?.path ?? "missing-hnsw");
    await truncate(hnswFile, Math.floor((await stat(hnswFile)).size / 2));
    const error = await rejection(loadNodeEngine(options({ indexDirectory })));
    expect(error).toBeInstanceOf(IndexCorruptError);
    expect((error as IndexCorruptError).code).toBe("index_corrupt");
    expect((error as Error).message).toContain(hnswFile);
    expect((error as Error).message).toContain("npm run ingest");
  });

  it("refuses a manifest copied out of the database (its vectors are in PostgreSQL), saying how to serve it", async () => {
    const indexDirectory = await copyIndex();
    const manifestFile = join(indexDirectory, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as Record<string, unknown>;
    await writeFile(manifestFile, JSON.stringify({ ...manifest, storage: { backend: "postgres", schema: "jiangjin_qa", version: workspace.manifest.indexHash } }));
    const error = await rejection(loadNodeEngine(options({ indexDirectory })));
    expect(error).toMatchObject({ code: "index_mismatch" });
    expect((error as Error).message).toMatch(/as stored in PostgreSQL \(schema jiangjin_qa\).*Serve it with DATABASE_URL/u);
    // Said to be files, it is what index/ always held.
    await writeFile(manifestFile, JSON.stringify({ ...manifest, storage: { backend: "files" } }));
    expect((await loadNodeEngine(options({ indexDirectory }))).storage).toBe("files");
  });

  it("rejects a chunks file with one flipped byte", async () => {
    const indexDirectory = await copyIndex();
    const chunksFile = join(indexDirectory, workspace.manifest.files.chunks.path);
    const bytes = await readFile(chunksFile);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    await writeFile(chunksFile, bytes);
    const error = await rejection(loadNodeEngine(options({ indexDirectory })));
    expect(error).toBeInstanceOf(IndexCorruptError);
    expect((error as Error).message).toContain(chunksFile);
    expect((error as Error).message).toContain("npm run ingest");
  });

  it("makes the server entry exit non-zero with the same message and no stack trace", async () => {
    const indexDirectory = await copyIndex();
    const hnswFile = join(indexDirectory, workspace.manifest.files.hnsw?.path ?? "missing-hnsw");
    await truncate(hnswFile, 100);
    const result = await startServerEntry(indexDirectory);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain(hnswFile);
    expect(result.stderr).toContain("npm run ingest");
    expect(result.stderr).not.toContain("listening");
    expect(stackFrames(result.stderr)).toEqual([]);
  });

  it("tells to run npm run ingest when there is no index, in-process and from the server entry", async () => {
    const indexDirectory = join(workspace.root, "never-built");
    const error = await rejection(loadNodeEngine(options({ indexDirectory })));
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("index_missing");
    expect((error as Error).message).toContain("npm run ingest");

    const result = await startServerEntry(indexDirectory);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain(indexDirectory);
    expect(result.stderr).toContain("npm run ingest");
    expect(stackFrames(result.stderr)).toEqual([]);
  });

  it("rejects an index built by another embedder than the one requested", async () => {
    const error = await rejection(loadNodeEngine(options({ embedder: "transformers:foo/bar" })));
    expect(error).toBeInstanceOf(EmbedderMismatchError);
    expect((error as Error).message).toContain(workspace.manifest.embedder.id);
    expect((error as Error).message).toContain("transformers:foo/bar");
    expect((error as Error).message).toContain("npm run ingest");
  });
});

describe("a corpus edited after ingest", () => {
  it("still loads, warns that corpus/ changed and reports the mismatch", async () => {
    const corpusDirectory = await copyCorpus(join(workspace.root, "edited-corpus"));
    await appendFile(join(corpusDirectory, "jiangjin-15th-congress-report.txt"), "\n新增的一段文字。\n", "utf8");
    const warnings: string[] = [];
    const { engine, corpusMatches } = await loadNodeEngine(options({ corpusDirectory, warn: (message) => warnings.push(message) }));
    expect(corpusMatches).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/corpus\/ has changed/u);
    expect(warnings[0]).toContain("npm run ingest");
    expect((await ask(engine, { question: "森林覆盖率是多少?" })).answer).toContain("52%");
  });
});

describe("the ingest lock", () => {
  it("refuses a concurrent ingest while the lock holds a live pid, leaving the index untouched", async () => {
    const indexDirectory = await copyIndex();
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const exited = waitForExit(holder);
    let before = new Map<string, Buffer>();
    try {
      await writeFile(join(indexDirectory, LOCK_FILE), String(holder.pid));
      before = await snapshotDirectory(indexDirectory);
      const error = await rejection(
        ingestCorpus({ corpusDirectory: workspace.corpusDirectory, indexDirectory, embedder: "hashing", environment: {} }),
      );
      expect(error).toBeInstanceOf(QaError);
      expect((error as Error).message).toContain(`Another ingest (process ${holder.pid})`);
      expect((error as Error).message).toContain(indexDirectory);
    } finally {
      holder.kill("SIGKILL");
      await exited;
    }
    // The other ingest's lock and every index file are exactly as they were.
    const after = await snapshotDirectory(indexDirectory);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.has(LOCK_FILE)).toBe(true);
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), `${name} changed`).toBe(true);
  });

  it("takes over a stale lock left by a process that no longer exists", async () => {
    const indexDirectory = await copyIndex();
    await writeFile(join(indexDirectory, LOCK_FILE), String(await exitedProcessId()));
    const manifest = await ingestCorpus({ corpusDirectory: workspace.corpusDirectory, indexDirectory, embedder: "hashing", environment: {} });
    expect(manifest.indexHash).toBe(workspace.manifest.indexHash);
    expect((await snapshotDirectory(indexDirectory)).has(LOCK_FILE)).toBe(false);
    const { engine } = await loadNodeEngine(options({ indexDirectory }));
    expect(engine.chunks).toHaveLength(manifest.chunkCount);
  });
});
