import { beforeAll, describe, expect, it } from "vitest";
import { QaError } from "../../src/core/errors.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import type { FeedbackStore } from "../../src/core/ports/feedback-store.js";
import type { FeedbackRecord } from "../../src/core/schemas/feedback.js";
import type { ReindexSummary } from "../../src/http/admin-routes.js";
import { createApp, type AppOptions } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";

const ADMIN_KEY = "admin-0123456789abcdef-ZZ";
const API_KEY = "api-key-fedcba9876543210";

const RECORDS: FeedbackRecord[] = [
  { question: "森林覆盖率是多少?", answer: "55%", rating: "up", receivedAt: "2026-01-01T08:00:00.000Z" },
  { question: "地区生产总值目标?", answer: "1800亿元", rating: "down", comment: "不完整", receivedAt: "2026-02-15T00:00:00.000Z" },
  { question: "人口?", answer: "—", rating: "up", receivedAt: "2026-03-01T12:30:00.000Z" },
];

/** The records with two unreadable lines among them, as a store reads them back. */
function memoryStore(lines: ReadonlyArray<FeedbackRecord | null> = [RECORDS[0]!, null, RECORDS[1]!, null, RECORDS[2]!]): FeedbackStore {
  return {
    append: async () => undefined,
    read: async function* () {
      yield* lines;
    },
  };
}

const SUMMARY: ReindexSummary = { indexHash: "b".repeat(64), previousIndexHash: "a".repeat(64), chunks: 42, embedder: "hashing-ngram:v1:d512", builtAt: "2026-03-01T00:00:00.000Z", durationMs: 5 };

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

const makeApp = (options: AppOptions): ReturnType<typeof createApp> => createApp(engine, { vectorIndex: "brute-force" }, options);
const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });
const get = (app: ReturnType<typeof createApp>, path: string, headers: Record<string, string> = {}): Promise<Response> => Promise.resolve(app.request(path, { headers }));
const post = (app: ReturnType<typeof createApp>, path: string, headers: Record<string, string> = {}): Promise<Response> => Promise.resolve(app.request(path, { method: "POST", headers }));

describe("admin routes without ADMIN_KEY", () => {
  it("answer 403 admin_disabled for every admin path, whatever credentials are sent", async () => {
    const app = makeApp({ apiKey: API_KEY, feedbackStore: memoryStore(), reindex: async () => SUMMARY });
    for (const [method, path] of [["GET", "/api/admin/feedback"], ["POST", "/api/admin/reindex"], ["GET", "/api/admin/nothing-here"], ["GET", "/api/admin"]] as const) {
      for (const headers of [{}, bearer(API_KEY), bearer(ADMIN_KEY)]) {
        const response = await app.request(path, { method, headers });
        await expectClientError(response, 403, "admin_disabled", /ADMIN_KEY/u);
      }
    }
  });
});

describe("admin key", () => {
  const app = (): ReturnType<typeof createApp> => makeApp({ apiKey: API_KEY, adminKey: ADMIN_KEY, feedbackStore: memoryStore(), reindex: async () => SUMMARY });

  it("answers 401 with a Bearer challenge when the key is missing or wrong", async () => {
    const missing = await get(app(), "/api/admin/feedback");
    expect(missing.headers.get("WWW-Authenticate")).toBe('Bearer realm="admin"');
    await expectClientError(missing, 401, "unauthorized", /admin key/u);
    for (const authorization of [`Bearer ${ADMIN_KEY}x`, `Bearer ${ADMIN_KEY.slice(0, -1)}`, `Basic ${ADMIN_KEY}`, ADMIN_KEY, "Bearer "]) {
      const response = await post(app(), "/api/admin/reindex", { Authorization: authorization });
      expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="admin", error="invalid_token"');
      await expectClientError(response, 401, "unauthorized", /admin key/u);
    }
  });

  it("is not granted by the API key", async () => {
    const response = await get(app(), "/api/admin/feedback", bearer(API_KEY));
    expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer /u);
    await expectClientError(response, 401, "unauthorized", /admin key/u);
  });

  it("opens the admin routes, and only them: the API routes still want the API key", async () => {
    expect((await get(app(), "/api/admin/feedback", bearer(ADMIN_KEY))).status).toBe(200);
    await expectClientError(await get(app(), "/api/search?q=森林覆盖率", bearer(ADMIN_KEY)), 401, "unauthorized", /key/u);
    expect((await get(app(), "/api/search?q=森林覆盖率", bearer(API_KEY))).status).toBe(200);
  });

  it("is not needed by the API when it is configured without an API key", async () => {
    const open = makeApp({ adminKey: ADMIN_KEY });
    expect((await get(open, "/api/search?q=森林覆盖率")).status).toBe(200);
    await expectClientError(await get(open, "/api/admin/feedback"), 401, "unauthorized", /admin key/u);
  });

  it("answers 404 JSON for unknown admin paths once authorised", async () => {
    await expectClientError(await get(app(), "/api/admin/nothing-here", bearer(ADMIN_KEY)), 404, "not_found", /No route/u);
  });
});

