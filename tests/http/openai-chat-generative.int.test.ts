import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.js";
import { chatCompletionChunkSchema, chatCompletionSchema, openAiErrorSchema, type ChatCompletionChunk } from "../../src/http/openai-chat-schemas.js";
import { reportText } from "../support/corpus.js";
import { generativeEngine } from "../support/generative-engine.js";
import { listen, type LocalServer } from "../support/local-server.js";
import { consumeAsOpenWebUi } from "../support/open-webui-consumer.js";
import { ScriptedChatModel, type ScriptStep } from "../support/scripted-chat-model.js";

// The generative answerer behind /v1/chat/completions, over loopback with the official SDK: the
// gate's answer is what both modes send (a sentence the gate removes never reaches the client,
// not even for a moment), and a client that goes away mid-answer aborts the model call and gives
// back the in-flight slot.

const MODEL = "jiangjin-15th-congress-report";
const QUESTION = "到2026年江津地区生产总值目标是多少?";
// The middle sentence makes up a figure the report does not give: the gate removes it.
const WITH_FABRICATION = "到2026年，江津地区生产总值将达到1800亿元左右[1]。届时人均GDP将达到20万元[1]。年均增长6%以上[1]。";

let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(steps: readonly ScriptStep[], options: { maxInFlight?: number; requestTimeoutMs?: number } = {}): Promise<{ model: ScriptedChatModel; client: OpenAI; baseUrl: string }> {
  const model = new ScriptedChatModel(steps);
  // No answer cache: each request must reach the model, as a first question does.
  server = await listen(createApp(await generativeEngine(model), { vectorIndex: "brute-force" }, { answerCacheEntries: 0, maxInFlight: options.maxInFlight ?? 4, requestTimeoutMs: options.requestTimeoutMs ?? 10_000 }));
  return { model, client: new OpenAI({ baseURL: `${server.baseUrl}/v1`, apiKey: "unused", maxRetries: 0 }), baseUrl: server.baseUrl };
}

const messages = [{ role: "user" as const, content: QUESTION }];

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function inFlight(baseUrl: string): Promise<number> {
  return ((await (await fetch(`${baseUrl}/api/health`)).json()) as { inFlight: number }).inFlight;
}

describe("the generative answerer through /v1/chat/completions", () => {
  it("sends the gated answer in both modes; the removed sentence never reaches any chunk", async () => {
    const reply: ScriptStep = { reply: WITH_FABRICATION, pieces: 6, delayMs: 10 };
    const { client, baseUrl } = await serve([reply, reply, reply]);
    const whole = chatCompletionSchema.parse(await client.chat.completions.create({ model: MODEL, messages }));
    const content = whole.choices[0]!.message.content;
    expect(whole.answer_mode).toBe("mixed");
    expect(content).toContain("1800亿元");
    expect(content).not.toContain("20万元");
    for (const { url_citation: citation } of whole.choices[0]!.message.annotations) {
      expect(content.slice(citation.start_index, citation.end_index)).toBe(`[${citation.marker}]`);
      expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
      expect(citation.verdict).toBe("supported");
    }
    expect(whole.choices[0]!.message.annotations.length).toBeGreaterThan(0);

    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await client.chat.completions.create({ model: MODEL, messages, stream: true })) chunks.push(chatCompletionChunkSchema.parse(chunk));
    for (const chunk of chunks) expect(chunk.choices[0]?.delta.content ?? "").not.toContain("20万元");
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(content);
    expect(chunks.flatMap((chunk) => chunk.choices[0]?.delta.annotations ?? [])).toEqual(whole.choices[0]!.message.annotations);
    expect(chunks.at(-1)?.search_results).toEqual(whole.search_results);

    const raw = await fetch(`${baseUrl}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: MODEL, messages, stream: true }) });
    const read = consumeAsOpenWebUi(await raw.text());
    expect(read.content).toBe(content);
    expect(read.citations.map((citation) => citation.id)).toEqual(whole.citations);
  });

  it("streams the extractive answer when the model's does not pass the gate", async () => {
    const { client } = await serve([{ reply: "到2026年，江津地区生产总值将达到2500亿元左右[1]。", pieces: 3 }]);
    let content = "";
    let last: ChatCompletionChunk | undefined;
    for await (const chunk of await client.chat.completions.create({ model: MODEL, messages, stream: true })) {
      last = chatCompletionChunkSchema.parse(chunk);
      content += last.choices[0]?.delta.content ?? "";
      for (const annotation of last.choices[0]?.delta.annotations ?? []) expect(annotation.url_citation.verdict).toBe("verbatim");
    }
    expect(content).toContain("1800亿元");
    expect(content).not.toContain("2500");
    expect(last?.answer_mode).toBe("extractive");
  });

  it("aborts the model call and frees the in-flight slot when the SDK's AbortController fires mid-stream", async () => {
    const { model, client, baseUrl } = await serve([{ hang: true }, { reply: "到2026年地区生产总值达1800亿元左右[1]。" }], { maxInFlight: 1 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: MODEL, messages, stream: true }, { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.choices[0]?.delta.role).toBe("assistant");
    await until(() => model.requests.length === 1, "the model call");
    expect(await inFlight(baseUrl)).toBe(1);
    // While it streams, the one slot is taken: OpenAI's shape, 503 with Retry-After.
    const busy = await fetch(`${baseUrl}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: MODEL, messages }) });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(openAiErrorSchema.parse(await busy.json()).error).toMatchObject({ type: "server_error", code: "overloaded" });

    controller.abort();
    await iterator.next().catch(() => undefined);
    await until(() => model.requests[0]!.signal?.aborted === true, "the model call to be aborted");
    await until(async () => (await inFlight(baseUrl)) === 0, "the slot to be given back");
    const next = await client.chat.completions.create({ model: MODEL, messages });
    expect(next.choices[0]!.message.content).toContain("1800亿元");
  });

  it("ends a stream whose time is up with an error chunk in OpenAI's shape and no [DONE]; the SDK raises it", async () => {
    const { model, client, baseUrl } = await serve([{ hang: true }, { hang: true }], { maxInFlight: 1, requestTimeoutMs: 200 });
    const raw = await fetch(`${baseUrl}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: MODEL, messages, stream: true }) });
    const lines = (await raw.text()).split("\n\n").filter(Boolean);
    expect(lines.at(-1)).not.toBe("data: [DONE]");
    const error = openAiErrorSchema.parse(JSON.parse(lines.at(-1)!.slice("data: ".length)));
    expect(error.error).toMatchObject({ type: "server_error", code: "timeout" });
    expect(model.requests[0]!.signal?.aborted).toBe(true);
    await until(async () => (await inFlight(baseUrl)) === 0, "the slot to be given back");

    const failed = await (async () => {
      for await (const _chunk of await client.chat.completions.create({ model: MODEL, messages, stream: true })) {
        // the role chunk, then the error
      }
    })().catch((caught: unknown) => caught);
    expect(failed).toBeInstanceOf(OpenAI.APIError);
    expect(String((failed as Error).message)).toMatch(/longer than 200 ms/u);
  });

  it("answers 503 timeout in OpenAI's shape when a non-streamed answer's time is up", async () => {
    const { baseUrl } = await serve([{ hang: true }], { requestTimeoutMs: 200 });
    const response = await fetch(`${baseUrl}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: MODEL, messages }) });
    expect(response.status).toBe(503);
    expect(openAiErrorSchema.parse(await response.json()).error).toMatchObject({ type: "server_error", code: "timeout" });
    await until(async () => (await inFlight(baseUrl)) === 0, "the slot to be given back");
  });
});
