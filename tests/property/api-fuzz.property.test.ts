import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createFileFeedbackStore } from "../../src/adapters/node/file-feedback-store.js";
import { createApp, MAX_BODY_BYTES } from "../../src/http/create-app.js";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { chineseHeavyString } from "../support/arbitraries.js";
import { reportEngine } from "../support/engine.js";

/**
 * Whatever a client sends, the service answers 2xx or 4xx, never 5xx, and every 4xx carries
 * the documented `{error: {code, message}}` body (src/http/error-response.ts). A 5xx here is a
 * crash path: an exception the request handlers let through to the generic 500 handler.
 * Run twice against the real report engine: in-process (app.request, the web-standard request
 * path Workers take) and over loopback through @hono/node-server (where bodies and headers are
 * read from Node's raw request), each with a feedback store in its own temp folder so fuzzing
 * never writes into the repository.
 */

const SEED = 20_260_117;
const NUM_RUNS = 300;
const errorBodySchema = z.strictObject({ error: z.strictObject({ code: z.string().min(1), message: z.string().min(1) }) });

interface FuzzRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
}

const POST_ROUTES = ["/api/ask", "/api/search", "/api/feedback", "/api/verify"] as const;
const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "*/*", "garbage"];

/** Nesting deeper than any recursive parser or validator should be trusted with, still under the body limit. */
const deeplyNested = fc.oneof(
  fc.integer({ min: 1, max: 30_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  fc.integer({ min: 1, max: 10_000 }).map((depth) => `{"question":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`),
  fc.integer({ min: 1, max: 10_000 }).map((depth) => `{"text":"江津","history":${"[".repeat(depth)}${"]".repeat(depth)}}`),
);

/** Numbers at the edges of IEEE doubles, written as raw JSON so they reach the parser as sent. */
const edgeNumber = fc.constantFrom("1e308", "1e309", "-1e309", "-0", "0.0", "9007199254740993", "1e9", "-1", "1.5", "1e-400", "20", "21", "0");
const edgeBody = fc
  .tuple(fc.constantFrom("question", "topK", "text", "rating", "history", "k", "__proto__", "constructor"), edgeNumber)
  .map(([field, value]) => `{"question":"森林覆盖率是多少?","${field}":${value}}`);

/** Bodies shaped like the real requests, with each field drawn from valid and invalid values. */
const junkValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), chineseHeavyString, fc.string({ unit: "binary", maxLength: 30 }));
const plausibleBody = fc
  .record(
    {
      question: fc.oneof(chineseHeavyString, fc.constant("到2026年地区生产总值目标是多少?"), fc.constant("江".repeat(1001)), junkValue),
      text: fc.oneof(chineseHeavyString, junkValue),
      topK: fc.oneof(fc.integer({ min: -5, max: 25 }), fc.double(), junkValue),
      history: fc.oneof(fc.array(fc.record({ role: fc.constantFrom("user", "assistant", "system"), content: chineseHeavyString }), { maxLength: 22 }), junkValue),
      answer: fc.oneof(chineseHeavyString, junkValue),
      rating: fc.oneof(fc.constantFrom("up", "down"), junkValue),
      comment: junkValue,
      citations: fc.oneof(fc.array(fc.record({ marker: fc.integer(), chunkId: fc.string(), quoteStart: fc.integer(), quoteEnd: fc.integer() }), { maxLength: 12 }), junkValue),
    },
    { requiredKeys: [] },
  )
  .map((record) => JSON.stringify(record));

const body = fc.oneof(
  { arbitrary: plausibleBody, weight: 6 },
  { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 2 },
  { arbitrary: fc.anything({ maxDepth: 3 }).map((value) => { try { return JSON.stringify(value) ?? ""; } catch { return String(value); } }), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 200 }), weight: 2 }, // raw unicode junk, lone surrogates included
  { arbitrary: edgeBody, weight: 2 },
  { arbitrary: deeplyNested, weight: 1 },
  { arbitrary: fc.constantFrom("", "null", "[]", "{}", "{", '{"question":', "\ufeff{}", `{"question":"${"x".repeat(MAX_BODY_BYTES)}"}`), weight: 1 },
);

/**
 * Requests each route accepts, so that the success paths (engine, feedback store) are fuzzed
 * too, not only the validators: junk alone almost never gets past zod.
 */
