import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { createFileFeedbackStore } from "../../../src/adapters/node/file-feedback-store.js";
import { testFeedbackStore } from "../../contracts/feedback-store-contract.js";

const root = await mkdtemp(join(tmpdir(), "feedback-contract-"));
afterAll(() => rm(root, { recursive: true, force: true }));
let stores = 0;

// A fresh data directory per store; a 4 KiB rotation cap, so the longer reads cross rotated files.
testFeedbackStore("the file feedback store", async () => {
  const directory = join(root, `store-${++stores}`);
  return {
    store: createFileFeedbackStore(directory, { maxBytes: 4096, keepFiles: 5 }),
    // A line that is not JSON, as a hand edit or a torn write leaves one.
    spoil: () => appendFile(join(directory, "feedback.jsonl"), "{not json\n", "utf8"),
  };
});
