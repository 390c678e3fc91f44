import { beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import type { FeedbackRecord } from "../../src/core/schemas/feedback.js";
import { createApp, type AppOptions } from "../../src/http/create-app.js";
import { isJsonContentType } from "../../src/http/write-guard.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";

/**
 * Cross-site writes (issue 9, finding 3): what a page on another site can make its visitors'
 * browsers send without a CORS preflight (text/plain, form and multipart bodies; no-cors fetch)
 * must not reach a route, and JSON writes from an origin outside ALLOWED_ORIGINS are refused.
 */

const ALLOWED = "https://portal.example";
const FEEDBACK = JSON.stringify({ question: "森林覆盖率是多少?", answer: "52%", rating: "up" });
const ASK = JSON.stringify({ question: "森林覆盖率是多少?" });

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

function feedbackApp(options: AppOptions = {}): { app: ReturnType<typeof createApp>; stored: FeedbackRecord[] } {
  const stored: FeedbackRecord[] = [];
  const app = createApp(engine, { vectorIndex: "brute-force" }, { allowedOrigins: [ALLOWED], feedbackStore: { append: async (record) => void stored.push(record) }, ...options });
  return { app, stored };
}

const post = (app: ReturnType<typeof createApp>, path: string, body: string, headers: Record<string, string>): Promise<Response> =>
  Promise.resolve(app.request(`http://qa.example${path}`, { method: "POST", body, headers }));

describe("writes need Content-Type: application/json", () => {
  it.each([
    ["text/plain;charset=UTF-8"], // fetch(url, {method: "POST", body: "…", mode: "no-cors"})
    ["application/x-www-form-urlencoded"], // a plain HTML form
    ["multipart/form-data; boundary=x"],
    ["application/json-seq"],
    ["application/json; charset=latin1"],
  ])("refuses %s with 415 unsupported_media_type on every write route, and stores nothing", async (contentType) => {
    const { app, stored } = feedbackApp();
    for (const [path, body] of [["/api/feedback", FEEDBACK], ["/api/ask", ASK], ["/api/verify", JSON.stringify({ text: "森林覆盖率达55%。" })]] as const) {
      await expectClientError(await post(app, path, body, { "content-type": contentType }), 415, "unsupported_media_type", /application\/json/u);
    }
    expect(stored).toEqual([]);
  });

  it("refuses a body sent without any Content-Type", async () => {
    const { app, stored } = feedbackApp();
    const response = await app.request("http://qa.example/api/feedback", { method: "POST", body: new Uint8Array(Buffer.from(FEEDBACK)) });
    await expectClientError(response, 415, "unsupported_media_type", /Content-Type/u);
    expect(stored).toEqual([]);
  });

  it("accepts JSON with or without a UTF-8 charset, in any case", async () => {
    const { app, stored } = feedbackApp();
    for (const contentType of ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"", "application/json;"]) {
      expect((await post(app, "/api/feedback", FEEDBACK, { "content-type": contentType })).status, contentType).toBe(201);
    }
    expect(stored).toHaveLength(4);
    expect(isJsonContentType(undefined)).toBe(false);
  });

  it("also guards admin writes, but a bodyless admin POST still reaches the admin key check", async () => {
    const app = createApp(engine, { vectorIndex: "brute-force" }, { adminKey: "admin-0123456789abcdef", reindex: async () => ({ indexHash: "b", previousIndexHash: "a", chunks: 1, embedder: "e", builtAt: "t", durationMs: 1 }) });
    await expectClientError(await post(app, "/api/admin/reindex", "x=1", { "content-type": "application/x-www-form-urlencoded" }), 415, "unsupported_media_type", /JSON/u);
    await expectClientError(await app.request("http://qa.example/api/admin/reindex", { method: "POST" }), 401, "unauthorized", /admin key/u);
  });
});

describe("writes from another origin", () => {
  const json = { "content-type": "application/json" };

  it("are refused with 403 origin_not_allowed unless the origin is in ALLOWED_ORIGINS", async () => {
    const { app, stored } = feedbackApp();
    for (const origin of ["https://evil.example", "null", "http://qa.example.evil.example", "https://portal.example.evil.example"]) {
      await expectClientError(await post(app, "/api/feedback", FEEDBACK, { ...json, Origin: origin }), 403, "origin_not_allowed", /ALLOWED_ORIGINS/u);
    }
    // As current browsers label them: Sec-Fetch-Site decides, whatever Origin says.
    await expectClientError(await post(app, "/api/ask", ASK, { ...json, Origin: "http://qa.example", "Sec-Fetch-Site": "cross-site" }), 403, "origin_not_allowed", /ALLOWED_ORIGINS/u);
    await expectClientError(await post(app, "/api/ask", ASK, { ...json, Origin: "https://sub.qa.example", "Sec-Fetch-Site": "same-site" }), 403, "origin_not_allowed", /ALLOWED_ORIGINS/u);
    expect(stored).toEqual([]);
  });

  it("pass from this server's own pages, from allowed origins, and from clients that are no browser", async () => {
    const { app, stored } = feedbackApp();
    const allowed = await post(app, "/api/feedback", FEEDBACK, { ...json, Origin: ALLOWED, "Sec-Fetch-Site": "cross-site" });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect((await post(app, "/api/feedback", FEEDBACK, { ...json, Origin: "http://qa.example" })).status).toBe(201);
    expect((await post(app, "/api/feedback", FEEDBACK, { ...json, Origin: "http://qa.example", "Sec-Fetch-Site": "same-origin" })).status).toBe(201);
    expect((await post(app, "/api/feedback", FEEDBACK, json)).status).toBe(201); // curl, a server
    expect(stored).toHaveLength(4);
  });

  it("pass from any origin with ALLOWED_ORIGINS=*, and reads are never refused", async () => {
    const open = feedbackApp({ allowedOrigins: ["*"] });
    expect((await post(open.app, "/api/feedback", FEEDBACK, { ...json, Origin: "https://anyone.example", "Sec-Fetch-Site": "cross-site" })).status).toBe(201);
    const { app } = feedbackApp();
    expect((await app.request("http://qa.example/api/meta", { headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } })).status).toBe(200);
  });
});
