import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileFeedbackStore } from "../../../src/adapters/node/file-feedback-store.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { createApp } from "../../../src/http/create-app.js";
import { reportEngine } from "../../support/engine.js";
import { numberedRecord } from "../../support/feedback.js";
import { expectClientError } from "../../support/http-assertions.js";

const root = await mkdtemp(join(tmpdir(), "feedback-data-dir-"));
afterAll(() => rm(root, { recursive: true, force: true }));
let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

const post = (app: ReturnType<typeof createApp>): Promise<Response> =>
  Promise.resolve(app.request("/api/feedback", { method: "POST", body: JSON.stringify({ question: "问", answer: "答", rating: "up" }), headers: { "content-type": "application/json" } }));
const health = async (app: ReturnType<typeof createApp>): Promise<{ status: string; checks: Record<string, string> }> =>
  (await (await app.request("/api/health")).json()) as { status: string; checks: Record<string, string> };

describe("DATA_DIR that cannot be created", () => {
  it("answers 503 storage_unavailable while it cannot, and stores the next post once it can (the failure is not cached)", async () => {
    // A regular file where a folder should be: mkdir fails even for root (ENOTDIR).
    const blocker = join(root, "blocker");
    await writeFile(blocker, "not a folder");
    const dataDirectory = join(blocker, "data");
    const app = createApp(engine, { vectorIndex: "brute-force" }, { feedbackStore: createFileFeedbackStore(dataDirectory), logger: () => undefined });

    await expectClientError(await post(app), 503, "storage_unavailable", /could not be stored/u);
    expect(await health(app)).toMatchObject({ status: "degraded", checks: { dataDir: "unwritable" } });

    await rm(blocker);
    expect((await post(app)).status).toBe(201);
    expect((await readFile(join(dataDirectory, "feedback.jsonl"), "utf8")).trimEnd().split("\n")).toHaveLength(1);
    expect(await health(app)).toMatchObject({ status: "ok", checks: { dataDir: "ok" } });
  });
});

describe("the data directory check", () => {
  it("reports unwritable with the reason, creates the folder when it can, and leaves no probe file behind", async () => {
    const blocker = join(root, "check-blocker");
    await writeFile(blocker, "");
    const blocked = await createFileFeedbackStore(join(blocker, "data")).check();
    expect(blocked.status).toBe("unwritable");
    expect(String(blocked.error)).toMatch(/ENOTDIR|EEXIST/u);

    const fresh = join(root, "fresh", "data");
    expect(await createFileFeedbackStore(fresh).check()).toEqual({ status: "ok" });
    expect(await readdir(fresh)).toEqual([]);
  });

  it("lets health notice a directory that broke or recovered without any post, checking again once its answer is 10 s old", async () => {
    let clock = 0;
    const parent = join(root, "flapping");
    const store = createFileFeedbackStore(join(parent, "data"), { now: () => clock });
    const app = createApp(engine, { vectorIndex: "brute-force" }, { feedbackStore: store });
    await store.append(numberedRecord(1));
    expect((await health(app)).checks.dataDir).toBe("ok");

    await rm(parent, { recursive: true });
    await writeFile(parent, "now a file");
    clock = 5_000;
    expect((await health(app)).checks.dataDir).toBe("ok"); // still the fresh answer
    clock = 10_001;
    await health(app); // answers from memory, and has the directory checked again
    await store.check();
    expect(await health(app)).toMatchObject({ status: "degraded", checks: { dataDir: "unwritable" } });

    await rm(parent);
    clock = 20_002;
    await health(app);
    await store.check();
    expect(await health(app)).toMatchObject({ status: "ok", checks: { dataDir: "ok" } });
  });
});
