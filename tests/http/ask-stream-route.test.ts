import { describe, expect, it } from "vitest";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { createApp } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";
import { generativeEngine } from "../support/generative-engine.js";
import { ScriptedChatModel } from "../support/scripted-chat-model.js";

// POST /api/ask/stream as a client meets it: the Server-Sent Events in order, the same
// AskResponse as POST /api/ask at the end, one protocol for both answerers.

interface StreamEvent {
  readonly event: string;
  readonly data: any;
}

function parseEvents(body: string): StreamEvent[] {
  return body
    .split(/\n\n/u)
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.+)$/mu.exec(block)?.[1] ?? "message";
      const data = [...block.matchAll(/^data: (.*)$/gmu)].map((match) => match[1]).join("\n");
      return { event, data: JSON.parse(data) };
    });
}

function postStream(app: ReturnType<typeof createApp>, body: unknown, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(app.request("/api/ask/stream", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" }, ...init }));
}

const QUESTION = { question: "到2026年江津地区生产总值目标是多少?" };

describe("POST /api/ask/stream", () => {
  it("streams an extractive answer as sources, one delta and done", async () => {
    const app = createApp(await reportEngine(), { vectorIndex: "brute-force" });
    const response = await postStream(app, QUESTION);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/u);
    const events = parseEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual(["sources", "delta", "done"]);
    expect(events[0]!.data.passages.length).toBeGreaterThan(0);
    const done = askResponseSchema.parse(events[2]!.data);
    expect(done.answerMode).toBe("extractive");
    expect(events[1]!.data.text).toBe(done.answer);
    expect(done.answer).toContain("1800亿元");
  });

  it("streams a generated answer without markers, each sentence's verdict as it closes, then the verified text and done", async () => {
    const model = new ScriptedChatModel([{ reply: "到2026年，江津地区生产总值将达到1800亿元左右[1]。届时人均GDP将达到20万元[1]。年均增长6%以上[1]。", pieces: 6, delayMs: 20 }]);
    const app = createApp(await generativeEngine(model), { vectorIndex: "brute-force" });
    const events = parseEvents(await (await postStream(app, QUESTION)).text());
    const names = events.map((event) => event.event);
    expect(names[0]).toBe("sources");
    expect(names.filter((name) => name === "delta").length).toBeGreaterThan(1);
    expect(names.slice(-2)).toEqual(["replace", "done"]);
    expect(names.filter((name) => name === "sentence")).toHaveLength(3);
    // A sentence's verdict comes before the model has finished writing.
    expect(names.indexOf("sentence")).toBeLessThan(names.lastIndexOf("delta"));
    // No marker is shown before its sentence is verified.
    for (const delta of events.filter((event) => event.event === "delta")) expect(delta.data.text).not.toMatch(/\[\d+\]/u);
    const replace = events.find((event) => event.event === "replace")!;
    expect(replace.data.answer).not.toContain("20万元");
    expect(events.filter((event) => event.event === "sentence").map((event) => event.data.action)).toEqual(["kept", "removed", "kept"]);
    const done = askResponseSchema.parse(events.at(-1)!.data);
    expect(done.answerMode).toBe("mixed");
    expect(done.answer).toBe(replace.data.answer);
  });

  it("says so with a replace event when the model fails and the extractive answer stands", async () => {
    const model = new ScriptedChatModel([{ reply: "到2026年，江津地区生产总值将达到2500亿元左右[1]。", pieces: 3 }]);
    const app = createApp(await generativeEngine(model), { vectorIndex: "brute-force" });
    const events = parseEvents(await (await postStream(app, QUESTION)).text());
    const replace = events.find((event) => event.event === "replace")!;
    expect(replace.data.reason).toBe("too-little-verified");
    expect(replace.data.answer).toContain("1800亿元");
    expect(askResponseSchema.parse(events.at(-1)!.data).answerMode).toBe("extractive");
  });

  it("refuses an invalid question before streaming, as /api/ask does", async () => {
    const app = createApp(await reportEngine(), { vectorIndex: "brute-force" });
    const response = await postStream(app, { question: "" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_question" } });
  });

  it("holds an in-flight slot while it streams: a second stream gets 503 overloaded", async () => {
    const model = new ScriptedChatModel([{ hang: true }]);
    const app = createApp(await generativeEngine(model), { vectorIndex: "brute-force" }, { maxInFlight: 1, requestTimeoutMs: 1000 });
    const controller = new AbortController();
    const first = await postStream(app, QUESTION, { signal: controller.signal });
    const reading = first.text().catch(() => "");
    // Let the first stream reach the model.
    for (let tries = 0; tries < 100 && model.requests.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await postStream(app, QUESTION);
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ error: { code: "overloaded" } });
    controller.abort();
    await reading;
  });

  it("ends with an error event in the JSON API's shape when the stream's time is up, and frees the slot", async () => {
    const model = new ScriptedChatModel([{ hang: true }, { reply: "到2026年地区生产总值达1800亿元左右[1]。" }]);
    const app = createApp(await generativeEngine(model), { vectorIndex: "brute-force" }, { maxInFlight: 1, requestTimeoutMs: 200 });
    const events = parseEvents(await (await postStream(app, QUESTION)).text());
    expect(events.at(-1)).toMatchObject({ event: "error", data: { error: { code: "timeout" } } });
    expect(model.requests[0]!.signal?.aborted).toBe(true);
    const next = await postStream(app, QUESTION);
    expect(next.status).toBe(200);
    expect(parseEvents(await next.text()).at(-1)!.event).toBe("done");
  });
});
