import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelPartsFor } from "../../src/adapters/generative-answerer-factory.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import { askResponseSchema, type AskResponse } from "../../src/core/schemas/ask-response.js";
import { createApp } from "../../src/http/create-app.js";
import { rewriteQuestion } from "../../src/bench/stand-in-replies.js";
import { committedLexicon } from "../support/committed-lexicon.js";
import { reportDocument, reportText } from "../support/corpus.js";
import { listen, type LocalServer } from "../support/local-server.js";
import { startScriptedLlmServer, type ScriptedLlmServer, type ScriptedScenario } from "../support/scripted-llm-server.js";

// The question rewrite as served: the app on loopback, its parts built by modelPartsFor() from
// ANSWERER=generative settings (rewrite on, the default), the real OpenAI-compatible adapter
// talking to the scripted server. Each question makes two model calls: the rewrite, then the
// answer. The report says "森林覆盖率达52%".
const MODEL = "qwen2.5:7b-instruct";
const PINYIN = "senlin fugailv shi duoshao?";
const REWRITE = "江津的森林覆盖率是多少？";
const ANSWER = "江津森林覆盖率达52%[1]。";

let llm: ScriptedLlmServer;
let app: LocalServer;
/** How the next rewrite request is answered; answer requests always get ANSWER. */
let rewriteScenario: ScriptedScenario = { reply: REWRITE };

beforeAll(async () => {
  llm = await startScriptedLlmServer((request) => (rewriteQuestion(request) !== undefined ? rewriteScenario : { reply: ANSWER }));
  const engine = await buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, {
    lexicon: committedLexicon(),
    ...modelPartsFor({ kind: "generative", baseUrl: llm.baseUrl, model: MODEL, apiKey: undefined, timeoutMs: 5_000 }),
  });
  app = await listen(createApp(engine, { vectorIndex: "brute-force" }, { answerCacheEntries: 0, requestTimeoutMs: 10_000 }));
});

afterAll(async () => {
  await app?.close();
  await llm?.close();
});

async function ask(question: string, history: readonly { role: "user" | "assistant"; content: string }[] = []): Promise<{ response: AskResponse; ms: number }> {
  const started = performance.now();
  const reply = await fetch(`${app.baseUrl}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question, history }) });
  expect(reply.status).toBe(200);
  return { response: askResponseSchema.parse(await reply.json()), ms: performance.now() - started };
}

describe("the model's rewrite of the question, over HTTP", () => {
  it("answers a question the offline reading cannot read, from the rewrite, with exact report spans", async () => {
    rewriteScenario = { reply: REWRITE };
    const before = llm.requests.length;
    const { response } = await ask(PINYIN);
    expect(response.rewrite).toMatchObject({ status: "rewritten", text: REWRITE, answered: true });
    expect(response.answerMode).toBe("generative");
    expect(response.answer).toContain("52%");
    for (const citation of response.citations) expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
    // One short rewrite call (with the conversation), then the answer.
    const calls = llm.requests.slice(before);
    expect(calls.map((request) => rewriteQuestion(request) !== undefined)).toEqual([true, false]);
    expect(calls[0]!.maxTokens).toBeLessThanOrEqual(128);
  });

  it("sends the conversation with a follow-up, so the model can complete it", async () => {
    rewriteScenario = { reply: REWRITE };
    const before = llm.requests.length;
    await ask("那树呢?", [{ role: "user", content: "江津的生态环境怎么样?" }]);
    const rewriteCall = llm.requests.slice(before).find((request) => rewriteQuestion(request) !== undefined)!;
    expect(rewriteCall.messages.at(-1)?.content).toContain("江津的生态环境怎么样?");
  });

  it("falls back to the offline reading when the rewrite call fails or is too slow, and the question is still answered in time", async () => {
    rewriteScenario = { status: 500 };
    const failed = await ask("江津的森林覆盖率是多少?");
    expect(failed.response.rewrite).toMatchObject({ status: "fallback", reason: "model-error" });
    expect(failed.response.answer).toContain("52%");
    // Slower than the rewrite's own 2.5 s limit: the search goes on without it.
    rewriteScenario = { reply: REWRITE, firstByteDelayMs: 4_000 };
    const slow = await ask("江津的森林覆盖率是多少?");
    expect(slow.response.rewrite).toMatchObject({ status: "fallback", reason: "timeout" });
    expect(slow.response.answer).toContain("52%");
    expect(slow.ms).toBeLessThan(3_800);
  });
});
