import { spawn, type ChildProcess } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTO_BRUTE_FORCE_BELOW_CHUNKS, loadNodeEngine } from "../../../src/adapters/node/load-engine.js";
import type { IndexManifest } from "../../../src/core/index/manifest.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import type { AskResponse } from "../../../src/core/schemas/ask-response.js";
import { childEnvironment, freePort, runTypeScript, waitForExit, waitForHealth, type ProcessResult } from "../../support/child-process.js";
import { projectRoot, reportText } from "../../support/corpus.js";
import { buildIndexWorkspace, expectExactCitations, removeTempDirectory, type IndexWorkspace } from "../../support/index-workspace.js";

/**
 * kill -9 during `npm run ingest` must leave the previous index whole: the CLI runs as a
 * real child process (node --import tsx src/cli/ingest.ts, as `npm run ingest` starts it)
 * and is SIGKILLed at several points, each detected from the index folder or from the child
 * itself, never by sleeping. After each kill the old index must load and answer exactly as
 * before, and a normal ingest must take over the dead process's lock and publish the new one.
 */

const QUESTION = "到2026年江津区地区生产总值的目标是多少?";
const MARKER_QUESTION = "江津区鲟鱼湾数字渔港共建成多少个智能泊位?";
const MARKER_PARAGRAPH = "\n\n补充材料\n\n江津区鲟鱼湾数字渔港共建成7319个智能泊位,由区级专班统一调度。\n";
const GROWTH_FILE = "zz-growth-supplement.txt";
const GROWTH_COPIES = 2;
const LOCK_FILE = ".ingest.lock";
const CHILD_TIMEOUT_MS = 30_000;

/**
 * Preloaded into the child with --import: makes fs/promises.rename stop the process
 * (SIGSTOP) just before renaming a temp file onto a name matching INGEST_CRASH_PAUSE_BEFORE,
 * after announcing it on stderr. The temp file is then complete and the rename not yet done:
 * an exact crash point the parent turns into a SIGKILL. Nothing else in the child changes.
 */
const PAUSE_HOOK = `
import fs from "node:fs/promises";
import { writeSync } from "node:fs";
import { basename } from "node:path";
import { syncBuiltinESMExports } from "node:module";
const pattern = new RegExp(process.env.INGEST_CRASH_PAUSE_BEFORE);
const rename = fs.rename;
fs.rename = async (from, to) => {
  if (pattern.test(basename(String(to)))) {
    writeSync(2, "paused before rename: " + basename(String(from)) + " -> " + basename(String(to)) + "\\n");
    process.kill(process.pid, "SIGSTOP");
  }
  return rename(from, to);
};
syncBuiltinESMExports();
`;

interface Recorded {
  readonly manifestBytes: Buffer;
  readonly manifest: IndexManifest;
  readonly answer: string;
  readonly citations: AskResponse["citations"];
}

let workspace: IndexWorkspace;
let pristineIndex: string;
let before: Recorded;
let rounds = 0;
/** Manifest of the first successful post-kill ingest: every later one must be byte-identical. */
let recoveredManifest: Buffer | undefined;

beforeAll(async () => {
  workspace = await buildIndexWorkspace("ingest-crash");
  pristineIndex = join(workspace.root, "index-pristine");
  await cp(workspace.indexDirectory, pristineIndex, { recursive: true });
  const { engine } = await loadNodeEngine({ indexDirectory: pristineIndex, environment: {} });
  const response = await ask(engine, { question: QUESTION });
  expect(response.answer).toContain("1800亿元");
  expect(response.citations.length).toBeGreaterThan(0);
  expectExactCitations(response);
  before = {
    manifestBytes: await readFile(join(pristineIndex, "manifest.json")),
    manifest: workspace.manifest,
    answer: response.answer,
    citations: response.citations,
  };
  // Change the corpus after the first build: a second document of the report's paragraphs
  // with every digit shifted (so the new build writes different, larger files and takes long
  // enough to be caught mid-way), ending with one paragraph found nowhere else.
  let growth = "";
  for (let copy = 1; copy <= GROWTH_COPIES; copy++) growth += reportText.replace(/\d/gu, (digit) => String((Number(digit) + copy) % 10));
  await writeFile(join(workspace.corpusDirectory, GROWTH_FILE), growth + MARKER_PARAGRAPH, "utf8");
});