const question = fc.oneof(chineseHeavyString.filter((text) => text.trim().length > 0), fc.constantFrom("到2026年地区生产总值目标是多少?", "森林覆盖率是多少?", "那达到了多少?", "江".repeat(1000)));
const validBody = {
  "/api/ask": fc
    .record(
      { question, topK: fc.integer({ min: 1, max: 20 }), history: fc.array(fc.record({ role: fc.constantFrom("user", "assistant"), content: chineseHeavyString }), { maxLength: 20 }) },
      { requiredKeys: ["question"] },
    )
    .map((value) => JSON.stringify(value)),
  "/api/feedback": fc
    .record(
      { question, answer: chineseHeavyString, rating: fc.constantFrom("up", "down"), comment: chineseHeavyString, citations: fc.array(fc.record({ marker: fc.integer({ min: 1, max: 9 }), chunkId: fc.string(), quoteStart: fc.nat(), quoteEnd: fc.nat() }), { maxLength: 10 }) },
      { requiredKeys: ["question", "answer", "rating"] },
    )
    .map((value) => JSON.stringify(value)),
  // Claims with [n] markers, and the citations and contexts an answer carries: each of them a path a claim is checked on.
  "/api/verify": fc
    .record(
      {
        text: fc.array(fc.tuple(fc.oneof(question, chineseHeavyString), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined })), { minLength: 1, maxLength: 20 }).map((parts) => parts.map(([text, marker]) => (marker === undefined ? text : `${text}[${marker}]`)).join("。")),
        citations: fc.array(
          fc
            .record(
              { marker: fc.integer({ min: 1, max: 12 }), quote: fc.oneof(chineseHeavyString, fc.constantFrom("森林覆盖率达52%", "地区生产总值达1800亿元左右")), quoteStart: fc.nat({ max: 40_000 }), length: fc.nat({ max: 200 }), chunkId: fc.string({ maxLength: 20 }), source: fc.constantFrom("corpus/jiangjin-15th-congress-report.txt", "other.txt"), section: fc.array(chineseHeavyString, { maxLength: 3 }) },
              { requiredKeys: ["quote"] },
            )
            .map(({ quoteStart, length, ...citation }) => (quoteStart === undefined ? citation : { ...citation, quoteStart, quoteEnd: quoteStart + (length ?? 0) })),
          { maxLength: 12 },
        ),
        contexts: fc.array(fc.oneof(chineseHeavyString, fc.constantFrom("森林覆盖率达55%。", "到2026年,地区生产总值达1800亿元左右。")), { maxLength: 5 }),
      },
      { requiredKeys: ["text"] },
    )
    .map((value) => JSON.stringify(value)),
  "/api/search": fc.constant("{}"), // a GET route: any POST is a 404
};

const postRequest: fc.Arbitrary<FuzzRequest> = fc.constantFrom(...POST_ROUTES).chain((path) =>
  fc
    .record({ body: fc.oneof({ arbitrary: validBody[path], weight: 1 }, { arbitrary: body, weight: 2 }), contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }) })
    .map((request): FuzzRequest => ({ method: "POST", path, ...request })),
);

/** encodeURIComponent throws on a lone surrogate; the wire form of one is the malformed escape below. */
const encode = (text: string): string => encodeURIComponent(text.replace(/\p{Cs}/gu, "\ufffd"));
/** Query values as sent on the wire: percent-encoded junk, and raw malformed escapes. */
const queryValue = fc.oneof(chineseHeavyString.map(encode), fc.string({ maxLength: 20 }).map(encode), fc.constantFrom("%", "%E0%A4%A", "%ED%A0%80", "%zz", "%00", "1e9", "-0", "20", "05", "9007199254740993", ""));
const searchRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.option(queryValue, { nil: undefined }), fc.option(queryValue, { nil: undefined }))
  .map(([q, k]) => ({ method: "GET", path: `/api/search?${[q === undefined ? "" : `q=${q}`, k === undefined ? "" : `k=${k}`].filter(Boolean).join("&")}` }));

const segment = fc.oneof(fc.webSegment(), fc.constantFrom("api", "search", "ask", "health", "meta", "..", "%2e%2e", "%", "%E0%A4%A", "%ED%A0%80", "widget.js", "assets", "app.js", "demo.css"), chineseHeavyString.map(encode));
const getRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.array(segment, { maxLength: 4 }), fc.option(fc.webQueryParameters(), { nil: undefined }))
  .map(([segments, query]) => ({ method: "GET", path: `/${segments.join("/")}${query === undefined ? "" : `?${query}`}` }));

const fuzzRequest = fc.oneof({ arbitrary: postRequest, weight: 6 }, { arbitrary: searchRequest, weight: 2 }, { arbitrary: getRequest, weight: 2 });

