import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createOpenAiCompatibleChatModel, type OpenAiCompatibleChatModelOptions } from "../../src/adapters/openai-compatible-chat-model.js";
import { ChatModelError, type ChatMessage } from "../../src/core/ports/chat-model.js";
import { testChatModel } from "../contracts/chat-model-contract.js";
import { refusedBaseUrl, startScriptedLlmServer, type ScriptedLlmServer } from "../support/scripted-llm-server.js";

const MODEL = "qwen2.5:7b-instruct";
const MESSAGES: readonly ChatMessage[] = [
  { role: "system", content: "只根据编号段落回答,每句标注[编号]。" },
  { role: "user", content: "[1] 森林覆盖率达52%。\n问题:江津森林覆盖率是多少?" },
];
const REPLY = "江津区森林覆盖率达52%[1]。";

let llm: ScriptedLlmServer;
beforeAll(async () => {
  llm = await startScriptedLlmServer();
});
afterAll(async () => {
  await llm.close();
});

function model(options: Partial<OpenAiCompatibleChatModelOptions> = {}) {
  return createOpenAiCompatibleChatModel({ baseURL: llm.baseUrl, model: MODEL, timeoutMs: 5_000, ...options });
}

/** The ChatModelError a call rejects with, and how long it took. */
async function failure(call: () => Promise<unknown>): Promise<{ error: ChatModelError; ms: number }> {
  const started = performance.now();
  try {
    await call();
  } catch (error) {
    if (!(error instanceof ChatModelError)) throw error;
    return { error, ms: performance.now() - started };
  }
  throw new Error("expected a ChatModelError, but the call resolved");
}

testChatModel("OpenAI-compatible model over the scripted server", {
  streaming: async () => {
    llm.script({ reply: REPLY, chunkSize: 2, chunkDelayMs: 60 });
    return model();
  },
  streamingText: REPLY,
  failing: async () => {
    llm.script({ status: 500, body: { error: { message: "model runner crashed" } } });
    return model({ maxRetries: 0 });
  },
});

