import { mkdir, mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnvironment, waitForExit } from "../support/child-process.js";
import { projectRoot } from "../support/corpus.js";
import { numberedRecord } from "../support/feedback.js";

const FILE_BYTES = 80 * 1024 * 1024;
// Measured: ≈ 27 MB of growth (V8's young generation filling with per-chunk garbage) for 80 MB
// and for 168 MB alike — it does not scale with the file. Before, 80 MB took ≈ 600 MB.
const GROWTH_BUDGET = 48 * 1024 * 1024;
const root = await mkdtemp(join(tmpdir(), "feedback-export-memory-"));
const dataDirectory = join(root, "data");
let records = 0;

beforeAll(async () => {
  // 80 MB of realistic records (≈ 1 KB each: a Chinese answer, an engine receipt, a citation),
  // written a megabyte at a time.
  await mkdir(dataDirectory, { recursive: true });
  const file = await open(join(dataDirectory, "feedback.jsonl"), "w");
  let written = 0;
  while (written < FILE_BYTES) {
    const lines: string[] = [];
    for (let bytes = 0; bytes < 1024 * 1024; records += 1) {
      const line = `${JSON.stringify(
        numberedRecord(records, {
          answer: `到2026年,地区生产总值达1800亿元左右[1]。${"江津".repeat(120)}`,
          engine: { embedder: "hashing-ngram:v1:d512", retriever: "hybrid(bm25+brute-force, weighted 0.5)", answerer: "extractive", indexHash: "a".repeat(64) },
          citations: [{ marker: 1, chunkId: "jiangjin-15th-congress-report:c32a26c5:12", quoteStart: 2727, quoteEnd: 2749 }],
        }),
      )}\n`;
      lines.push(line);
      bytes += Buffer.byteLength(line);
    }
    const chunk = Buffer.from(lines.join(""));
    await file.write(chunk);
    written += chunk.length;
  }
  await file.close();
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

async function exportInChild(format: "json" | "jsonl"): Promise<{ status: number; skipped: string | null; bytes: number; tail: string; growth: number }> {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "tests/fixtures/feedback-export-memory.ts", dataDirectory, format], {
    cwd: projectRoot,
    env: childEnvironment(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const result = await waitForExit(child, 120_000);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { status: number; skipped: string | null; bytes: number; tail: string; growth: number };
}

describe("GET /api/admin/feedback on an 80 MB file", () => {
  // Reading the whole file first took ≈ 7× its size (1 GB RSS for 143 MB) and overflowed V8's
  // string limit past ≈ 550 MB. Streaming must stay far below the file's own size.
  it("streams JSON: the whole export arrives while the resident set grows by well under the file size", async () => {
    const fileBytes = (await stat(join(dataDirectory, "feedback.jsonl"))).size;
    const result = await exportInChild("json");
    expect(result.status).toBe(200);
    expect(result.tail.endsWith(`],"skipped":0}`)).toBe(true);
    expect(result.bytes).toBeGreaterThan(fileBytes); // the records, as JSON, plus the wrapper
    expect(result.growth).toBeLessThan(GROWTH_BUDGET);
  }, 120_000);

  it("streams JSON Lines (counting skipped lines in a first pass) within the same bound", async () => {
    const fileBytes = (await stat(join(dataDirectory, "feedback.jsonl"))).size;
    const result = await exportInChild("jsonl");
    expect(result.status).toBe(200);
    expect(result.skipped).toBe("0");
    expect(result.bytes).toBe(fileBytes); // every line, byte for byte
    expect(result.growth).toBeLessThan(GROWTH_BUDGET);
  }, 120_000);
});
