import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFileFeedbackStore } from "../../../src/adapters/node/file-feedback-store.js";
import type { FeedbackRecord } from "../../../src/core/schemas/feedback.js";
import { readFeedback } from "../../support/feedback.js";

const root = await mkdtemp(join(tmpdir(), "feedback-read-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const first: FeedbackRecord = { question: "一", answer: "甲", rating: "up", receivedAt: "2026-11-28T00:00:00.000Z" };
const second: FeedbackRecord = {
  question: "二",
  answer: "乙",
  rating: "down",
  comment: "引用不对",
  engine: { embedder: "hashing-ngram:v1:d512", retriever: "hybrid", answerer: "extractive", indexHash: "abc" },
  citations: [{ marker: 1, chunkId: "c1", quoteStart: 0, quoteEnd: 4 }],
  receivedAt: "2026-11-28T00:00:01.000Z",
};

describe("reading the file feedback store back", () => {
  it("returns what was appended, in order, with nothing skipped", async () => {
    const store = createFileFeedbackStore(join(root, "round-trip"));
    await store.append(first);
    await store.append(second);
    expect(await readFeedback(store)).toEqual({ records: [first, second], skipped: 0 });
  });

  it("returns no records when nothing was ever stored (no file, no folder)", async () => {
    expect(await readFeedback(createFileFeedbackStore(join(root, "never-written")))).toEqual({ records: [], skipped: 0 });
  });

  it("skips and counts malformed lines instead of failing, ignoring blank ones", async () => {
    const directory = join(root, "damaged");
    await mkdir(directory, { recursive: true });
    const lines = [
      JSON.stringify(first),
      "{not json",
      "",
      JSON.stringify({ question: "no rating", answer: "x", receivedAt: "2026-11-28T00:00:00.000Z" }),
      JSON.stringify({ ...first, receivedAt: "yesterday" }),
      "42",
      "   ",
      JSON.stringify(second),
      JSON.stringify(first).slice(0, 20), // a torn last write
    ];
    await writeFile(join(directory, "feedback.jsonl"), `${lines.join("\n")}`, "utf8");
    expect(await readFeedback(createFileFeedbackStore(directory))).toEqual({ records: [first, second], skipped: 5 });
  });
});
