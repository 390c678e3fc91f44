import { beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import type { FeedbackStore } from "../../src/core/ports/feedback-store.js";
import type { FeedbackRecord } from "../../src/core/schemas/feedback.js";
import { createApp, type AppOptions } from "../../src/http/create-app.js";
import { openApiDocument } from "../../src/http/openapi/openapi-document.js";
import { corpusModelId } from "../../src/http/openai-models.js";
import { createStaticAsset } from "../../src/http/static-asset.js";
import { reportEngine } from "../support/engine.js";
import { OpenApiValidator } from "../support/openapi-validation.js";

// Every described route called for real, with valid requests and with invalid ones: each
// response's status must be one the description lists for that route, and its body (every
// event of a stream, every line of JSON Lines) must fit the schema given for that status and
// media type. A route described without calls here fails the coverage test at the end.

const API_KEY = "api-key-0123456789abcdef";
const ADMIN_KEY = "admin-key-0123456789abcdef-ZZ";
const QUESTION = "到2026年地区生产总值目标是多少?";
const RECORDS: FeedbackRecord[] = [
  { question: QUESTION, answer: "到2026年,地区生产总值达1800亿元左右[1]。", rating: "up", receivedAt: "2026-01-01T08:00:00.000Z" },
  { question: "森林覆盖率是多少?", answer: "—", rating: "down", comment: "没有数字", engine: { embedder: "e", retriever: "r", answerer: "a", indexHash: "h" }, receivedAt: "2026-02-15T00:00:00.000Z" },
];

function memoryStore(): FeedbackStore {
  return {
    append: async () => undefined,
    read: async function* () {
      yield RECORDS[0]!;
      yield null;
      yield RECORDS[1]!;
    },
    status: () => "ok",
  };
}

type AppName = "full" | "bare";

/** One request and the status it must get; the response is then checked against the description. */
interface Call {
  readonly name: string;
  /** The URL when it is not the described path (a query string, a path parameter). */
  readonly url?: string;
  readonly body?: unknown;
  /** Sent as is (not JSON-encoded): malformed or oversized bodies. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** The API key is sent unless this is false (or an admin key is given in headers). */
  readonly apiKey?: false;
  readonly app?: AppName;
  readonly status: number;
}

const admin = { Authorization: `Bearer ${ADMIN_KEY}` };
const evilHost = { host: "evil.example" };

let engine: QaEngine;
let apps: Record<AppName, ReturnType<typeof createApp>>;
const validator = new OpenApiValidator(openApiDocument());

beforeAll(async () => {
  engine = await reportEngine();
  const info = { vectorIndex: "brute-force", builtAt: "2026-03-01T08:00:00.000Z", corpusMatches: true };
  const full: AppOptions = {
    apiKey: API_KEY,
    adminKey: ADMIN_KEY,
    allowedHosts: ["qa.example.org"],
    about: { title: "江津区第十五次党代会报告解读", author: "周杭", published: "2021-12-29" },
    starters: async () => [{ question: "“综合实力持续增强”有哪些具体内容？", section: ["过去五年", "综合实力持续增强"] }],
    feedbackStore: memoryStore(),
    reindex: async () => ({ indexHash: "b".repeat(64), previousIndexHash: "a".repeat(64), chunks: engine.chunks.length, embedder: engine.embedder.id, builtAt: "2026-03-01T08:00:00.000Z", durationMs: 5 }),
    assets: { widget: createStaticAsset("(()=>{})();", "text/javascript; charset=utf-8"), app: createStaticAsset("export {};", "text/javascript; charset=utf-8") },
  };
  // No key, no storage, no reindex, no bundles: the "this deployment cannot" answers. An admin key, so admin routes get past admin_disabled.
  const bare: AppOptions = { adminKey: ADMIN_KEY };
  apps = { full: createApp(engine, info, full), bare: createApp(engine, info, bare) };
});

/** Each described operation ("METHOD /path/{param}") → requests to it. */
function calls(): Record<string, Call[]> {
  const model = corpusModelId(engine);
  const chunk = engine.chunks[3]!;
  const span = `source=${encodeURIComponent(chunk.source)}&start=${chunk.start + 2}&end=${chunk.start + 12}`;
  const q = encodeURIComponent("森林覆盖率");
  return {
    "POST /api/ask": [
      { name: "a question", body: { question: QUESTION }, status: 200 },
      { name: "a follow-up with history and topK", body: { question: "那到2026年呢?", history: [{ role: "user", content: "2021年地区生产总值是多少" }], topK: 3 }, status: 200 },
      { name: "an empty question", body: { question: "  " }, status: 400 },
      { name: "topK out of range", body: { question: QUESTION, topK: 99 }, status: 400 },
      { name: "malformed JSON", rawBody: "{question:", status: 400 },
      { name: "text/plain", rawBody: QUESTION, headers: { "content-type": "text/plain" }, status: 415 },
      { name: "no API key", body: { question: QUESTION }, apiKey: false, status: 401 },
      { name: "a body over 64 KiB", rawBody: JSON.stringify({ question: "江".repeat(70_000) }), status: 413 },
      { name: "a host not allowed", body: { question: QUESTION }, headers: evilHost, status: 403 },
      { name: "another site's page", body: { question: QUESTION }, headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" }, status: 403 },
    ],
    "POST /api/ask/stream": [
      { name: "a question", body: { question: QUESTION }, status: 200 },
      { name: "no question", body: {}, status: 400 },
      { name: "no API key", body: { question: QUESTION }, apiKey: false, status: 401 },
    ],
    "GET /api/search": [
      { name: "a query", url: `/api/search?q=${q}&k=3`, status: 200 },
      { name: "the default k", url: `/api/search?q=${q}`, status: 200 },
      { name: "no q", url: "/api/search", status: 400 },
      { name: "k = 0", url: `/api/search?q=${q}&k=0`, status: 400 },
      { name: "no API key", url: `/api/search?q=${q}`, apiKey: false, status: 401 },
    ],
    "POST /api/verify": [
      { name: "a sentence", body: { text: "到2026年,地区生产总值达1800亿元左右。" }, status: 200 },
      { name: "with a citation and a context", body: { text: "到2026年,地区生产总值达2000亿元左右。[1]", citations: [{ quote: "地区生产总值达1800亿元左右" }], contexts: ["到2026年,地区生产总值达1800亿元左右"] }, status: 200 },
      { name: "no text", body: { text: "" }, status: 400 },
      { name: "a citation without anything to cite", body: { text: "x", citations: [{ marker: 1 }] }, status: 400 },
    ],
    "GET /api/meta": [
      { name: "the report", status: 200 },
      { name: "a wrong API key", headers: { Authorization: "Bearer nope" }, apiKey: false, status: 401 },
    ],
    "POST /api/feedback": [
      { name: "a thumbs up", body: { question: QUESTION, answer: "1800亿元", rating: "up", citations: [{ marker: 1, chunkId: chunk.id, quoteStart: 1, quoteEnd: 5 }] }, status: 201 },
      { name: "an unknown rating", body: { question: QUESTION, answer: "x", rating: "meh" }, status: 400 },
      { name: "no storage", body: { question: QUESTION, answer: "x", rating: "down" }, app: "bare", status: 503 },
    ],
    "GET /api/health": [
      { name: "with no key", apiKey: false, status: 200 },
      { name: "a bare deployment", app: "bare", status: 200 },
      { name: "a host not allowed", headers: evilHost, status: 403 },
    ],
    "POST /v1/chat/completions": [
      { name: "a question", body: { model, messages: [{ role: "user", content: QUESTION }] }, status: 200 },
      { name: "streamed, with usage", body: { model, stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: QUESTION }] }, status: 200 },
      { name: "another model", body: { model: "gpt-4o", messages: [{ role: "user", content: QUESTION }] }, status: 404 },
      { name: "no messages", body: { model, messages: [] }, status: 400 },
      { name: "n = 2", body: { model, n: 2, messages: [{ role: "user", content: QUESTION }] }, status: 400 },
      { name: "no API key", body: { model, messages: [{ role: "user", content: QUESTION }] }, apiKey: false, status: 401 },
    ],
    "GET /v1/models": [
      { name: "the list", status: 200 },
      { name: "no API key", apiKey: false, status: 401 },
    ],
    "GET /v1/models/{id}": [
      { name: "the served model", url: `/v1/models/${model}`, status: 200 },
      { name: "another model", url: "/v1/models/gpt-4o", status: 404 },
      { name: "no API key", url: `/v1/models/${model}`, apiKey: false, status: 401 },
    ],
    "GET /api/admin/feedback": [
      { name: "as JSON", headers: admin, apiKey: false, status: 200 },
      { name: "as JSON Lines since February", url: "/api/admin/feedback?format=jsonl&since=2026-02-01", headers: admin, apiKey: false, status: 200 },
      { name: "an unknown format", url: "/api/admin/feedback?format=xml", headers: admin, apiKey: false, status: 400 },
      { name: "a since that is no date", url: "/api/admin/feedback?since=yesterday", headers: admin, apiKey: false, status: 400 },
      { name: "the API key instead", status: 401 },
      { name: "no storage to export", headers: admin, app: "bare", status: 503 },
    ],
    "POST /api/admin/reindex": [
      { name: "a rebuild", headers: admin, apiKey: false, status: 200 },
      { name: "no key", apiKey: false, status: 401 },
      { name: "a deployment that cannot rebuild", headers: admin, app: "bare", status: 503 },
    ],
    "GET /": [
      { name: "the chat page", status: 200 },
      { name: "a host not allowed", headers: evilHost, status: 403 },
    ],
    "GET /demo": [
      { name: "the demo page", status: 200 },
      { name: "a host not allowed", headers: evilHost, status: 403 },
    ],
    "GET /assets/demo.css": [
      { name: "the stylesheet", status: 200 },
      { name: "a host not allowed", headers: evilHost, status: 403 },
    ],
    "GET /widget.js": [
      { name: "the bundle", status: 200 },
      { name: "not built", app: "bare", status: 404 },
    ],
    "GET /assets/app.js": [
      { name: "the bundle", status: 200 },
      { name: "not built", app: "bare", status: 404 },
    ],
    "GET /passage": [
      { name: "a span", url: `/passage?${span}`, status: 200 },
      { name: "no offsets", url: `/passage?source=${encodeURIComponent(chunk.source)}`, status: 400 },
      { name: "a span in no passage", url: `/passage?source=nowhere.txt&start=1&end=2`, status: 404 },
    ],
    "GET /openapi.json": [
      { name: "the document", status: 200 },
      { name: "a host not allowed", headers: evilHost, status: 403 },
    ],
    "GET /docs": [
      { name: "the page", status: 200 },
      { name: "a host not allowed", headers: evilHost, status: 403 },
    ],
    "GET /assets/docs.css": [
      { name: "the stylesheet", status: 200 },
      { name: "a host not allowed", headers: evilHost, status: 403 },
    ],
  };
}