let dataDirectory: string;
let app: ReturnType<typeof createApp>;
const serverLog: string[] = [];

/** A fresh app with its own feedback folder, so each run counts only the feedback it created. */
async function startApp(): Promise<void> {
  dataDirectory = await mkdtemp(join(tmpdir(), "api-fuzz-"));
  app = createApp(await reportEngine(), { vectorIndex: "brute-force" }, {
    feedbackStore: createFileFeedbackStore(join(dataDirectory, "data")),
    rateLimitPerMinute: 0, // off already by default; stated so a changed default cannot turn fuzzing into 429s
    logger: (line) => serverLog.push(line), // server errors land here, to show next to a failing input
  });
}

/** In-process (app.request: the web-standard path Workers take), or over loopback (Node's raw-request path). */
let baseUrl: string | undefined;
async function send(request: FuzzRequest): Promise<Response> {
  const headers: Record<string, string> = request.contentType ? { "content-type": request.contentType } : {};
  const init = { method: request.method, headers, ...(request.body === undefined ? {} : { body: request.body }) };
  return baseUrl === undefined ? app.request(request.path, init) : fetch(`${baseUrl}${request.path}`, init);
}

describe.each([
  ["in-process, as on Workers", false, NUM_RUNS],
  ["over loopback through @hono/node-server, as npm start serves", true, 120],
] as const)("the HTTP API under fuzzed requests (fast-check, %s)", (_name, overTheWire, numRuns) => {
  let created = 0;
  let server: ServerType | undefined;

  beforeAll(async () => {
    await startApp();
    if (!overTheWire) return;
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
    });
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    baseUrl = undefined;
    if (server) await new Promise((resolve) => server!.close(resolve));
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it("answers every request with 2xx or 4xx, and every 4xx with a JSON {error:{code,message}}", async () => {
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        serverLog.length = 0;
        const response = await send(request);
        const text = await response.text();
        const context = `${request.method} ${request.path} -> ${response.status} ${text.slice(0, 300)}\n${serverLog.filter((line) => line.includes('"error"')).join("\n")}`;
        expect(response.status >= 200 && response.status < 300 || response.status >= 400 && response.status < 500, context).toBe(true);
        if (response.status >= 400) {
          expect(response.headers.get("content-type"), context).toMatch(/^application\/json/u);
          expect(errorBodySchema.safeParse(JSON.parse(text)).success, context).toBe(true);
        } else if (request.path.startsWith("/api/")) {
          expect(() => JSON.parse(text), context).not.toThrow();
        }
        if (request.path === "/api/feedback" && response.status === 201) created++;
      }),
      {
        seed: SEED,
        numRuns,
        // The inputs named in the brief run every time, whatever the random draw.
        examples: [
          [{ method: "POST", path: "/api/ask", body: '{"question":"森林覆盖率是多少?","topK":1e9}' }],
          [{ method: "POST", path: "/api/ask", body: '{"question":"森林覆盖率是多少?","topK":1e308}' }],
          [{ method: "POST", path: "/api/ask", body: '{"question":"森林覆盖率是多少?","topK":-0}' }],
          [{ method: "POST", path: "/api/ask", body: '{"question":"森林覆盖率是多少?","topK":9007199254740993}' }],
          [{ method: "POST", path: "/api/ask", body: "[".repeat(10_000) + "]".repeat(10_000) }],
          [{ method: "POST", path: "/api/verify", body: `{"text":${"[".repeat(10_000)}${"]".repeat(10_000)}}` }],
          [{ method: "POST", path: "/api/feedback", body: '{"question":"q","answer":"a","rating":"up"}', contentType: "text/plain" }],
        ],
      },
    );
  }, 60_000);

  it("still answers a normal question with citations afterwards, and stored only well-formed feedback", async () => {
    const response = await send({ method: "POST", path: "/api/ask", body: JSON.stringify({ question: "到2026年地区生产总值目标是多少?" }), contentType: "application/json" });
    expect(response.status).toBe(200);
    const answer = askResponseSchema.parse(await response.json());
    expect(answer.citations.length).toBeGreaterThan(0);

    // Every 201 from /api/feedback is one JSON line in the temp data folder, nothing else.
    const stored = created === 0 ? "" : await readFile(join(dataDirectory, "data", "feedback.jsonl"), "utf8");
    const lines = stored.split("\n").filter(Boolean);
    expect(lines).toHaveLength(created);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
