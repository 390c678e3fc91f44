import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelPartsFor } from "../../src/adapters/generative-answerer-factory.js";
import { createMarkerStripper, stripMarkers } from "../../src/core/answering/generative/markers.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import { askResponseSchema, type AskResponse } from "../../src/core/schemas/ask-response.js";
import { createApp } from "../../src/http/create-app.js";
import { committedLexicon } from "../support/committed-lexicon.js";
import { reportDocument, reportText } from "../support/corpus.js";
import { listen, type LocalServer } from "../support/local-server.js";
import { startScriptedLlmServer, type RecordedRequest, type ScriptedLlmServer, type ScriptedScenario } from "../support/scripted-llm-server.js";

// The generative path as it runs in production, end to end over real sockets: the app served
// by @hono/node-server on loopback, its engine's answerer built by modelPartsFor() from the
// same settings ANSWERER=generative reads (the real OpenAI-compatible adapter), talking to
// the scripted OpenAI-compatible server on loopback. Every figure the scripts fabricate is
// counted, and the last test checks that none reached any answer a user was given.

const API_KEY = "sk-generative-over-http-test";
const MODEL = "qwen2.5:7b-instruct";
const LLM_TIMEOUT_MS = 1_500;
// Figures below are read from corpus/jiangjin-15th-congress-report.txt:
// "到2026年,地区生产总值达1800亿元左右,年均增长6%以上" and "森林覆盖率达52%".
const GDP_QUESTION = "到2026年江津地区生产总值目标是多少?";
const FOREST_QUESTION = "江津森林覆盖率达到多少?";
const FAITHFUL = "到2026年，江津地区生产总值将达到1800亿元左右[1]。年均增长6%以上[1]。";

let llm: ScriptedLlmServer;
let app: LocalServer;
/** Every number a script makes up, and every answer a user was shown in the end. */
const fabricated: string[] = [];
const finalAnswers: string[] = [];

const fabricate = (figure: string): string => {
  fabricated.push(figure);
  return figure;
};

beforeAll(async () => {
  llm = await startScriptedLlmServer({ status: 500 });
  const engine = await buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, {
    lexicon: committedLexicon(),
    // The question rewrite is off here (each question is one model call); tests/http/question-rewrite-over-http.int.test.ts has it on.
    ...modelPartsFor({ kind: "generative", baseUrl: llm.baseUrl, model: MODEL, apiKey: API_KEY, timeoutMs: LLM_TIMEOUT_MS, rewrite: false }),
  });
  // No answer cache: every request must reach the model server, as a first question does. One
  // request at a time: a stream that did not give back its in-flight slot makes the next one 503.
  app = await listen(createApp(engine, { vectorIndex: "brute-force" }, { answerCacheEntries: 0, requestTimeoutMs: 10_000, maxInFlight: 1 }));
});

afterAll(async () => {
  await app?.close();
  await llm?.close();
});

