import { beforeAll, describe, expect, it } from "vitest";
import { AnswerCache } from "../../../src/core/pipeline/answer-cache.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { askResponseSchema } from "../../../src/core/schemas/ask-response.js";
import { createApp } from "../../../src/http/create-app.js";
import { reportEngine } from "../../support/engine.js";
import { ChatModelError } from "../../../src/core/ports/chat-model.js";
import { generativeEngine } from "../../support/generative-engine.js";
import { ScriptedChatModel } from "../../support/scripted-chat-model.js";

const GDP = "到2026年江津区地区生产总值的目标是多少?";
const FOREST = "森林覆盖率是多少?";

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

/** The same engine under another index hash, as after a re-index. */
function reindexed(base: QaEngine): QaEngine {
  return { ...base, manifest: { ...base.manifest, indexHash: `${base.manifest.indexHash}-rebuilt` } };
}

describe("AnswerCache", () => {
  it("answers a repeated question from the cache with the same answer and citations, marked cached", async () => {
    const cache = new AnswerCache(10);
    const first = await cache.answer(engine, { question: GDP });
    const second = await cache.answer(engine, { question: GDP });
    expect([first.hit, second.hit]).toEqual([false, true]);
    const computed = askResponseSchema.parse(JSON.parse(first.json));
    const cached = askResponseSchema.parse(JSON.parse(second.json));
    expect(computed.cached).toBeUndefined();
    expect(cached.cached).toBe(true);
    expect(cached.answer).toBe(computed.answer);
    expect(cached.citations).toEqual(computed.citations);
    expect(cached.answer).toContain("1800亿元");
  });

  it("keeps history, topK and the index apart: each is its own entry", async () => {
    const cache = new AnswerCache(10);
    await cache.answer(engine, { question: GDP });
    const withHistory = await cache.answer(engine, { question: GDP, history: [{ role: "user", content: FOREST }] });
    const withTopK = await cache.answer(engine, { question: GDP, topK: 3 });
    const afterReindex = await cache.answer(reindexed(engine), { question: GDP });
    expect([withHistory.hit, withTopK.hit, afterReindex.hit]).toEqual([false, false, false]);
    expect(cache.size).toBe(4);
  });

  it("holds at most the configured number of answers, dropping the least recently used", async () => {
    const cache = new AnswerCache(1);
    await cache.answer(engine, { question: GDP });
    await cache.answer(engine, { question: FOREST });
    expect(cache.size).toBe(1);
    expect((await cache.answer(engine, { question: FOREST })).hit).toBe(true);
    expect((await cache.answer(engine, { question: GDP })).hit).toBe(false);
  });

  it("computes every answer when sized 0", async () => {
    const cache = new AnswerCache(0);
    await cache.answer(engine, { question: GDP });
    expect((await cache.answer(engine, { question: GDP })).hit).toBe(false);
    expect(cache.size).toBe(0);
  });
});

describe("POST /api/ask with the answer cache", () => {
  const post = (app: ReturnType<typeof createApp>) =>
    app.request("/api/ask", { method: "POST", body: JSON.stringify({ question: GDP }), headers: { "content-type": "application/json" } });

  it("says miss then hit in X-Answer-Cache, with the same JSON answer", async () => {
    const app = createApp(engine, { vectorIndex: "brute-force" });
    const first = await post(app);
    const second = await post(app);
    expect([first.headers.get("X-Answer-Cache"), second.headers.get("X-Answer-Cache")]).toEqual(["miss", "hit"]);
    expect(second.headers.get("Content-Type")).toMatch(/^application\/json/u);
    expect(second.headers.get("X-Request-Id")).toBeTruthy();
    const [a, b] = [askResponseSchema.parse(await first.json()), askResponseSchema.parse(await second.json())];
    expect(b.answer).toBe(a.answer);
    expect(b.cached).toBe(true);
  });

  it("never caches when answerCacheEntries is 0", async () => {
    const app = createApp(engine, { vectorIndex: "brute-force" }, { answerCacheEntries: 0 });
    await post(app);
    expect((await post(app)).headers.get("X-Answer-Cache")).toBe("miss");
  });
});

describe("AnswerCache with a generative answerer", () => {
  it("does not keep the fallback of a failed model call: the next ask tries the model again", async () => {
    const model = new ScriptedChatModel([
      { fail: new ChatModelError("http-error", "upstream busy", 503) },
      { reply: "到2026年，江津地区生产总值将达到1800亿元左右[1]。" },
    ]);
    const generative = await generativeEngine(model);
    const cache = new AnswerCache(10);
    const first = askResponseSchema.parse(JSON.parse((await cache.answer(generative, { question: GDP })).json));
    expect(first.generation).toMatchObject({ status: "fallback", reason: "model-error" });
    const second = await cache.answer(generative, { question: GDP });
    expect(second.hit).toBe(false);
    expect(askResponseSchema.parse(JSON.parse(second.json)).answerMode).toBe("generative");
    // A verified generated answer is kept; so is the key's model name, kept apart from the extractive engine's.
    expect((await cache.answer(generative, { question: GDP })).hit).toBe(true);
    expect((await cache.answer(engine, { question: GDP })).hit).toBe(false);
    expect(model.requests).toHaveLength(2);
  });
});
