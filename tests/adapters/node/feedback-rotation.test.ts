import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFileFeedbackStore } from "../../../src/adapters/node/file-feedback-store.js";
import { numberedRecord, readFeedback } from "../../support/feedback.js";

const root = await mkdtemp(join(tmpdir(), "feedback-rotation-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const lineBytes = Buffer.byteLength(`${JSON.stringify(numberedRecord(10))}\n`);

describe("feedback rotation", () => {
  it("rotates at the size cap, never splits a record, keeps at most N rotated files, and reads them oldest first", async () => {
    const directory = join(root, "capped");
    // Room for three records per file; 40 records need 14 files, of which 1 + 3 are kept.
    const store = createFileFeedbackStore(directory, { maxBytes: lineBytes * 3 + 10, keepFiles: 3 });
    for (let index = 10; index < 50; index += 1) await store.append(numberedRecord(index));

    expect((await readdir(directory)).sort()).toEqual(["feedback.jsonl", "feedback.jsonl.1", "feedback.jsonl.2", "feedback.jsonl.3"]);
    for (const name of await readdir(directory)) {
      const size = (await stat(join(directory, name))).size;
      expect(size).toBeLessThanOrEqual(lineBytes * 3 + 10);
      const text = await readFile(join(directory, name), "utf8");
      expect(text.endsWith("\n")).toBe(true);
      for (const line of text.trimEnd().split("\n")) expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
    // 40 = 13 full files + 1 record: the newest file holds the last record, the three before it 3 each.
    const { records, skipped } = await readFeedback(store);
    expect(skipped).toBe(0);
    expect(records.map((record) => record.question)).toEqual(Array.from({ length: 10 }, (_, offset) => `问题${40 + offset}`));
  });

  it("with FEEDBACK_KEEP_FILES=0 drops a full file instead of keeping it", async () => {
    const directory = join(root, "keep-none");
    const store = createFileFeedbackStore(directory, { maxBytes: lineBytes * 2 + 10, keepFiles: 0 });
    for (let index = 10; index < 15; index += 1) await store.append(numberedRecord(index));
    expect(await readdir(directory)).toEqual(["feedback.jsonl"]);
    expect((await readFeedback(store)).records.map((record) => record.question)).toEqual(["问题14"]);
  });

  it("writes a record larger than the cap alone in a fresh file rather than refusing it", async () => {
    const directory = join(root, "big-record");
    const store = createFileFeedbackStore(directory, { maxBytes: 100, keepFiles: 2 });
    await store.append(numberedRecord(10));
    await store.append(numberedRecord(11, { comment: "长".repeat(500) }));
    expect((await readFeedback(store)).records.map((record) => record.question)).toEqual(["问题10", "问题11"]);
  });

  it("reads files left by a crash mid-rotation (a gap in the numbers) without error", async () => {
    const directory = join(root, "gap");
    const store = createFileFeedbackStore(directory, { maxBytes: 1 << 20, keepFiles: 3 });
    await store.append(numberedRecord(13));
    await writeFile(join(directory, "feedback.jsonl.3"), `${JSON.stringify(numberedRecord(11))}\n`);
    // feedback.jsonl.2 missing: renamed to .3 before the crash, .1 not yet moved.
    await writeFile(join(directory, "feedback.jsonl.1"), `${JSON.stringify(numberedRecord(12))}\n`);
    expect((await readFeedback(store)).records.map((record) => record.question)).toEqual(["问题11", "问题12", "问题13"]);
  });
});