describe("OpenAI-compatible chat model", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("streams the reply's pieces in order and resolves with the whole text, asking as told", async () => {
    llm.script({ reply: ["江津区", "森林覆盖率", "达52%", "[1]。"] });
    const before = llm.requests.length;
    const deltas: string[] = [];
    const reply = await model().complete({ messages: MESSAGES, maxTokens: 256, onDelta: (delta) => deltas.push(delta) });
    expect(deltas).toEqual(["江津区", "森林覆盖率", "达52%", "[1]。"]);
    expect(reply).toEqual({ text: REPLY, finishReason: "stop" });
    const request = llm.requests[before]!;
    expect(request).toMatchObject({ path: "/v1/chat/completions", model: MODEL, stream: true, temperature: 0, maxTokens: 256 });
    expect(request.messages).toEqual(MESSAGES);
  });

  it("sends Authorization: Bearer <key> only when given a key — never one from OPENAI_API_KEY", async () => {
    llm.script({ reply: "好" });
    vi.stubEnv("OPENAI_API_KEY", "sk-from-the-environment");
    vi.stubEnv("OPENAI_ORG_ID", "org-from-the-environment");
    await model({ apiKey: "sk-test-123" }).complete({ messages: MESSAGES });
    expect(llm.requests.at(-1)?.authorization).toBe("Bearer sk-test-123");
    await model().complete({ messages: MESSAGES });
    expect(llm.requests.at(-1)?.authorization).toBeUndefined();
    expect(llm.requests.at(-1)?.headers["openai-organization"]).toBeUndefined();
  });

  it("maps a 500 to http-error 500 with the provider's message, after one retry", async () => {
    llm.script({ status: 500, body: { error: { message: "CUDA out of memory" } } });
    const before = llm.requests.length;
    const { error } = await failure(() => model().complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: "http-error", status: 500 });
    expect(error.message).toContain("CUDA out of memory");
    expect(llm.requests.length - before).toBe(2);
  });

  it("makes no retry that would not leave a second before the timeout", async () => {
    llm.script({ status: 500 });
    const before = llm.requests.length;
    const { error } = await failure(() => model({ timeoutMs: 1_000 }).complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: "http-error", status: 500 });
    expect(llm.requests.length - before).toBe(1);
  });

  it("recovers when the one retry after a 503 succeeds", async () => {
    llm.script([{ status: 503, body: { error: { message: "loading model" } } }, { reply: REPLY }]);
    expect((await model().complete({ messages: MESSAGES })).text).toBe(REPLY);
  });

  it("says when the token limit cut the reply, and reads other finish reasons as other", async () => {
    llm.script([{ reply: "江津区森林覆盖率达", finishReason: "length" }, { reply: "…", finishReason: "content_filter" }]);
    expect(await model().complete({ messages: MESSAGES, maxTokens: 8 })).toEqual({ text: "江津区森林覆盖率达", finishReason: "length" });
    expect((await model().complete({ messages: MESSAGES })).finishReason).toBe("other");
  });

  it("maps a 429 to http-error 429 at once when its Retry-After does not fit the timeout", async () => {
    llm.script({ status: 429, headers: { "retry-after": "30" }, body: { error: { message: "Rate limit reached for requests" } } });
    const before = llm.requests.length;
    const { error, ms } = await failure(() => model().complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: "http-error", status: 429 });
    expect(error.message).toContain("Rate limit reached");
    expect(llm.requests.length - before).toBe(1);
    expect(ms).toBeLessThan(1_000);
  });

  it("does not retry a 4xx other than 429, and reads Ollama's and vLLM's error shapes", async () => {
    llm.script({ status: 404, body: { error: `model "${MODEL}" not found, try pulling it first` } });
    const before = llm.requests.length;
    const ollama = await failure(() => model().complete({ messages: MESSAGES }));
    expect(ollama.error).toMatchObject({ failure: "http-error", status: 404 });
    expect(ollama.error.message).toContain("not found, try pulling it first");
    expect(llm.requests.length - before).toBe(1);

    llm.script({ status: 400, body: { object: "error", message: "This model's maximum context length is 4096 tokens", type: "BadRequestError", code: 400 } });
    const vllm = await failure(() => model().complete({ messages: MESSAGES }));
    expect(vllm.error).toMatchObject({ failure: "http-error", status: 400 });
    expect(vllm.error.message).toContain("maximum context length is 4096 tokens");
  });

  it("never puts the API key in a message, even when the server echoes it", async () => {
    const key = "sk-very-secret-key-0123456789";
    llm.script({ status: 401, body: { error: { message: `Incorrect API key provided: ${key}` } } });
    const { error } = await failure(() => model({ apiKey: key }).complete({ messages: MESSAGES }));
    expect(error).toMatchObject({ failure: "http-error", status: 401 });
    expect(error.message).toContain("Incorrect API key provided");
    expect(error.message).not.toContain(key);
    expect(error.stack ?? "").not.toContain(key);
  });

  it("times out within timeout + 200 ms when the first byte comes too late", async () => {
    llm.script({ reply: REPLY, firstByteDelayMs: 3_000 });
    const { error, ms } = await failure(() => model({ timeoutMs: 500 }).complete({ messages: MESSAGES }));
    expect(error.failure).toBe("timeout");
    expect(ms).toBeGreaterThanOrEqual(480);
    expect(ms).toBeLessThan(700);
  });

  it("times out at firstTokenTimeoutMs when the headers come but no token follows", async () => {
    llm.script({ reply: REPLY, chunkDelayMs: 2_000 });
    const { error, ms } = await failure(() => model({ timeoutMs: 5_000, firstTokenTimeoutMs: 300 }).complete({ messages: MESSAGES }));
    expect(error.failure).toBe("timeout");
    expect(error.message).toContain("first token");
    expect(ms).toBeLessThan(500);
  });

  it("times out a reply that streams past timeoutMs, after the pieces that came in time", async () => {
    llm.script({ reply: REPLY, chunkSize: 1, chunkDelayMs: 100 });
    const deltas: string[] = [];
    const { error, ms } = await failure(() => model({ timeoutMs: 600 }).complete({ messages: MESSAGES, onDelta: (delta) => deltas.push(delta) }));
    expect(error.failure).toBe("timeout");
    expect(ms).toBeLessThan(800);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join("").length).toBeLessThan([...REPLY].length);
  });

  it("rejects with aborted promptly when the caller aborts before the first byte", async () => {
    llm.script({ reply: REPLY, firstByteDelayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error, ms } = await failure(() => model().complete({ messages: MESSAGES, signal: controller.signal }));
    expect(error.failure).toBe("aborted");
    expect(ms).toBeLessThan(300);
  });

  it("closes the connection of an aborted call, so the server stops generating", async () => {
    llm.script({ reply: REPLY, chunkSize: 1, chunkDelayMs: 50 });
    const controller = new AbortController();
    const call = model().complete({ messages: MESSAGES, signal: controller.signal, onDelta: () => controller.abort() });
    expect((await failure(() => call)).error.failure).toBe("aborted");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(llm.openResponses).toBe(0);
  });

  it("keeps concurrent calls apart", async () => {
    llm.script((request) => ({ reply: `答:${request.messages.at(-1)?.content ?? ""}`, chunkSize: 1, chunkDelayMs: 10 }));
    const ask = (question: string) => {
      const deltas: string[] = [];
      return model()
        .complete({ messages: [{ role: "user", content: question }], onDelta: (delta) => deltas.push(delta) })
        .then(({ text }) => ({ text, streamed: deltas.join("") }));
    };
    const [first, second] = await Promise.all([ask("森林覆盖率"), ask("地区生产总值")]);
    expect(first).toEqual({ text: "答:森林覆盖率", streamed: "答:森林覆盖率" });
    expect(second).toEqual({ text: "答:地区生产总值", streamed: "答:地区生产总值" });
  });

  it("reports a stream cut half way as cut-stream, after passing on the pieces that arrived", async () => {
    llm.script({ reply: ["江津区", "森林覆盖率", "达52%", "[1]。"], cutAfterChunks: 2 });
    const deltas: string[] = [];
    const { error } = await failure(() => model().complete({ messages: MESSAGES, onDelta: (delta) => deltas.push(delta) }));
    expect(error.failure).toBe("cut-stream");
    expect(deltas).toEqual(["江津区", "森林覆盖率"]);
  });

  it("reports a stream that ends without a finish_reason as cut-stream", async () => {
    llm.script({ reply: REPLY, omitFinishReason: true });
    const { error } = await failure(() => model().complete({ messages: MESSAGES }));
    expect(error.failure).toBe("cut-stream");
  });

  it("reports an unparseable chunk as malformed", async () => {
    llm.script({ reply: REPLY, malformedAfterChunks: 1 });
    const { error } = await failure(() => model().complete({ messages: MESSAGES }));
    expect(error.failure).toBe("malformed");
  });

  it("reports a refused connection as network, without waiting for the timeout", async () => {
    const closed = createOpenAiCompatibleChatModel({ baseURL: await refusedBaseUrl(), model: MODEL, timeoutMs: 5_000 });
    const { error, ms } = await failure(() => closed.complete({ messages: MESSAGES }));
    expect(error.failure).toBe("network");
    expect(error.message).toContain("127.0.0.1");
    expect(ms).toBeLessThan(1_000);
  });

  it("resolves an empty reply as the empty string, with no deltas", async () => {
    llm.script({ reply: "" });
    const deltas: string[] = [];
    expect((await model().complete({ messages: MESSAGES, onDelta: (delta) => deltas.push(delta) })).text).toBe("");
    expect(deltas).toEqual([]);
  });

  it("hands back the caller's own error when onDelta throws, and stops reading", async () => {
    llm.script({ reply: REPLY, chunkSize: 1, chunkDelayMs: 20 });
    const mistake = new RangeError("widget closed");
    let calls = 0;
    await expect(
      model().complete({
        messages: MESSAGES,
        onDelta: () => {
          calls++;
          throw mistake;
        },
      }),
    ).rejects.toBe(mistake);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(1);
  });

  it("uses an injected fetch", async () => {
    llm.script({ reply: REPLY });
    const urls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    expect((await model({ fetch: counting }).complete({ messages: MESSAGES })).text).toBe(REPLY);
    expect(urls).toEqual([`${llm.baseUrl}/chat/completions`]);
  });

  it("maps an error event inside the stream to http-error, after the text before it", async () => {
    const deltas: string[] = [];
    const streamed = sseFetch([chunk({ content: "江津" }), `data: ${JSON.stringify({ error: { message: "upstream overloaded", type: "server_error" } })}\n\n`]);
    const { error } = await failure(() => model({ fetch: streamed }).complete({ messages: MESSAGES, onDelta: (delta) => deltas.push(delta) }));
    expect(error).toMatchObject({ failure: "http-error", status: undefined });
    expect(error.message).toContain("upstream overloaded");
    expect(deltas).toEqual(["江津"]);
  });

  it("keeps a reply whose connection breaks after its finish_reason, before [DONE]", async () => {
    const streamed = sseFetch([chunk({ content: "江津区" }), chunk({}, "stop")], { breakAtEnd: true });
    expect((await model({ fetch: streamed }).complete({ messages: MESSAGES })).text).toBe("江津区");
  });

  it("keeps only the answer of a reasoning model, and its reasoning counts as the first token", async () => {
    const streamed = sseFetch([chunk({ reasoning_content: "先找段落" }), chunk({ content: "52%" }), chunk({}, "stop"), "data: [DONE]\n\n"], { delayMs: 150 });
    const deltas: string[] = [];
    expect((await model({ fetch: streamed, firstTokenTimeoutMs: 250 }).complete({ messages: MESSAGES, onDelta: (delta) => deltas.push(delta) })).text).toBe("52%");
    expect(deltas).toEqual(["52%"]);
  });

  it("reports a chunk without a choices array as malformed", async () => {
    const { error } = await failure(() => model({ fetch: sseFetch([`data: {"id":"x","object":"chat.completion.chunk"}\n\n`]) }).complete({ messages: MESSAGES }));
    expect(error.failure).toBe("malformed");
  });

  it("refuses options that cannot work", () => {
    expect(() => createOpenAiCompatibleChatModel({ baseURL: "localhost:11434", model: MODEL })).toThrow(/baseURL/u);
    expect(() => createOpenAiCompatibleChatModel({ baseURL: llm.baseUrl, model: " " })).toThrow(/model/u);
    expect(() => createOpenAiCompatibleChatModel({ baseURL: llm.baseUrl, model: MODEL, timeoutMs: 0 })).toThrow(/timeoutMs/u);
  });
});

