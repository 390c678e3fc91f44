import { spawn } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../../../src/adapters/node/file-index-store.js";
import { loadNodeEngine } from "../../../src/adapters/node/load-engine.js";
import type { IndexManifest } from "../../../src/core/index/manifest.js";
import { createApp } from "../../../src/http/create-app.js";
import { childEnvironment, freePort, waitForExit, waitForHealth } from "../../support/child-process.js";
import { projectRoot } from "../../support/corpus.js";
import { reportEngine } from "../../support/engine.js";
import { makeTempDirectory, removeTempDirectory } from "../../support/index-workspace.js";

// VECTOR_INDEX=auto serves the committed index (57 chunks) with exact search, so its HNSW graph
// is never read: its checksum is verified after loading, and a mismatch shows in /api/health.
let root: string;
let copies = 0;
let manifest: IndexManifest;

beforeAll(async () => {
  root = await makeTempDirectory("unused-index-files");
  manifest = (await readManifest(join(projectRoot, "index"))).manifest;
});

afterAll(() => removeTempDirectory(root));

/** A copy of the committed index/, its HNSW graph with one byte flipped when asked. */
async function committedIndexCopy(flipHnswByte: boolean): Promise<{ indexDirectory: string; hnswFile: string }> {
  const indexDirectory = join(root, `index-${++copies}`);
  await cp(join(projectRoot, "index"), indexDirectory, { recursive: true });
  const hnswFile = join(indexDirectory, manifest.files.hnsw!.path);
  if (flipHnswByte) {
    const bytes = await readFile(hnswFile);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    await writeFile(hnswFile, bytes);
  }
  return { indexDirectory, hnswFile };
}

/** /api/health of an app told what the check found, as src/entry/node.ts tells it. */
async function healthOf(indexFiles: "ok" | "corrupt" | undefined): Promise<{ status: string; checks: Record<string, string> }> {
  const response = await createApp(await reportEngine(), { vectorIndex: "brute-force", indexFiles }).request("/api/health");
  return (await response.json()) as { status: string; checks: Record<string, string> };
}

describe("index files the served search does not read (VECTOR_INDEX=auto, exact search)", () => {
  it("finds a flipped byte in the HNSW graph after loading: a warning naming the file, health degraded", async () => {
    const { indexDirectory, hnswFile } = await committedIndexCopy(true);
    const warnings: string[] = [];
    const loaded = await loadNodeEngine({ indexDirectory, environment: {}, vectorIndex: "auto", checkUnusedFiles: true, warn: (message) => warnings.push(message) });
    expect(loaded.engine.retriever.description).not.toContain("hnsw");
    await loaded.unusedFiles!.done;
    expect(loaded.unusedFiles!.status()).toBe("corrupt");
    expect(warnings.join("\n")).toContain(hnswFile);
    expect(warnings.join("\n")).toContain("npm run ingest");

    const health = await healthOf(loaded.unusedFiles!.status());
    expect(health.status).toBe("degraded");
    expect(health.checks.indexFiles).toBe("corrupt");
  });

  it("reports ok for an intact copy, and health stays ok", async () => {
    const { indexDirectory } = await committedIndexCopy(false);
    const warnings: string[] = [];
    const loaded = await loadNodeEngine({ indexDirectory, environment: {}, vectorIndex: "auto", checkUnusedFiles: true, warn: (message) => warnings.push(message) });
    await loaded.unusedFiles!.done;
    expect(loaded.unusedFiles!.status()).toBe("ok");
    expect(warnings).toEqual([]);
    const health = await healthOf("ok");
    expect(health.status).toBe("ok");
    expect(health.checks.indexFiles).toBe("ok");
  });

  it("makes the server (src/entry/node.ts) warn and report degraded health, while it answers", async () => {
    const { indexDirectory, hnswFile } = await committedIndexCopy(true);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
      cwd: projectRoot,
      env: childEnvironment({ PORT: String(port), HOST: "127.0.0.1", INDEX_DIR: indexDirectory, CORPUS_DIR: join(projectRoot, "corpus"), DATA_DIR: join(root, "data") }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = waitForExit(server, 60_000);
    try {
      await waitForHealth(baseUrl, server, exited, 50_000);
      let health: { status: string; checks: Record<string, string> } | undefined;
      // The check runs once serving; poll until health carries its outcome.
      for (let attempt = 0; attempt < 100 && health?.checks.indexFiles === undefined; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        health = (await (await fetch(`${baseUrl}/api/health`)).json()) as typeof health;
      }
      expect(health).toMatchObject({ status: "degraded", checks: { indexFiles: "corrupt" } });
      expect((await fetch(`${baseUrl}/api/search?q=${encodeURIComponent("森林覆盖率")}`)).status).toBe(200);
    } finally {
      server.kill("SIGTERM");
    }
    const { stderr } = await exited;
    expect(stderr).toContain(`warning: Index file ${hnswFile} does not match its checksum`);
  }, 70_000);
});
