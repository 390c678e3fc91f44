import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFileFeedbackStore } from "../../../src/adapters/node/file-feedback-store.js";

const root = await mkdtemp(join(tmpdir(), "feedback-"));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the file feedback store", () => {
  it("creates the data directory and appends one JSON line per record, keeping earlier ones", async () => {
    const directory = join(root, "nested", "data");
    const store = createFileFeedbackStore(directory);
    await store.append({ question: "一", answer: "甲", rating: "up", receivedAt: "2026-11-28T00:00:00.000Z" });
    await Promise.all([
      store.append({ question: "二", answer: "乙", rating: "down", receivedAt: "2026-11-28T00:00:01.000Z" }),
      store.append({ question: "三", answer: "丙", rating: "up", receivedAt: "2026-11-28T00:00:02.000Z" }),
    ]);
    const lines = (await readFile(join(directory, "feedback.jsonl"), "utf8")).trimEnd().split("\n").map((line) => JSON.parse(line) as { question: string });
    expect(lines.map((line) => line.question).sort()).toEqual(["一", "三", "二"].sort());
    expect(lines[0]?.question).toBe("一");
  });
});