function send(method: string, path: string, call: Call): Promise<Response> {
  const headers: Record<string, string> = {};
  if (call.body !== undefined || call.rawBody !== undefined) headers["content-type"] = "application/json";
  if (call.apiKey !== false) headers.Authorization = `Bearer ${API_KEY}`;
  Object.assign(headers, call.headers);
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  return Promise.resolve(apps[call.app ?? "full"].request(call.url ?? path, { method, headers, ...(body === undefined ? {} : { body }) }));
}

const operations = (): { key: string; method: string; path: string }[] =>
  Object.entries(validator.document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path })));

describe("real responses fit the description", () => {
  for (const { key, method, path } of operations()) {
    it(`${key}`, async () => {
      const cases = calls()[key];
      expect(cases, `${key} needs calls here`).toBeDefined();
      for (const call of cases!) {
        const response = await send(method, path, call);
        const copy = response.clone();
        expect(response.status, `${key} ${call.name}: ${await copy.text().then((text) => text.slice(0, 300))}`).toBe(call.status);
        await validator.expectDocumentedResponse(method, path, response);
      }
    });
  }

  it("covers every described route with a valid request and an invalid one, and no route that is not described", () => {
    const described = new Set(operations().map((operation) => operation.key));
    const table = calls();
    expect(Object.keys(table).filter((key) => !described.has(key))).toEqual([]);
    for (const key of described) {
      const statuses = (table[key] ?? []).map((call) => call.status);
      expect(statuses.some((status) => status < 400), `${key}: a valid request`).toBe(true);
      expect(statuses.some((status) => status >= 400 && status < 500), `${key}: an invalid request`).toBe(true);
    }
  });

  it("answers 304 to a cached asset, which the description lists without a body", async () => {
    for (const path of ["/openapi.json", "/docs", "/assets/docs.css", "/assets/demo.css", "/widget.js", "/assets/app.js"]) {
      const first = await apps.full.request(path);
      const etag = first.headers.get("etag");
      expect(etag, path).toBeTruthy();
      const again = await apps.full.request(path, { headers: { "If-None-Match": etag! } });
      expect(again.status, path).toBe(304);
      await validator.expectDocumentedResponse("GET", path, again);
    }
  });

  it("rejects a response that does not fit (the check itself can fail)", async () => {
    const wrongCode = new Response(JSON.stringify({ error: { code: "unauthorized", message: "x" } }), { status: 400, headers: { "content-type": "application/json" } });
    await expect(validator.expectDocumentedResponse("POST", "/api/ask", wrongCode)).rejects.toThrow();
    const extraField = new Response(JSON.stringify({ ok: true, extra: 1 }), { status: 201, headers: { "content-type": "application/json" } });
    await expect(validator.expectDocumentedResponse("POST", "/api/feedback", extraField)).rejects.toThrow();
    const undocumentedStatus = new Response("{}", { status: 418, headers: { "content-type": "application/json" } });
    await expect(validator.expectDocumentedResponse("GET", "/api/meta", undocumentedStatus)).rejects.toThrow();
    const unknownEvent = new Response('event: surprise\ndata: {}\n\n', { status: 200, headers: { "content-type": "text/event-stream" } });
    await expect(validator.expectDocumentedResponse("POST", "/api/ask/stream", unknownEvent)).rejects.toThrow();
  });
});
