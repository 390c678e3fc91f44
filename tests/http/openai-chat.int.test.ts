import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { createApp } from "../../src/http/create-app.js";
import {
  chatCompletionChunkSchema,
  chatCompletionSchema,
  modelListSchema,
  openAiErrorSchema,
  type Annotation,
  type ChatCompletion,
  type ChatCompletionChunk,
} from "../../src/http/openai-chat-schemas.js";
import { reportText } from "../support/corpus.js";
import { reportEngine } from "../support/engine.js";
import { listen, type LocalServer } from "../support/local-server.js";
import { consumeAsOpenWebUi } from "../support/open-webui-consumer.js";

// The OpenAI-compatible API as OpenAI clients meet it: the official `openai` package against the
// app served on loopback (extractive answerer, API key on), raw SSE read by hand, and a consumer
// that reads citations the way Open WebUI does. Every citation must be an exact span of the report.

const API_KEY = "sk-openai-chat-test";
const MODEL = "jiangjin-15th-congress-report";
const GDP_QUESTION = "到2026年江津区地区生产总值的目标是多少?";
const FIVE_ACTIONS = "五大专项行动是哪五个";

let server: LocalServer;
let client: OpenAI;

beforeAll(async () => {
  server = await listen(createApp(await reportEngine(), { vectorIndex: "brute-force" }, { apiKey: API_KEY, answerCacheEntries: 0 }));
  client = new OpenAI({ baseURL: `${server.baseUrl}/v1`, apiKey: API_KEY, maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
});

const user = (content: string) => ({ role: "user" as const, content });

/** Every annotation locates its [n] in the content and quotes the report exactly at its offsets. */
function expectExactAnnotations(content: string, annotations: readonly Annotation[]): void {
  expect(annotations.length).toBeGreaterThan(0);
  const markers = [...content.matchAll(/\[(\d+)\]/gu)];
  expect(annotations).toHaveLength(markers.length);
  for (const { url_citation: citation } of annotations) {
    expect(content.slice(citation.start_index, citation.end_index)).toBe(`[${citation.marker}]`);
    expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
    expect(citation.source).toBe("corpus/jiangjin-15th-congress-report.txt");
    expect(citation.section.length).toBeGreaterThan(0);
    expect(citation.verdict).toBe("verbatim");
    expect(citation.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/passage\?/u);
  }
}

async function rawPost(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function expectOpenAiError(response: Response, status: number, code: string | null, param?: string | null, message?: RegExp): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = openAiErrorSchema.strict().parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  if (param !== undefined) expect(body.error.param).toBe(param);
  if (message) expect(body.error.message).toMatch(message);
}

/** The data lines of an SSE body: each must be `data: …`, separated by blank lines. */
function dataLines(body: string): string[] {
  const events = body.split("\n\n").filter((event) => event.length > 0);
  for (const event of events) expect(event).toMatch(/^data: [^\n]+$/u);
  return events.map((event) => event.slice("data: ".length));
}

describe("GET /v1/models", () => {
  it("lists the served corpus as the one model, with the SDK", async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((model) => model.id)).toEqual([MODEL]);
    expect(models[0]?.object).toBe("model");
    const raw = await fetch(`${server.baseUrl}/v1/models`, { headers: { authorization: `Bearer ${API_KEY}` } });
    modelListSchema.strict().parse(await raw.json());
    expect((await client.models.retrieve(MODEL)).id).toBe(MODEL);
    await expect(client.models.retrieve("gpt-4o")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe("POST /v1/chat/completions with the openai SDK", () => {
  it("answers without streaming: content with [n], url_citation annotations that are exact report spans", async () => {
    const completion = await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)] });
    const parsed: ChatCompletion = chatCompletionSchema.parse(completion);
    const message = parsed.choices[0]!.message;
    expect(message.content).toContain("1800亿元");
    expect(message.content).toMatch(/\[1\]/u);
    expectExactAnnotations(message.content, message.annotations);
    expect(parsed.choices[0]!.finish_reason).toBe("stop");
    expect(parsed.model).toBe(MODEL);
    expect(parsed.abstained).toBe(false);
    expect(parsed.citations).toEqual(parsed.search_results.map((result) => result.url));
    expect(parsed.search_results.map((result) => result.marker)).toEqual(parsed.search_results.map((_, index) => index + 1));
    // Usage counts characters (no tokenizer): the completion is the content's length.
    expect(parsed.usage.completion_tokens).toBe(message.content.length);
    expect(parsed.usage.prompt_tokens).toBe(GDP_QUESTION.length);
  });

  it("gives the same answer as POST /api/ask", async () => {
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: "system", content: "You are a helpful assistant. Answer in English." }, user(FIVE_ACTIONS)] });
    const api = await fetch(`${server.baseUrl}/api/ask`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}` }, body: JSON.stringify({ question: FIVE_ACTIONS }) });
    const response = askResponseSchema.parse(await api.json());
    // The system message changes nothing: the answer is the report's.
    expect(completion.choices[0]!.message.content).toBe(response.answer);
    const parsed = chatCompletionSchema.parse(completion);
    expect(parsed.search_results.map((result) => [result.quote, result.quoteStart, result.quoteEnd])).toEqual(response.citations.map((citation) => [citation.quote, citation.quoteStart, citation.quoteEnd]));
  });

  it("streams chunks that concatenate to the non-stream content, annotations before the end", async () => {
    const whole = chatCompletionSchema.parse(await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)] }));
    const stream = await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)], stream: true, stream_options: { include_usage: true } });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chatCompletionChunkSchema.parse(chunk));
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(content).toBe(whole.choices[0]!.message.content);
    const annotations = chunks.flatMap((chunk) => chunk.choices[0]?.delta.annotations ?? []);
    expect(annotations).toEqual(whole.choices[0]!.message.annotations);
    // Each annotation rides on the chunk whose sentence holds its marker.
    let offset = 0;
    for (const chunk of chunks) {
      const text = chunk.choices[0]?.delta.content ?? "";
      for (const annotation of chunk.choices[0]?.delta.annotations ?? []) {
        expect(annotation.url_citation.start_index).toBeGreaterThanOrEqual(offset);
        expect(annotation.url_citation.end_index).toBeLessThanOrEqual(offset + text.length);
      }
      offset += text.length;
    }
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason === "stop");
    expect(finish?.search_results).toEqual(whole.search_results);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual(whole.usage);
    expect(last.search_results).toEqual(whole.search_results);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it("reads the earlier turns as the conversation: a follow-up is answered from it", async () => {
    const first = await client.chat.completions.create({ model: MODEL, messages: [user("2021年地区生产总值是多少")] });
    const answer = first.choices[0]!.message.content!;
    expect(answer).toContain("1200亿元");
    const messages = [user("2021年地区生产总值是多少"), { role: "assistant" as const, content: answer }, user("那到2026年呢?")];
    const followUp = chatCompletionSchema.parse(await client.chat.completions.create({ model: MODEL, messages }));
    const alone = chatCompletionSchema.parse(await client.chat.completions.create({ model: MODEL, messages: [user("那到2026年呢?")] }));
    const content = followUp.choices[0]!.message.content;
    expect(content).toContain("地区生产总值达1800亿元");
    expectExactAnnotations(content, followUp.choices[0]!.message.annotations);
    // Without the conversation the same words are another question (the whole 2026 targets sentence).
    expect(alone.choices[0]!.message.content).not.toBe(content);
    const api = await fetch(`${server.baseUrl}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ question: "那到2026年呢?", history: messages.slice(0, 2) }),
    });
    expect(askResponseSchema.parse(await api.json()).answer).toBe(content);
    // After the 2026 GDP target, "and forest coverage?" asks for a 2026 forest-coverage figure, which
    // the report does not give (it only says coverage keeps rising): refused as such, from the conversation.
    const target = await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)] });
    const forest = chatCompletionSchema.parse(
      await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION), { role: "assistant", content: target.choices[0]!.message.content! }, user("那森林覆盖率呢?")] }),
    );
    expect(forest.abstention_reason).toBe("figure-not-given");
    const forestAlone = chatCompletionSchema.parse(await client.chat.completions.create({ model: MODEL, messages: [user("那森林覆盖率呢?")] }));
    expect(forestAlone.choices[0]!.message.content).toContain("不断提高全区森林覆盖率[1]");
    // The same conversation streamed gives the same answer.
    const stream = await client.chat.completions.create({ model: MODEL, messages, stream: true });
    let streamed = "";
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
    expect(streamed).toBe(content);
  });

  it("takes content as an array of text parts, as some clients send it", async () => {
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: [{ type: "text", text: "到2026年江津区地区生产总值" }, { type: "text", text: "的目标是多少?" }] }] });
    expect(completion.choices[0]!.message.content).toContain("1800亿元");
  });

  it("returns a refusal as a normal assistant message with no citations and abstained set, in both modes", async () => {
    const question = "2019年上海的GDP是多少";
    const completion = chatCompletionSchema.parse(await client.chat.completions.create({ model: MODEL, messages: [user(question)] }));
    const message = completion.choices[0]!.message;
    expect(message.content).toMatch(/报告没有/u);
    expect(message.annotations).toEqual([]);
    expect(completion.citations).toEqual([]);
    expect(completion.search_results).toEqual([]);
    expect(completion.abstained).toBe(true);
    expect(completion.answer_kind).toBe("not-in-report");
    expect(completion.abstention_reason).toBe("other-year");
    const stream = await client.chat.completions.create({ model: MODEL, messages: [user(question)], stream: true });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chatCompletionChunkSchema.parse(chunk));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(message.content);
    expect(chunks.at(-1)?.abstained).toBe(true);
    expect(chunks.at(-1)?.citations).toEqual([]);
  });

  it("stops reading when the client's AbortController fires, and serves the next question", async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)], stream: true }, { signal: controller.signal });
    const seen: string[] = [];
    // The SDK ends the iteration quietly on its own abort. (That the server then aborts the
    // engine's work and frees the slot is tested with a model that is still writing: openai-chat-generative.int.test.ts.)
    for await (const chunk of stream) {
      seen.push(chunk.choices[0]?.delta.role ?? "");
      controller.abort();
    }
    // Chunks already received may still be yielded; nothing after the abort is read.
    expect(seen[0]).toBe("assistant");
    const next = await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)] });
    expect(next.choices[0]!.message.content).toContain("1800亿元");
  });
});

