import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFileFeedbackStore } from "../../../src/adapters/node/file-feedback-store.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { createApp } from "../../../src/http/create-app.js";
import { reportEngine } from "../../support/engine.js";
import { readFeedback } from "../../support/feedback.js";
import { fullFilesystem, type FullFilesystem } from "../../support/full-filesystem.js";
import { expectClientError } from "../../support/http-assertions.js";

const ADMIN_KEY = "admin-0123456789abcdef-ZZ";
let engine: QaEngine;
let disk: FullFilesystem | undefined;
beforeAll(async () => {
  engine = await reportEngine();
});
afterEach(async () => {
  await disk?.dispose();
  disk = undefined;
});

// Long enough (≈ 8 KB) that it cannot fit in what is left of the file's last page.
const vote = (question: string): Record<string, unknown> => ({ question, answer: "答".repeat(2500), rating: "down" });
const post = (app: ReturnType<typeof createApp>, question: string): Promise<Response> =>
  Promise.resolve(app.request("/api/feedback", { method: "POST", body: JSON.stringify(vote(question)), headers: { "content-type": "application/json" } }));
const health = async (app: ReturnType<typeof createApp>): Promise<{ status: string; checks: Record<string, string> }> =>
  (await (await app.request("/api/health")).json()) as { status: string; checks: Record<string, string> };

async function diskFullScenario(kind: "tmpfs" | "injected"): Promise<void> {
  disk = await fullFilesystem(kind);
  if (disk.kind !== kind) console.warn("mounting a tmpfs is not permitted here: the kernel's ENOSPC is injected instead");
  const dataDirectory = join(disk.directory, "data");
  const store = createFileFeedbackStore(dataDirectory, disk.fileSystem ? { fileSystem: disk.fileSystem } : {});
  const lines: string[] = [];
  const app = createApp(engine, { vectorIndex: "brute-force" }, { feedbackStore: store, adminKey: ADMIN_KEY, logger: (line) => lines.push(line) });

  expect((await post(app, "空间充足时")).status).toBe(201);
  const before = await readFile(join(dataDirectory, "feedback.jsonl"));
  await disk.fill();

  const refused = await post(app, "磁盘已满时");
  expect(refused.headers.get("Retry-After")).toBe("60");
  await expectClientError(refused, 503, "storage_full", /disk is full/u);
  // Whole or absent: the partial write was rolled back, the file is exactly as before.
  expect((await readFile(join(dataDirectory, "feedback.jsonl"))).equals(before)).toBe(true);
  expect(await health(app)).toMatchObject({ status: "degraded", checks: { dataDir: "full" } });
  // The operator learns why; the client did not.
  expect(lines.join("\n")).toMatch(/"event":"feedback_not_stored".*"code":"storage_full".*ENOSPC/u);

  await disk.free();
  expect((await post(app, "空间恢复后")).status).toBe(201);
  expect(await health(app)).toMatchObject({ status: "ok", checks: { dataDir: "ok" } });
  const exported = (await (await app.request("/api/admin/feedback", { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })).json()) as { records: Array<{ question: string }>; skipped: number };
  expect(exported.skipped).toBe(0);
  expect(exported.records.map((record) => record.question)).toEqual(["空间充足时", "空间恢复后"]);
}

describe("feedback on a full disk", () => {
  it("answers 503 storage_full, keeps the file line-aligned, and stores the next record once space returns (real 64 KiB tmpfs where it can be mounted)", async () => {
    await diskFullScenario("tmpfs");
  });

  it("does the same when the disk fills mid-record: a short write, then the kernel's ENOSPC (taken from /dev/full)", async () => {
    await diskFullScenario("injected");
  });

  it("answers 503 storage_unavailable (not 500) for other write failures", async () => {
    disk = await fullFilesystem("injected");
    const failing = { ...disk.fileSystem!, open: async () => Promise.reject(Object.assign(new Error("EIO: i/o error, open"), { code: "EIO" })) };
    const app = createApp(engine, { vectorIndex: "brute-force" }, { feedbackStore: createFileFeedbackStore(join(disk.directory, "data"), { fileSystem: failing }), logger: () => undefined });
    const response = await post(app, "读写出错");
    expect(response.headers.get("Retry-After")).toBe("10");
    await expectClientError(response, 503, "storage_unavailable", /could not be stored/u);
  });
});

describe("a torn tail left by a crash", () => {
  it("starts the next record on a new line, so it is exported and the fragment is counted as skipped", async () => {
    disk = await fullFilesystem("injected");
    const directory = join(disk.directory, "torn");
    await mkdir(directory, { recursive: true });
    const whole = JSON.stringify({ question: "完整", answer: "甲", rating: "up", receivedAt: "2026-01-01T00:00:00.000Z" });
    await writeFile(join(directory, "feedback.jsonl"), `${whole}\n${whole.slice(0, 30)}`);
    const store = createFileFeedbackStore(directory);
    await store.append({ question: "崩溃之后", answer: "乙", rating: "down", receivedAt: "2026-01-02T00:00:00.000Z" });
    const { records, skipped } = await readFeedback(store);
    expect(records.map((record) => record.question)).toEqual(["完整", "崩溃之后"]);
    expect(skipped).toBe(1);
  });

  it("keeps a whole record that was saved without its final newline", async () => {
    disk = await fullFilesystem("injected");
    const directory = join(disk.directory, "no-newline");
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, "feedback.jsonl"), JSON.stringify({ question: "手工保存", answer: "甲", rating: "up", receivedAt: "2026-01-01T00:00:00.000Z" }));
    const store = createFileFeedbackStore(directory);
    await store.append({ question: "之后", answer: "乙", rating: "up", receivedAt: "2026-01-02T00:00:00.000Z" });
    expect(await readFeedback(store)).toMatchObject({ records: [{ question: "手工保存" }, { question: "之后" }], skipped: 0 });
  });
});