describe("the scripted server itself", () => {
  const post = (body: unknown) => fetch(`${llm.baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("answers a non-streaming request with one chat.completion", async () => {
    llm.script({ reply: REPLY });
    const response = await post({ model: MODEL, messages: MESSAGES });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ object: "chat.completion", model: MODEL, choices: [{ message: { role: "assistant", content: REPLY }, finish_reason: "stop" }] });
    expect(llm.requests.at(-1)).toMatchObject({ stream: false, model: MODEL });
  });

  it("answers 500 once a queue is used up", async () => {
    llm.script([{ reply: "一" }]);
    expect((await post({ model: MODEL, messages: MESSAGES })).status).toBe(200);
    const after = await post({ model: MODEL, messages: MESSAGES });
    expect(after.status).toBe(500);
    expect(await after.text()).toContain("no scenario left");
  });
});

/** One streamed chat.completion.chunk line. */
function chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 0, model: MODEL, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}

/** A fetch answering 200 with these SSE lines, `delayMs` apart; `breakAtEnd` errors the body instead of ending it. */
function sseFetch(lines: readonly string[], options: { delayMs?: number; breakAtEnd?: boolean } = {}): typeof fetch {
  return async () => {
    const encoder = new TextEncoder();
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        const line = lines[index++];
        if (line !== undefined) controller.enqueue(encoder.encode(line));
        else if (options.breakAtEnd) controller.error(new TypeError("terminated"));
        else controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
  };
}
