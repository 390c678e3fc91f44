import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileFeedbackStore } from "../../src/adapters/node/file-feedback-store.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import type { FeedbackStore } from "../../src/core/ports/feedback-store.js";
import type { FeedbackRecord } from "../../src/core/schemas/feedback.js";
import { createApp } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";
import { numberedRecord, readFeedback } from "../support/feedback.js";

const ADMIN_KEY = "admin-0123456789abcdef-ZZ";
const root = await mkdtemp(join(tmpdir(), "feedback-export-"));
afterAll(() => rm(root, { recursive: true, force: true }));
let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

const exportOf = (store: FeedbackStore, query = "", headers: Record<string, string> = {}): Promise<Response> =>
  Promise.resolve(
    createApp(engine, { vectorIndex: "brute-force" }, { adminKey: ADMIN_KEY, feedbackStore: store }).request(`/api/admin/feedback${query}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}`, ...headers } }),
  );

describe("GET /api/admin/feedback over rotated files", () => {
  it("exports every kept file oldest first, counting damaged lines in any of them, with since applied across files", async () => {
    const directory = join(root, "rotated");
    const lineBytes = Buffer.byteLength(`${JSON.stringify(numberedRecord(10))}\n`);
    const store = createFileFeedbackStore(directory, { maxBytes: lineBytes * 2 + 10, keepFiles: 2 }); // "down" is 2 bytes longer than "up"
    for (let index = 10; index < 16; index += 1) await store.append(numberedRecord(index));
    // A torn line left in the oldest kept file by a crash long ago.
    await writeFile(join(directory, "feedback.jsonl.2"), `${JSON.stringify(numberedRecord(10))}\n{"question":"torn\n${JSON.stringify(numberedRecord(11))}\n`);

    const json = await exportOf(store);
    const body = (await json.json()) as { records: FeedbackRecord[]; skipped: number };
    expect(body.records.map((record) => record.question)).toEqual(["问题10", "问题11", "问题12", "问题13", "问题14", "问题15"]);
    expect(body.skipped).toBe(1);

    const since = numberedRecord(13).receivedAt;
    const jsonl = await exportOf(store, `?format=jsonl&since=${encodeURIComponent(since)}`);
    expect(jsonl.headers.get("X-Skipped-Lines")).toBe("1");
    expect((await jsonl.text()).trimEnd().split("\n").map((line) => (JSON.parse(line) as FeedbackRecord).question)).toEqual(["问题13", "问题14", "问题15"]);
  });

  it("streams the very bytes JSON.stringify({records, skipped}) gave before, so existing clients parse it unchanged", async () => {
    const directory = join(root, "bytes");
    const store = createFileFeedbackStore(directory);
    for (let index = 0; index < 5; index += 1) await store.append(numberedRecord(index, { comment: "引号\"与\\反斜杠\n换行" }));
    const expected = JSON.stringify(await readFeedback(store));
    expect(await (await exportOf(store)).text()).toBe(expected);
    expect(await (await exportOf(createFileFeedbackStore(join(root, "empty")))).text()).toBe('{"records":[],"skipped":0}');
  });
});

describe("the export streams", () => {
  /** A store with more lines than the client will read; counts how many it was asked for and whether it was closed. */
  function endlessStore(): { store: FeedbackStore; produced: () => number; closed: () => boolean } {
    let produced = 0;
    let closed = false;
    const store: FeedbackStore = {
      append: async () => undefined,
      read: async function* () {
        try {
          for (;;) {
            produced += 1;
            yield numberedRecord(produced);
          }
        } finally {
          closed = true;
        }
      },
    };
    return { store, produced: () => produced, closed: () => closed };
  }

  it("sends the first bytes after reading only a chunk's worth of records, and stops reading (closing the files) when the client hangs up", async () => {
    const { store, produced, closed } = endlessStore();
    const response = await exportOf(store);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).startsWith('{"records":[{')).toBe(true);
    // A whole-file read would never have answered at all: the store never ends.
    expect(produced()).toBeLessThan(5_000);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed()).toBe(true);
  });

  it("is sent uncompressed even to a gzip client, so it still streams (Node 20's CompressionStream has no backpressure)", async () => {
    const { store, produced } = endlessStore();
    const response = await exportOf(store, "", { "Accept-Encoding": "gzip" });
    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(response.headers.get("Cache-Control")).toBe("no-store, no-transform");
    const reader = response.body!.getReader();
    expect((await reader.read()).value?.length).toBeGreaterThan(0);
    expect(produced()).toBeLessThan(5_000);
    await reader.cancel();
  });
});

describe("a store that fails mid-export", () => {
  it("cuts the response off (never a short export that parses) and logs why", async () => {
    const lines: string[] = [];
    const store: FeedbackStore = {
      append: async () => undefined,
      read: async function* () {
        for (let index = 0; index < 2000; index += 1) yield numberedRecord(index);
        throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
      },
    };
    const app = createApp(engine, { vectorIndex: "brute-force" }, { adminKey: ADMIN_KEY, feedbackStore: store, logger: (line) => lines.push(line) });
    const response = await app.request("/api/admin/feedback", { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(/EIO/u);
    expect(lines.join("\n")).toMatch(/"event":"feedback_export_failed".*EIO/u);
  });
});
