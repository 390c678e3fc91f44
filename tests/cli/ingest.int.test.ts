import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexManifestSchema, type IndexManifest } from "../../src/core/index/manifest.js";
import { runTypeScript, stackFrames, type ProcessResult } from "../support/child-process.js";
import { corpusFile } from "../support/corpus.js";
import { copyCorpus, makeTempDirectory, removeTempDirectory, snapshotDirectory, REPORT_SOURCE } from "../support/index-workspace.js";

const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");

let root = "";
let corpusDirectory = "";
let indexDirectory = "";
let firstRun: ProcessResult;
let firstSnapshot: Map<string, Buffer>;
let secondRun: ProcessResult;
let secondSnapshot: Map<string, Buffer>;

function ingest(...args: string[]): Promise<ProcessResult> {
  return runTypeScript("src/cli/ingest.ts", ["--corpus", corpusDirectory, "--index", indexDirectory, ...args]);
}

async function manifest(): Promise<IndexManifest> {
  return indexManifestSchema.parse(JSON.parse(await readFile(join(indexDirectory, "manifest.json"), "utf8")));
}

beforeAll(async () => {
  root = await makeTempDirectory("ingest-cli");
  corpusDirectory = await copyCorpus(join(root, "corpus"));
  indexDirectory = join(root, "index");
  firstRun = await ingest();
  firstSnapshot = await snapshotDirectory(indexDirectory);
  secondRun = await ingest();
  secondSnapshot = await snapshotDirectory(indexDirectory);
});

afterAll(() => removeTempDirectory(root));

describe("npm run ingest", () => {
  it("builds an index from the corpus and says what it built", async () => {
    expect(firstRun.code, firstRun.stderr).toBe(0);
    const built = await manifest();
    expect(firstRun.stderr).toContain(`into ${built.chunkCount} chunks`);
    expect(firstRun.stderr).toContain(built.embedder.id);
    expect(stackFrames(firstRun.stderr)).toEqual([]);
  });

  it("is deterministic: a second run leaves byte-identical files", () => {
    expect(secondRun.code, secondRun.stderr).toBe(0);
    expect([...secondSnapshot.keys()]).toEqual([...firstSnapshot.keys()]);
    expect([...firstSnapshot.keys()]).toEqual(
      expect.arrayContaining(["manifest.json", expect.stringMatching(/^chunks-/u), expect.stringMatching(/^vectors-/u), expect.stringMatching(/^hnsw-/u)]),
    );
    for (const [name, bytes] of firstSnapshot) {
      expect(secondSnapshot.get(name)?.equals(bytes), `${name} differs between runs`).toBe(true);
    }
    // No temp files or lock are left behind.
    expect([...secondSnapshot.keys()].filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("records format, embedder, chunker, corpus checksums and every file's checksum and size in manifest.json", async () => {
    const built = await manifest();
    expect(built.formatVersion).toBe(2);
    expect(built.embedder.id).toMatch(/^hashing-ngram:/u);
    expect(built.embedder.dimensions).toBeGreaterThan(0);
    expect(built.chunker).toEqual({ version: "outline-v1", maxCharacters: 300, overlapSentences: 1 });

    expect(built.corpus.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(built.corpus.documents).toHaveLength(1);
    const [document] = built.corpus.documents;
    const reportBytes = await readFile(corpusFile);
    expect(document?.source).toBe(REPORT_SOURCE);
    expect(document?.sha256).toBe(sha256(reportBytes));
    expect(document?.characters).toBe(reportBytes.toString("utf8").length);

    const entries = Object.values(built.files);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const entry of entries) {
      const bytes = firstSnapshot.get(entry.path);
      expect(bytes, `${entry.path} is listed but missing`).toBeDefined();
      expect(entry.bytes).toBe(bytes?.byteLength);
      expect(entry.sha256).toBe(sha256(bytes ?? ""));
    }
    const vectors = firstSnapshot.get(built.files.vectors.path);
    expect(vectors?.byteLength).toBe(built.chunkCount * built.embedder.dimensions * 4);
  });

  it("honours --chunk-size and records it", async () => {
    const otherIndex = join(root, "index-200");
    const result = await runTypeScript("src/cli/ingest.ts", ["--corpus", corpusDirectory, "--index", otherIndex, "--chunk-size", "200", "--overlap", "0"]);
    expect(result.code, result.stderr).toBe(0);
    const built = indexManifestSchema.parse(JSON.parse(await readFile(join(otherIndex, "manifest.json"), "utf8")));
    expect(built.chunker).toEqual({ version: "outline-v1", maxCharacters: 200, overlapSentences: 0 });
    expect(built.chunkCount).toBeGreaterThan((await manifest()).chunkCount);
    expect(built.corpus.sha256).toBe((await manifest()).corpus.sha256);
  });

  it("refuses an unknown embedder with a clear message and leaves the existing index untouched", async () => {
    const result = await ingest("--embedder", "foo");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Unknown embedder "foo"');
    expect(result.stderr).toMatch(/hashing.*transformers:/u);
    expect(stackFrames(result.stderr)).toEqual([]);
    const after = await snapshotDirectory(indexDirectory);
    expect([...after.keys()]).toEqual([...secondSnapshot.keys()]);
    for (const [name, bytes] of secondSnapshot) expect(after.get(name)?.equals(bytes), `${name} changed`).toBe(true);
  });

  it("rejects --chunk-size 5 with the allowed range and leaves the index untouched", async () => {
    const result = await ingest("--chunk-size", "5");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--chunk-size.*20.*10000/u);
    expect(stackFrames(result.stderr)).toEqual([]);
    const after = await snapshotDirectory(indexDirectory);
    for (const [name, bytes] of secondSnapshot) expect(after.get(name)?.equals(bytes), `${name} changed`).toBe(true);
  });
});