/** Asks over HTTP; `scenario` scripts the model's next answers (an empty list: keep the script as set). */
async function askOverHttp(question: string, scenario: ScriptedScenario | readonly ScriptedScenario[]): Promise<{ response: AskResponse; ms: number; requests: number }> {
  if (!Array.isArray(scenario) || scenario.length > 0) llm.script(scenario);
  const before = llm.requests.length;
  const started = performance.now();
  const reply = await fetch(`${app.baseUrl}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  const ms = performance.now() - started;
  expect(reply.status).toBe(200);
  expect(reply.headers.get("x-answer-cache")).toBe("miss");
  const response = askResponseSchema.parse(await reply.json());
  finalAnswers.push(response.answer);
  return { response, ms, requests: llm.requests.length - before };
}

function expectExactCitations(response: AskResponse): void {
  expect(response.citations.length).toBeGreaterThan(0);
  for (const citation of response.citations) expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
  const markers = [...response.answer.matchAll(/\[(\d+)\]/gu)].map((match) => Number(match[1]));
  expect(new Set(markers)).toEqual(new Set(response.citations.map((citation) => citation.marker)));
}

/** The extractive answer for the GDP question: what every fallback must give. */
function expectExtractiveFallback(response: AskResponse, reason: string): void {
  expect(response.answerMode).toBe("extractive");
  expect(response.abstained).toBe(false);
  expect(response.generation).toMatchObject({ provider: "openai-compatible", model: MODEL, status: "fallback", reason });
  expect(response.answer).toContain("1800亿元");
  expect(response.sentences ?? []).not.toContainEqual(expect.objectContaining({ action: "kept" }));
  expectExactCitations(response);
}

interface StreamEvent {
  readonly event: string;
  readonly data: any;
  /** Milliseconds from the request to this event's arrival. */
  readonly at: number;
}

/** POST /api/ask/stream with a real fetch, reading the SSE body as it arrives. */
async function streamOverHttp(question: string, options: { signal?: AbortSignal; onEvent?: (event: StreamEvent) => void } = {}): Promise<StreamEvent[]> {
  const started = performance.now();
  const response = await fetch(`${app.baseUrl}/api/ask/stream`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/u);
  const events: StreamEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = "";
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf("\n\n")) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (!block.trim()) continue;
      const event = /^event: (.+)$/mu.exec(block)?.[1] ?? "message";
      const data = JSON.parse([...block.matchAll(/^data: (.*)$/gmu)].map((match) => match[1]).join("\n"));
      const parsed = { event, data, at: performance.now() - started };
      events.push(parsed);
      options.onEvent?.(parsed);
    }
  }
  expect(buffered.trim()).toBe("");
  return events;
}

describe("the generative answerer over real HTTP (scripted OpenAI-compatible server, app on a loopback socket)", () => {
  it("keeps a faithful streamed answer, with exact citations; the prompt holds the numbered passages and the question; the key is sent", async () => {
    const { response, requests } = await askOverHttp(GDP_QUESTION, { reply: FAITHFUL, chunkSize: 3 });
    expect(requests).toBe(1);
    expect(response.answerMode).toBe("generative");
    expect(response.generation).toMatchObject({ provider: "openai-compatible", model: MODEL, status: "ok" });
    expect(response.engine.model).toBe(`openai-compatible:${MODEL}`);
    expect(response.answer).toBe("到2026年，江津地区生产总值将达到1800亿元左右[1]。年均增长6%以上[2]。");
    expect(response.sentences?.map((sentence) => sentence.action)).toEqual(["kept", "kept"]);
    expectExactCitations(response);

    const request = llm.requests.at(-1)!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.model).toBe(MODEL);
    expect(request.stream).toBe(true);
    expect(request.maxTokens).toBe(400);
    expect(request.temperature).toBe(0);
    const system = request.messages[0]!;
    expect(system.role).toBe("system");
    expect(system.content).toMatch(/每一句话的句末都要用方括号标出/u);
    const user = request.messages.at(-1)!;
    expect(user.role).toBe("user");
    expect(user.content.endsWith(`问题：${GDP_QUESTION}`)).toBe(true);
    // The passages shown to the reader are the first of those the model got, numbered in that order.
    let from = 0;
    for (const [index, passage] of response.passages.entries()) {
      const at = user.content.indexOf(`[${index + 1}]（`, from);
      expect(at).toBeGreaterThanOrEqual(from);
      expect(user.content.indexOf(passage.text.trim(), at)).toBeGreaterThan(at);
      from = at + 1;
    }
    expect(user.content).toContain("到2026年,地区生产总值达1800亿元左右");
  });

  it("never shows a changed number: the sentence is removed, or the whole answer falls back", async () => {
    const perCapita = fabricate("20万元");
    const mixed = await askOverHttp(GDP_QUESTION, { reply: `${FAITHFUL}届时人均GDP将达到${perCapita}[1]。` });
    expect(mixed.response.answerMode).toBe("mixed");
    expect(mixed.response.answer).not.toContain(perCapita);
    expect(mixed.response.sentences?.find((sentence) => sentence.text.includes(perCapita))).toMatchObject({ action: "removed" });
    expectExactCitations(mixed.response);

    const growth = fabricate("9%");
    const rate = await askOverHttp(GDP_QUESTION, { reply: `到2026年，江津地区生产总值将达到1800亿元左右[1]。年均增长${growth}以上[1]。` });
    expect(rate.response.answer).not.toContain(growth);
    expect(rate.response.sentences?.find((sentence) => sentence.text.includes(growth))).toMatchObject({ action: "removed", verdict: "contradicted" });
    expect(rate.response.sentences?.find((sentence) => sentence.text.includes(growth))?.reasons.join(" ")).toMatch(/9% where the report says 6%/u);

    const gdp = fabricate("2300亿元");
    const whole = await askOverHttp(GDP_QUESTION, { reply: `到2026年，江津地区生产总值将达到${gdp}左右[1]。` });
    expectExtractiveFallback(whole.response, "too-little-verified");
    expect(whole.response.answer).not.toContain("2300");

    const forest = fabricate("65%");
    const cover = await askOverHttp(FOREST_QUESTION, { reply: `江津森林覆盖率达${forest}[1]。` });
    expect(cover.response.answerMode).toBe("extractive");
    expect(cover.response.answer).toContain("52%");
    expect(cover.response.answer).not.toContain(forest);
  });

  it("repairs the marker of a sentence that cites the wrong passage", async () => {
    const { response } = await askOverHttp(GDP_QUESTION, { reply: "到2026年，江津地区生产总值将达到1800亿元左右[4]。" });
    expect(response.sentences).toEqual([expect.objectContaining({ action: "repaired", citedAs: [4], markers: [1] })]);
    expect(response.answerMode).toBe("mixed");
    expect(response.answer).toBe("到2026年，江津地区生产总值将达到1800亿元左右[1]。");
    expect(response.citations[0]!.quote).toContain("1800亿元");
    expectExactCitations(response);
  });

  it("keeps a faithful sentence of several clauses whose [n] stands at its end, and repairs it when [n] names the wrong passage", async () => {
    const forest = "森林覆盖率达52%,空气优良天数稳定达300天以上";
    const right = (request: RecordedRequest): number => passageNumber(request, forest);
    llm.script((request) => ({ reply: `江津${forest}[${right(request)}]。` }));
    const kept = await askOverHttp(FOREST_QUESTION, []);
    expect(kept.response.sentences?.map((sentence) => sentence.action)).toEqual(["kept"]);
    expect(kept.response.answerMode).toBe("generative");
    expect(kept.response.answer).toMatch(/^江津森林覆盖率达52%,空气优良天数稳定达300天以上(?:\[\d\])+。$/u);
    expectExactCitations(kept.response);

    llm.script((request) => ({ reply: `江津${forest}[${(right(request) % 6) + 1}]。` }));
    const wrong = await askOverHttp(FOREST_QUESTION, []);
    expect(wrong.response.sentences?.map((sentence) => sentence.action)).toEqual(["repaired"]);
    expect(wrong.response.answerMode).toBe("mixed");
    expectExactCitations(wrong.response);
  });

  it("reads 【1】 and ［1］ as [1] (［2］ as [2], repaired), [1,3] as its cited passages, and gives a sentence without a marker the passage that supports it", async () => {
    const fullWidth = await askOverHttp(GDP_QUESTION, { reply: "到2026年，江津地区生产总值将达到1800亿元左右【1】。年均增长6%以上［1］。" });
    expect(fullWidth.response.answerMode).toBe("generative");
    expect(fullWidth.response.sentences?.map((sentence) => [sentence.action, sentence.citedAs])).toEqual([["kept", [1]], ["kept", [1]]]);
    expect(fullWidth.response.answer).not.toMatch(/[【】［］]/u);
    expectExactCitations(fullWidth.response);

    // ［2］ read as [2]: the past five years' passage (年均增长8.2%), not the target's, so it is repaired.
    const wrongWidth = await askOverHttp(GDP_QUESTION, { reply: "到2026年，江津地区生产总值将达到1800亿元左右【1】。年均增长6%以上［2］。" });
    expect(llm.requests.at(-1)!.messages.at(-1)!.content).toMatch(/\[2\]（过去五年 › 综合实力持续增强）/u);
    expect(wrongWidth.response.sentences?.map((sentence) => [sentence.action, sentence.citedAs])).toEqual([["kept", [1]], ["repaired", [2]]]);
    expect(wrongWidth.response.answer).toBe("到2026年，江津地区生产总值将达到1800亿元左右[1]。年均增长6%以上[2]。");
    expect(wrongWidth.response.citations[1]!.quote).toBe("年均增长6%以上");
    expectExactCitations(wrongWidth.response);

    const listed = await askOverHttp(GDP_QUESTION, { reply: "到2026年地区生产总值达1800亿元左右[1,3]。年均增长6%以上。" });
    expect(listed.response.sentences?.map((sentence) => [sentence.action, sentence.citedAs])).toEqual([["kept", [1, 3]], ["repaired", []]]);
    expect(listed.response.answer).toBe("到2026年地区生产总值达1800亿元左右[1]。年均增长6%以上[2]。");
    expectExactCitations(listed.response);
  });

  it("falls back to the extractive answer on an empty reply", async () => {
    const { response } = await askOverHttp(GDP_QUESTION, { reply: "" });
    expectExtractiveFallback(response, "empty");
  });

  it("falls back (model-error) on HTTP 500 and 429, retrying once, and still answers 200 with the extractive answer", async () => {
    const failed = await askOverHttp(GDP_QUESTION, { status: 500 });
    expectExtractiveFallback(failed.response, "model-error");
    expect(failed.response.generation?.detail).toMatch(/answered 500/u);
    expect(failed.requests).toBe(2);

    const limited = await askOverHttp(GDP_QUESTION, { status: 429, headers: { "retry-after": "0" }, body: { error: { message: "rate limited", type: "rate_limit" } } });
    expectExtractiveFallback(limited.response, "model-error");
    expect(limited.response.generation?.detail).toMatch(/answered 429: rate limited/u);
    expect(limited.requests).toBe(2);
    // The provider's message is shown, the key never.
    expect(JSON.stringify(limited.response)).not.toContain(API_KEY);
  });

  it("falls back (timeout) when the first token comes after LLM_TIMEOUT_MS, within about a second of it, and closes the model's response", async () => {
    const { response, ms } = await askOverHttp(GDP_QUESTION, { reply: FAITHFUL, firstByteDelayMs: 8_000 });
    expectExtractiveFallback(response, "timeout");
    expect(ms).toBeGreaterThanOrEqual(LLM_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(LLM_TIMEOUT_MS + 1_000);
    await until(() => llm.openResponses === 0);
  });

  it("falls back (model-error) when the stream is cut half way or sends a chunk that is not JSON", async () => {
    const cut = await askOverHttp(GDP_QUESTION, { reply: FAITHFUL, cutAfterChunks: 10 });
    expectExtractiveFallback(cut.response, "model-error");
    expect(cut.response.generation?.detail).toMatch(/ended without a finish_reason|broke off/u);
    // A cut stream is not retried: the model may have been charged for it.
    expect(cut.requests).toBe(1);

    const garbled = await askOverHttp(GDP_QUESTION, { reply: FAITHFUL, malformedAfterChunks: 4 });
    expectExtractiveFallback(garbled.response, "model-error");
  });

  it("streams /api/ask/stream in order: sources, marker-free deltas with each sentence's verdict as it closes, replace, done", async () => {
    // Two characters a chunk: "[1]" reaches the server's deltas as "[1" and "]。".
    const perCapita = fabricate("25万元");
    llm.script({ reply: `${FAITHFUL}人均地区生产总值将达到${perCapita}[1]。`, chunkSize: 2, chunkDelayMs: 5 });
    const events = await streamOverHttp(GDP_QUESTION);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe("sources");
    const firstReplace = names.indexOf("replace");
    expect(names.slice(1, firstReplace).every((name) => name === "delta" || name === "sentence")).toBe(true);
    expect(firstReplace).toBeGreaterThan(10);
    expect(names.slice(firstReplace)).toEqual(["replace", "done"]);
    // The first sentences' verdicts arrive while the model is still writing the last one.
    expect(names.indexOf("sentence")).toBeLessThan(names.lastIndexOf("delta"));

    const deltas = events.filter((event) => event.event === "delta").map((event) => event.data.text as string);
    for (const text of deltas) expect(text).not.toMatch(/[[\]【】［］]|\d+\]/u);
    expect(deltas.join("")).toBe(`到2026年，江津地区生产总值将达到1800亿元左右。年均增长6%以上。人均地区生产总值将达到${perCapita}。`);

    const done = askResponseSchema.parse(events.at(-1)!.data);
    finalAnswers.push(done.answer);
    expect(done.answerMode).toBe("mixed");
    expect(done.answer).not.toContain(perCapita);
    expect(events[firstReplace]!.data).toEqual({ answer: done.answer, reason: "gated" });
    expect(events.filter((event) => event.event === "sentence").map((event) => [event.data.index, event.data.action])).toEqual([[0, "kept"], [1, "kept"], [2, "removed"]]);
    expect(events[0]!.data.passages.map((passage: { chunkId: string }) => passage.chunkId)).toEqual(done.passages.map((passage) => passage.chunkId));
    expectExactCitations(done);
  });

  it("replaces the streamed text with the extractive answer when the model's stream is cut half way", async () => {
    const gdp = fabricate("1900亿元");
    llm.script({ reply: `到2026年，江津地区生产总值将达到${gdp}左右[1]。年均增长6%以上[1]。`, chunkSize: 2, cutAfterChunks: 12 });
    const events = await streamOverHttp(GDP_QUESTION);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe("sources");
    expect(names.slice(1, -2).every((name) => name === "delta")).toBe(true);
    expect(names.slice(1, -2).length).toBeGreaterThan(3);
    expect(names.slice(-2)).toEqual(["replace", "done"]);
    // What was shown before the cut had the made-up figure; the replace takes it away.
    expect(events.filter((event) => event.event === "delta").map((event) => event.data.text).join("")).toContain(gdp);
    const done = askResponseSchema.parse(events.at(-1)!.data);
    finalAnswers.push(done.answer);
    expectExtractiveFallback(done, "model-error");
    expect(events.at(-2)!.data).toEqual({ answer: done.answer, reason: "model-error" });
  });

  it("streams a fallback as sources, one delta with the extractive answer, done", async () => {
    llm.script({ status: 503 });
    const events = await streamOverHttp(GDP_QUESTION);
    expect(events.map((event) => event.event)).toEqual(["sources", "delta", "done"]);
    const done = askResponseSchema.parse(events.at(-1)!.data);
    finalAnswers.push(done.answer);
    expectExtractiveFallback(done, "model-error");
    expect(events[1]!.data.text).toBe(done.answer);
  });

  it("aborts the model call when the client goes away mid-stream: the model server sees its response closed", async () => {
    llm.script({ reply: FAITHFUL.repeat(4), chunkSize: 2, chunkDelayMs: 60 });
    const before = llm.requests.length;
    const controller = new AbortController();
    let deltas = 0;
    const reading = streamOverHttp(GDP_QUESTION, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.event === "delta" && ++deltas === 3) controller.abort();
      },
    }).then(
      () => "ended",
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );
    expect(await reading).toBe("AbortError");
    expect(llm.requests.length).toBe(before + 1);
    // The whole reply would take ~4 s; the model server's response must close long before.
    const closedWithin = await until(() => llm.openResponses === 0, 1_500);
    expect(closedWithin).toBeLessThan(1_500);

    // The stream's in-flight slot (the only one) is free again and the next question is answered.
    for (let tries = 0; ; tries++) {
      const health = (await (await fetch(`${app.baseUrl}/api/health`)).json()) as { checks: { inFlight?: string } };
      if (health.checks.inFlight === "ok") break;
      if (tries > 100) throw new Error("the aborted stream kept its in-flight slot");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const next = await askOverHttp(GDP_QUESTION, { reply: FAITHFUL });
    expect(next.response.answerMode).toBe("generative");
  });

  it("caught every number the scripts fabricated: none is in any answer a user was given", () => {
    expect(fabricated).toEqual(["20万元", "9%", "2300亿元", "65%", "25万元", "1900亿元"]);
    expect(finalAnswers).toHaveLength(21);
    const leaked = fabricated.filter((figure) => finalAnswers.some((answer) => answer.includes(figure)));
    expect(leaked).toEqual([]);
  });
});

// The deltas above are stripped as they arrive: however a model cuts its text into pieces, what
// is shown adds up to the text without markers, and no piece shows half a marker.
describe("markers in streamed pieces", () => {
  const parts = ["到2026年", "，", "1800亿元", "[1]", "【2】", "［3］", "[1,3]", "[1、2]", "[^1]", "^2", "(1)", "（2）", "。", " ", "(食品)", "（2021年）", "[注]", "a", "5", "]"];
  it("shows the same text as stripping the whole reply, and never a piece of a marker", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 16 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }), (pieces, sizes) => {
        const text = pieces.join("");
        const stripper = createMarkerStripper();
        const shown: string[] = [];
        for (let at = 0, turn = 0; at < text.length; at += sizes[turn++ % sizes.length]!) shown.push(stripper.push(text.slice(at, at + sizes[turn % sizes.length]!)));
        shown.push(stripper.flush());
        expect(shown.join("")).toBe(stripMarkers(text));
        // A marker is never cut open: no piece ends with the first half of one ("[1", "【2", "[^1").
        for (const piece of shown) expect(piece).not.toMatch(/[[【［〔]\^?\d{1,3}$/u);
      }),
      { numRuns: 3000, seed: 20261201 },
    );
  });
});

/** The number of the passage in the prompt that holds `text`. */
function passageNumber(request: RecordedRequest, text: string): number {
  const user = request.messages.at(-1)!.content;
  const at = user.indexOf(text);
  const numbers = [...user.slice(0, at).matchAll(/^\[(\d+)\]（/gmu)];
  if (at < 0 || numbers.length === 0) throw new Error(`no passage holds ${text}`);
  return Number(numbers.at(-1)![1]);
}

/** Polls until `condition` holds; resolves with the milliseconds it took, throws past `withinMs`. */
async function until(condition: () => boolean, withinMs = 2_000): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > withinMs) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}