describe("GET /api/admin/feedback", () => {
  const app = (store: FeedbackStore = memoryStore()): ReturnType<typeof createApp> => makeApp({ adminKey: ADMIN_KEY, feedbackStore: store });

  it("exports every record as JSON with the count of skipped lines, never cached", async () => {
    const response = await get(app(), "/api/admin/feedback", bearer(ADMIN_KEY));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
    expect(response.headers.get("Cache-Control")).toBe("no-store, no-transform");
    expect(await response.json()).toEqual({ records: RECORDS, skipped: 2 });
  });

  it("exports JSON Lines as a download with ?format=jsonl", async () => {
    const response = await get(app(), "/api/admin/feedback?format=jsonl", bearer(ADMIN_KEY));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/u);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="feedback.jsonl"');
    expect(response.headers.get("X-Skipped-Lines")).toBe("2");
    const text = await response.text();
    expect(text.endsWith("\n")).toBe(true);
    expect(text.trimEnd().split("\n").map((line) => JSON.parse(line) as unknown)).toEqual(RECORDS);
  });

  it("keeps records received at or after ?since (a date or a date-time with a zone)", async () => {
    const byDate = (await (await get(app(), "/api/admin/feedback?since=2026-02-15", bearer(ADMIN_KEY))).json()) as { records: FeedbackRecord[] };
    expect(byDate.records.map((record) => record.question)).toEqual(["地区生产总值目标?", "人口?"]);
    const byTime = (await (await get(app(), `/api/admin/feedback?since=${encodeURIComponent("2026-03-01T20:00:00+08:00")}`, bearer(ADMIN_KEY))).json()) as { records: FeedbackRecord[] };
    expect(byTime.records.map((record) => record.question)).toEqual(["人口?"]);
    const jsonl = await (await get(app(), "/api/admin/feedback?format=jsonl&since=2027-01-01", bearer(ADMIN_KEY))).text();
    expect(jsonl).toBe("");
  });

  it("answers 400 naming the parameter for a bad since or format", async () => {
    for (const since of ["yesterday", "2026-13-01", "2026-02-15T08:00:00", "1700000000"]) {
      await expectClientError(await get(app(), `/api/admin/feedback?since=${since}`, bearer(ADMIN_KEY)), 400, "invalid_parameter", /^since /u);
    }
    await expectClientError(await get(app(), "/api/admin/feedback?format=csv", bearer(ADMIN_KEY)), 400, "invalid_parameter", /^format /u);
  });

  it("answers 503 feature_unavailable where feedback is not stored or cannot be read back", async () => {
    await expectClientError(await get(makeApp({ adminKey: ADMIN_KEY }), "/api/admin/feedback", bearer(ADMIN_KEY)), 503, "feature_unavailable", /feedback/u);
    await expectClientError(await get(app({ append: async () => undefined }), "/api/admin/feedback", bearer(ADMIN_KEY)), 503, "feature_unavailable", /feedback/u);
  });

  it("answers a generic 500 without stack or paths when the store fails", async () => {
    const failing: FeedbackStore = {
      append: async () => undefined,
      // Fails before its first line, as an unreadable file does.
      read: async function* () {
        throw Object.assign(new Error("EACCES: permission denied, open '/srv/secret/data/feedback.jsonl'"), { code: "EACCES" });
      },
    };
    const lines: string[] = [];
    const response = await makeApp({ adminKey: ADMIN_KEY, feedbackStore: failing, logger: (line) => lines.push(line) }).request("/api/admin/feedback", { headers: bearer(ADMIN_KEY) });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "internal" } });
    expect(text).not.toMatch(/\/srv|EACCES|at .*\.ts/u);
    expect(lines.join("\n")).toContain("EACCES");
  });
});

describe("POST /api/admin/reindex (HTTP contract)", () => {
  it("answers 200 with what was built", async () => {
    const response = await post(makeApp({ adminKey: ADMIN_KEY, reindex: async () => SUMMARY }), "/api/admin/reindex", bearer(ADMIN_KEY));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: true, ...SUMMARY });
  });

  it("answers 409 reindex_in_progress while one is running, and accepts a new one afterwards", async () => {
    let finish = (): void => undefined;
    let calls = 0;
    const app = makeApp({
      adminKey: ADMIN_KEY,
      reindex: () => {
        calls += 1;
        return new Promise<ReindexSummary>((resolve) => (finish = () => resolve(SUMMARY)));
      },
    });
    const first = post(app, "/api/admin/reindex", bearer(ADMIN_KEY));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expectClientError(await post(app, "/api/admin/reindex", bearer(ADMIN_KEY)), 409, "reindex_in_progress", /already running/u);
    finish();
    expect((await first).status).toBe(200);
    const again = post(app, "/api/admin/reindex", bearer(ADMIN_KEY));
    await new Promise((resolve) => setTimeout(resolve, 10));
    finish();
    expect((await again).status).toBe(200);
    expect(calls).toBe(2);
  });

  it("passes a reindex_failed on as a 500 JSON error with its message only", async () => {
    const app = makeApp({
      adminKey: ADMIN_KEY,
      reindex: async () => {
        throw new QaError("reindex_failed", "Reindex failed (corpus_invalid); the previous index is still being served. The server log has details.");
      },
    });
    const response = await post(app, "/api/admin/reindex", bearer(ADMIN_KEY));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: "reindex_failed", message: expect.stringMatching(/previous index is still being served/u) } });
  });

  it("answers 503 feature_unavailable where the deployment cannot reindex", async () => {
    await expectClientError(await post(makeApp({ adminKey: ADMIN_KEY }), "/api/admin/reindex", bearer(ADMIN_KEY)), 503, "feature_unavailable", /rebuild/u);
  });
});