afterAll(() => removeTempDirectory(workspace?.root));

interface KilledIngest {
  readonly indexDirectory: string;
  readonly pid: number;
  readonly result: ProcessResult;
  /** What the kill point saw, for messages. */
  readonly trigger: string;
}

/** A fresh copy of the first index, for one kill. */
async function freshIndexCopy(): Promise<string> {
  const directory = join(workspace.root, `index-kill-${++rounds}`);
  await cp(pristineIndex, directory, { recursive: true });
  return directory;
}

function startIngest(indexDirectory: string, pauseBefore?: RegExp): ChildProcess {
  const loader = pauseBefore ? ["--import", `data:text/javascript,${encodeURIComponent(PAUSE_HOOK)}`] : [];
  return spawn(
    process.execPath,
    ["--import", "tsx", ...loader, "src/cli/ingest.ts", "--embedder", "hashing", "--corpus", workspace.corpusDirectory, "--index", indexDirectory],
    {
      cwd: projectRoot,
      env: childEnvironment(pauseBefore ? { INGEST_CRASH_PAUSE_BEFORE: pauseBefore.source } : {}),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

/**
 * Starts the ingest CLI on a fresh copy of the first index and SIGKILLs it as soon as
 * `killWhen` sees the chosen point in the index folder (inotify via fs.watch).
 */
async function killIngestWhenFolderShows(killWhen: (name: string, pid: number) => boolean, description: string): Promise<KilledIngest> {
  const indexDirectory = await freshIndexCopy();
  let trigger = "";
  let child: ChildProcess | undefined;
  const watcher: FSWatcher = watch(indexDirectory, (_event, name) => {
    if (!child?.pid || trigger || typeof name !== "string" || !killWhen(name, child.pid)) return;
    trigger = name;
    child.kill("SIGKILL");
  });
  try {
    child = startIngest(indexDirectory);
    const pid = child.pid;
    if (pid === undefined) throw new Error("the ingest child did not start");
    const result = await waitForExit(child, CHILD_TIMEOUT_MS);
    expect(trigger, `${description}: the kill point was never seen (stderr: ${result.stderr})`).not.toBe("");
    return { indexDirectory, pid, result, trigger };
  } finally {
    watcher.close();
  }
}

/** Starts the ingest CLI with the pause hook and SIGKILLs it once it has stopped itself before the matching rename. */
async function killIngestBeforeRename(target: RegExp): Promise<KilledIngest> {
  const indexDirectory = await freshIndexCopy();
  const child = startIngest(indexDirectory, target);
  const pid = child.pid;
  if (pid === undefined) throw new Error("the ingest child did not start");
  let trigger = "";
  let seen = "";
  child.stderr?.on("data", (data: Buffer | string) => {
    seen += String(data);
    const line = /paused before rename: .*/u.exec(seen)?.[0];
    if (line && !trigger) {
      trigger = line;
      child.kill("SIGKILL");
    }
  });
  const result = await waitForExit(child, CHILD_TIMEOUT_MS);
  expect(trigger, `never paused before a rename to ${target} (stderr: ${result.stderr})`).not.toBe("");
  return { indexDirectory, pid, result, trigger };
}

/** The previous index is untouched and still serves the same answer with the same citations. */
async function expectPreviousIndexIntact(killed: KilledIngest): Promise<string[]> {
  const { indexDirectory, pid, result } = killed;
  expect(result.signal, `the child was not killed (code ${result.code}, stderr: ${result.stderr})`).toBe("SIGKILL");
  expect(result.stderr).not.toContain("Indexed ");
  expect((await readFile(join(indexDirectory, "manifest.json"))).equals(before.manifestBytes), "manifest.json changed").toBe(true);

  const names = (await readdir(indexDirectory)).sort();
  for (const entry of Object.values(before.manifest.files)) expect(names).toContain(entry.path);
  // A lock left behind names the dead ingest, never anything else.
  if (names.includes(LOCK_FILE)) expect((await readFile(join(indexDirectory, LOCK_FILE), "utf8")).trim()).toBe(String(pid));

  const warnings: string[] = [];
  const { engine, corpusMatches } = await loadNodeEngine({
    indexDirectory,
    corpusDirectory: workspace.corpusDirectory,
    environment: {},
    warn: (message) => warnings.push(message),
  });
  // The corpus did change, so the old index is served and flagged as stale.
  expect(corpusMatches).toBe(false);
  expect(warnings).toEqual([expect.stringMatching(/corpus\/ has changed/u)]);
  expect(engine.manifest.indexHash).toBe(before.manifest.indexHash);
  expect(engine.chunks).toHaveLength(before.manifest.chunkCount);
  // VECTOR_INDEX auto: exact search below AUTO_BRUTE_FORCE_BELOW_CHUNKS chunks (load-engine.ts), HNSW above.
  expect(engine.retriever.description).toContain(before.manifest.chunkCount < AUTO_BRUTE_FORCE_BELOW_CHUNKS ? "brute-force" : "hnsw");
  const response = await ask(engine, { question: QUESTION });
  expect(response.answer).toBe(before.answer);
  expect(response.citations).toEqual(before.citations);
  expectExactCitations(response);
  return names;
}

/** A normal `npm run ingest` after the kill takes over any stale lock and publishes the changed corpus. */
async function expectIngestRecovers(killed: KilledIngest): Promise<void> {
  const { indexDirectory, pid } = killed;
  const result = await runTypeScript(
    "src/cli/ingest.ts",
    ["--embedder", "hashing", "--corpus", workspace.corpusDirectory, "--index", indexDirectory],
    {},
    CHILD_TIMEOUT_MS,
  );
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain("Indexed 2 document(s)");

  const manifestBytes = await readFile(join(indexDirectory, "manifest.json"));
  const manifest = JSON.parse(manifestBytes.toString("utf8")) as IndexManifest;
  expect(manifest.indexHash).not.toBe(before.manifest.indexHash);
  expect(manifest.corpus.documents.map((document) => document.source)).toEqual([
    "corpus/jiangjin-15th-congress-report.txt",
    `corpus/${GROWTH_FILE}`,
  ]);
  expect(manifest.chunkCount).toBeGreaterThan(before.manifest.chunkCount * GROWTH_COPIES);
  // Deterministic: whatever the killed run left behind, the rebuild is the same bytes.
  recoveredManifest ??= manifestBytes;
  expect(manifestBytes.equals(recoveredManifest), "the post-kill manifest differs between kill points").toBe(true);

  // The lock is released; the previous build's files, the killed run's unpublished and temp
  // files and its lock claim file are all gone: nothing a kill leaves behind stays for good.
  const referenced = new Set(Object.values(manifest.files).map((entry) => entry.path));
  const names = await readdir(indexDirectory);
  expect(names).not.toContain(LOCK_FILE);
  for (const name of referenced) expect(names).toContain(name);
  const unexpected = names.filter((name) => name !== "manifest.json" && !referenced.has(name));
  expect(unexpected, `files left by the run killed (pid ${pid}) that the next ingest did not clean up`).toEqual([]);

  const { engine, corpusMatches } = await loadNodeEngine({ indexDirectory, corpusDirectory: workspace.corpusDirectory, environment: {} });
  expect(corpusMatches).toBe(true);
  expect(engine.manifest.indexHash).toBe(manifest.indexHash);
  expect(engine.chunks).toHaveLength(manifest.chunkCount);
  const response = await ask(engine, { question: MARKER_QUESTION });
  expect(response.answer).toContain("7319");
  expect(response.citations.map((citation) => citation.source)).toContain(`corpus/${GROWTH_FILE}`);
}

/** The server entry starts on the index a kill left behind and serves the previous build. */
async function expectServerStarts(indexDirectory: string): Promise<void> {
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
    cwd: projectRoot,
    env: childEnvironment({
      INDEX_DIR: indexDirectory,
      CORPUS_DIR: workspace.corpusDirectory,
      DATA_DIR: join(workspace.root, "data"),
      PORT: String(port),
      HOST: "127.0.0.1",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = waitForExit(server, CHILD_TIMEOUT_MS);
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, server, exited);
    // The server checks the corpus once it serves; health says so as soon as the check ends.
    const health = async (): Promise<Record<string, unknown>> => (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as Record<string, unknown>;
    await expect.poll(async () => (await health()).corpusMatchesIndex, { timeout: 10_000 }).toBe(false);
    expect(await health()).toMatchObject({ status: "stale", indexHash: before.manifest.indexHash, chunks: before.manifest.chunkCount, corpusMatchesIndex: false });
  } finally {
    server.kill("SIGTERM");
    await exited;
  }
}

describe("kill -9 during npm run ingest", () => {
  it("(a) just after start: the previous index loads unchanged and the next ingest succeeds", async () => {
    const indexDirectory = await freshIndexCopy();
    const child = startIngest(indexDirectory);
    const exited = waitForExit(child, CHILD_TIMEOUT_MS);
    await new Promise<void>((resolve, reject) => child.once("spawn", resolve).once("error", reject));
    child.kill("SIGKILL");
    const killed = { indexDirectory, pid: child.pid ?? -1, result: await exited, trigger: "spawn" };
    await expectPreviousIndexIntact(killed);
    await expectIngestRecovers(killed);
  }, 60_000);

  it("(b) the moment it takes the lock, before chunking and embedding: the stale lock is taken over", async () => {
    const killed = await killIngestWhenFolderShows((name) => name === LOCK_FILE, "lock acquired");
    const names = await expectPreviousIndexIntact(killed);
    expect(names, "the dead ingest's lock should be left behind").toContain(LOCK_FILE);
    await expectIngestRecovers(killed);
  }, 60_000);

  it("(c) as the first index file is being written (its temp file appears)", async () => {
    const killed = await killIngestWhenFolderShows((name, pid) => name.startsWith(`.tmp-${pid}-`), "first temp file");
    const names = await expectPreviousIndexIntact(killed);
    expect(names).toContain(LOCK_FILE);
    await expectIngestRecovers(killed);
  }, 60_000);

  it("(d) with the chunks temp file complete but not yet renamed into place", async () => {
    const killed = await killIngestBeforeRename(/^chunks-/u);
    const names = await expectPreviousIndexIntact(killed);
    expect(names.filter((name) => name.startsWith(`.tmp-${killed.pid}-`)), killed.trigger).toHaveLength(1);
    await expectIngestRecovers(killed);
  }, 60_000);

  it("(e) after the new chunks, vectors and embedder files are written, while the HNSW graph is built", async () => {
    const oldFiles = new Set(Object.values(before.manifest.files).map((entry) => entry.path));
    const killed = await killIngestWhenFolderShows((name) => name.startsWith("embedder-") && !oldFiles.has(name), "new embedder file");
    const names = await expectPreviousIndexIntact(killed);
    for (const prefix of ["chunks-", "vectors-", "embedder-"]) {
      expect(names.filter((name) => name.startsWith(prefix) && !oldFiles.has(name)), `new ${prefix} file`).toHaveLength(1);
    }
    await expectIngestRecovers(killed);
  }, 60_000);

  it("(f) with every new file and the manifest temp written, just before the manifest swap", async () => {
    const killed = await killIngestBeforeRename(/^manifest\.json$/u);
    const names = await expectPreviousIndexIntact(killed);
    const oldFiles = new Set(Object.values(before.manifest.files).map((entry) => entry.path));
    for (const prefix of ["chunks-", "vectors-", "embedder-", "hnsw-"]) {
      expect(names.filter((name) => name.startsWith(prefix) && !oldFiles.has(name)), `new ${prefix} file`).toHaveLength(1);
    }
    expect(names).toContain(LOCK_FILE);
    await expectServerStarts(killed.indexDirectory);
    await expectIngestRecovers(killed);
  }, 60_000);
});
