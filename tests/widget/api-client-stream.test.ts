import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient } from "../../src/widget/api-client.js";
import type { AskResponse } from "../../src/widget/api-types.js";

// The widget's API client over a scripted fetch: which endpoint it asks, how it reads the event
// stream (in arbitrary chunks, bytes of one character split), and how each failure comes out.

const answer: AskResponse = {
  question: "到2026年地区生产总值目标是多少?",
  answer: "到2026年,地区生产总值达1800亿元左右[1]。",
  abstained: false,
  answerKind: "direct",
  citations: [],
  passages: [],
  engine: { embedder: "hashing", retriever: "hybrid", answerer: "extractive", indexHash: "abc" },
  timings: { retrieveMs: 1, answerMs: 1, totalMs: 2 },
};

const sse = (events: ReadonlyArray<[string, unknown]>): string => events.map(([event, data]) => `event: ${event}\r\ndata: ${JSON.stringify(data)}\r\n\r\n`).join("");

/** A streamed body delivered `size` bytes at a time (so multi-byte characters are cut). */
function streamResponse(text: string, size = 7, contentType = "text/event-stream"): Response {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": contentType } });
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** Stubs fetch with one reply per call, in order; returns the URLs and signals it was called with. */
function scriptFetch(...replies: Array<Response | ((signal: AbortSignal) => Promise<Response>)>): Array<{ url: string; signal: AbortSignal }> {
  const calls: Array<{ url: string; signal: AbortSignal }> = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, signal: init.signal! });
    const reply = replies.shift();
    if (!reply) throw new Error("no more replies");
    return typeof reply === "function" ? reply(init.signal!) : reply;
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("ask() over the event stream", () => {
  it("reads deltas, a replace and done from a stream cut anywhere, and resolves with done's AskResponse", async () => {
    const body = sse([
      ["sources", { passages: [] }],
      ["delta", { text: "到2026年，" }],
      ["delta", { text: "江津将达到2500亿元。" }],
      ["replace", { answer: answer.answer, reason: "too-little-verified" }],
      ["done", answer],
    ]);
    for (const size of [1, 2, 5, 64, body.length * 3]) {
      const calls = scriptFetch(streamResponse(body, size));
      const seen: string[] = [];
      const result = await createApiClient("https://qa.example/").ask({ question: answer.question }, { onDelta: (text) => seen.push(`delta:${text}`), onReplace: (text) => seen.push(`replace:${text}`) });
      expect(result).toEqual(answer);
      expect(seen).toEqual(["delta:到2026年，", "delta:江津将达到2500亿元。", `replace:${answer.answer}`]);
      expect(calls.map((call) => call.url)).toEqual(["https://qa.example/api/ask/stream"]);
    }
  });

  it("falls back to /api/ask on a 404 and then asks it directly; also when the reply is no event stream", async () => {
    const calls = scriptFetch(json({ error: { code: "not_found", message: "Not found" } }, 404), json(answer), json(answer));
    const client = createApiClient("");
    await expect(client.ask({ question: "甲" })).resolves.toEqual(answer);
    await expect(client.ask({ question: "乙" })).resolves.toEqual(answer);
    expect(calls.map((call) => call.url)).toEqual(["/api/ask/stream", "/api/ask", "/api/ask"]);

    const proxied = scriptFetch(streamResponse("<html>hello</html>", 7, "text/html"), json(answer));
    await expect(createApiClient("").ask({ question: "甲" })).resolves.toEqual(answer);
    expect(proxied.map((call) => call.url)).toEqual(["/api/ask/stream", "/api/ask"]);
  });

  it("turns an error event, an HTTP error, a cut stream and a malformed done into the ApiErrors /api/ask would give", async () => {
    const failing = async (reply: Response): Promise<ApiError> => {
      scriptFetch(reply);
      const error = await createApiClient("").ask({ question: "甲" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      return error as ApiError;
    };
    expect(await failing(streamResponse(sse([["delta", { text: "到" }], ["error", { error: { code: "internal", message: "x" } }]])))).toMatchObject({ kind: "http", status: 500, code: "internal" });
    expect(await failing(streamResponse(sse([["error", { error: { code: "timeout", message: "x" } }]])))).toMatchObject({ kind: "timeout" });
    expect(await failing(streamResponse(sse([["error", { error: { code: "overloaded", message: "x" } }]])))).toMatchObject({ kind: "http", status: 503 });
    expect(await failing(json({ error: { code: "rate_limited", message: "x" } }, 429, { "retry-after": "9" }))).toMatchObject({ kind: "http", status: 429, code: "rate_limited", retryAfterSeconds: 9 });
    expect(await failing(streamResponse(sse([["delta", { text: "到" }]]) + 'event: done\ndata: {"question"'))).toMatchObject({ kind: "invalid-response" });
    expect(await failing(streamResponse(sse([["done", { answer: "no shape" }]])))).toMatchObject({ kind: "invalid-response" });
  });

  it("aborts the fetch when the caller's signal aborts, mid-stream", async () => {
    let aborted: AbortSignal | undefined;
    scriptFetch(async (signal) => {
      aborted = signal;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(sse([["delta", { text: "到2026年，" }]])));
          signal.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    const stop = new AbortController();
    const pending = createApiClient("").ask({ question: "甲" }, { signal: stop.signal, onDelta: () => stop.abort() });
    await expect(pending).rejects.toBeInstanceOf(ApiError);
    expect(aborted?.aborted).toBe(true);
  });
});