describe("the API key as an OpenAI client sends it", () => {
  it("accepts the right Bearer key and refuses a wrong one with AuthenticationError", async () => {
    const wrong = new OpenAI({ baseURL: `${server.baseUrl}/v1`, apiKey: "sk-wrong", maxRetries: 0 });
    const error = await wrong.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("answers a missing key with 401 in OpenAI's shape and a Bearer challenge", async () => {
    const response = await fetch(`${server.baseUrl}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: MODEL, messages: [user(GDP_QUESTION)] }) });
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/u);
    await expectOpenAiError(response, 401, "invalid_api_key", null);
  });
});

describe("bad requests get 4xx in OpenAI's shape", () => {
  it("names the problem through the SDK's error classes", async () => {
    const noUser = await client.chat.completions.create({ model: MODEL, messages: [{ role: "system", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(noUser).toBeInstanceOf(OpenAI.BadRequestError);
    expect((noUser as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("messages");
    const twoChoices = await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)], n: 2 }).catch((caught: unknown) => caught);
    expect(twoChoices).toBeInstanceOf(OpenAI.BadRequestError);
    expect((twoChoices as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("n");
    const wrongModel = await client.chat.completions.create({ model: "gpt-4o", messages: [user(GDP_QUESTION)] }).catch((caught: unknown) => caught);
    expect(wrongModel).toBeInstanceOf(OpenAI.NotFoundError);
    expect((wrongModel as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
    const streamedWrongModel = await client.chat.completions.create({ model: "gpt-4o", messages: [user(GDP_QUESTION)], stream: true }).catch((caught: unknown) => caught);
    expect(streamedWrongModel).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("refuses each malformed body with a clear 4xx", async () => {
    await expectOpenAiError(await rawPost("{not json"), 400, "bad_request", null);
    await expectOpenAiError(await rawPost("[]"), 400, "bad_request", null);
    await expectOpenAiError(await rawPost({ messages: [user(GDP_QUESTION)] }), 400, "invalid_value", "model");
    await expectOpenAiError(await rawPost({ model: MODEL }), 400, "invalid_value", "messages");
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [] }), 400, "invalid_value", "messages");
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [user(GDP_QUESTION), { role: "assistant", content: "到2026年" }] }), 400, "invalid_value", "messages");
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [user("   ")] }), 400, "invalid_value", "messages");
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [user("问".repeat(1001))] }), 400, "string_above_max_length", "messages");
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [{ role: "tool", content: "x", tool_call_id: "1" }] }), 400, "invalid_value", "messages.0.role", /calls no tools/u);
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:," } }] }] }), 400, "invalid_value", "messages.0.content.0", /image_url.*not supported/u);
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [user(GDP_QUESTION)], stream: "yes" }), 400, "invalid_value", "stream");
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [user(GDP_QUESTION)], temperature: 7 }), 400, "invalid_value", "temperature");
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [user(GDP_QUESTION)] }, { "content-type": "text/plain" }), 415, "unsupported_media_type", null);
    await expectOpenAiError(await rawPost({ model: MODEL, messages: [user("问".repeat(70_000))] }), 413, "payload_too_large", null);
    await expectOpenAiError(await fetch(`${server.baseUrl}/v1/embeddings`, { headers: { authorization: `Bearer ${API_KEY}` } }), 404, "unknown_url", null);
  });

  it("accepts and ignores the sampling options OpenAI clients send", async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [user(GDP_QUESTION)],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 5,
      presence_penalty: 0,
      frequency_penalty: 0,
      seed: 1,
      stop: ["。"],
      user: "someone",
      n: 1,
    });
    // max_tokens does not cut the answer: a cut would separate a quote from its marker.
    expect(completion.choices[0]!.message.content).toContain("1800亿元左右[1]");
  });
});

describe("the stream read by hand", () => {
  it("is data-only SSE lines of chunks ending with data: [DONE], the citation list on the chunk before it", async () => {
    const response = await rawPost({ model: MODEL, messages: [user(FIVE_ACTIONS)], stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/u);
    const lines = dataLines(await response.text());
    expect(lines.at(-1)).toBe("[DONE]");
    const chunks = lines.slice(0, -1).map((line) => chatCompletionChunkSchema.strict().parse(JSON.parse(line)));
    const last = chunks.at(-1)!;
    expect(last.choices[0]?.finish_reason).toBe("stop");
    expect(last.usage).toBeUndefined();
    expect(last.search_results?.length).toBeGreaterThan(0);
    expect(last.citations).toEqual(last.search_results?.map((result) => result.url));
    for (const result of last.search_results ?? []) expect(reportText.slice(result.quoteStart, result.quoteEnd)).toBe(result.quote);
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expectExactAnnotations(content, chunks.flatMap((chunk) => chunk.choices[0]?.delta.annotations ?? []));
  });

  it("each citation's URL opens its passage with the quote marked", async () => {
    const completion = chatCompletionSchema.parse(await client.chat.completions.create({ model: MODEL, messages: [user(GDP_QUESTION)] }));
    for (const result of completion.search_results) {
      const page = await fetch(result.url);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/u);
      expect(await page.text()).toContain(`<mark>${result.quote.replace(/[&<>"']/gu, (character) => `&#${character.charCodeAt(0)};`)}</mark>`);
    }
    expect((await fetch(`${server.baseUrl}/passage?source=corpus/jiangjin-15th-congress-report.txt&start=10&end=5`)).status).toBe(400);
    expect((await fetch(`${server.baseUrl}/passage?source=nothing.txt&start=1&end=5`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/passage`)).status).toBe(400);
  });
});

describe("an Open WebUI-style consumer", () => {
  it("finds every citation, one per [n], in marker order, before the stream ends", async () => {
    for (const question of [GDP_QUESTION, FIVE_ACTIONS, "江津森林覆盖率达到多少?"]) {
      const whole = chatCompletionSchema.parse(await client.chat.completions.create({ model: MODEL, messages: [user(question)] }));
      const response = await rawPost({ model: MODEL, messages: [user(question)], stream: true, stream_options: { include_usage: true } });
      const text = await response.text();
      const message = consumeAsOpenWebUi(text);
      expect(message.error).toBeUndefined();
      expect(message.content).toBe(whole.choices[0]!.message.content);
      expect(message.usage).toEqual(whole.usage);
      expect(whole.search_results.length, question).toBeGreaterThan(0);
      // Open WebUI's [n] opens its n-th citation: that must be the span our marker n cites.
      expect(message.citations.map((citation) => citation.id)).toEqual(whole.search_results.map((result) => result.url));
      for (const [index, citation] of message.citations.entries()) expect(citation.document[0]).toContain(whole.search_results[index]!.quote);
      // Every source arrived before [DONE].
      const beforeDone = text.slice(0, text.lastIndexOf("data: [DONE]"));
      expect(consumeAsOpenWebUi(beforeDone).citations).toHaveLength(message.citations.length);
    }
  });
});
