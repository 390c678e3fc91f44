import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { createEngineHolder, currentEngine } from "../../src/core/pipeline/engine-holder.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import { verificationResultSchema } from "../../src/core/verification/verification-schema.js";
import { createApp } from "../../src/http/create-app.js";
import { reportDocument, reportText } from "../support/corpus.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";

const PRESS_RELEASE = "到2026年，地区生产总值达2000亿元左右。森林覆盖率达52%,空气优良天数稳定达300天以上。我们的足球队昨天晚上赢得了冠军奖杯。";

let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const engine = await reportEngine();
  // As the product wires it: the whole app, with its error handler and body limit.
  app = createApp(engine, { vectorIndex: "brute-force" });
});

function postVerify(body: string): Promise<Response> {
  return Promise.resolve(app.request("/api/verify", { method: "POST", body, headers: { "content-type": "application/json" } }));
}

describe("POST /api/verify", () => {
  it("checks each sentence and returns the verification JSON, quotes exact, the wrong figure flagged", async () => {
    const response = await postVerify(JSON.stringify({ text: PRESS_RELEASE }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
    const result = verificationResultSchema.parse(await response.json());
    expect(result.sentences.map((sentence) => sentence.status)).toEqual(["supported", "supported", "not-found"]);
    expect(result.sentences[0]?.unsupportedNumbers.map((number) => number.text)).toEqual(["2000"]);
    expect(result.sentences[1]?.spans[0]?.section).toEqual(["过去五年", "生态优势巩固提升"]);
    for (const sentence of result.sentences) {
      expect(PRESS_RELEASE.slice(sentence.start, sentence.end)).toBe(sentence.text);
      for (const span of sentence.spans) expect(reportText.slice(span.quoteStart, span.quoteEnd)).toBe(span.quote);
    }
    expect(result.summary).toMatchObject({ sentences: 3, supported: 2, notFound: 1, unsupportedNumbers: 1 });
  });

  it("rejects a body that is not JSON", async () => {
    await expectClientError(await postVerify("{text: 到2026年"), 400, "bad_request", /must be JSON/u);
  });

  it("rejects JSON that is not an object", async () => {
    await expectClientError(await postVerify(JSON.stringify(["到2026年"])), 400, "bad_request", /JSON object/u);
  });

  it("rejects a missing text", async () => {
    await expectClientError(await postVerify(JSON.stringify({ question: "到2026年" })), 400, "invalid_parameter", /text is required/u);
  });

  it("rejects an empty or blank text", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: "" })), 400, "invalid_parameter", /text must not be empty/u);
    await expectClientError(await postVerify(JSON.stringify({ text: " \n\t " })), 400, "invalid_parameter", /text must not be empty/u);
  });

  it("rejects a text that is not a string", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: 2026 })), 400, "invalid_parameter", /text must be a string/u);
    await expectClientError(await postVerify(JSON.stringify({ text: ["到2026年"] })), 400, "invalid_parameter", /text must be a string/u);
  });

  it("rejects a text over 20,000 characters, and accepts one of exactly 20,000", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: "江".repeat(20_001) })), 400, "invalid_parameter", /at most 20,000 characters/u);
    const atLimit = await postVerify(JSON.stringify({ text: "江".repeat(20_000) }));
    expect(atLimit.status).toBe(200);
  });

  it("rejects a text of more than 200 sentences, and one with no sentence", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: "江津。".repeat(201) })), 400, "invalid_parameter", /at most 200/u);
    await expectClientError(await postVerify(JSON.stringify({ text: "。。！——" })), 400, "invalid_parameter", /no sentence to check/u);
  });

  it("answers a body over 64 KiB with 413", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: "a".repeat(70_000) })), 413, "payload_too_large", /64 KiB/u);
  });
});

describe("POST /api/verify after the served engine is replaced (POST /api/admin/reindex)", () => {
  // A figure only the new report states: before the swap it is nowhere in the report.
  const NEW_FACT = "青蛙湖湿地公园面积达4321公顷。";
  const unsupported = async (served: ReturnType<typeof createApp>): Promise<string[]> => {
    const response = await served.request("/api/verify", { method: "POST", body: JSON.stringify({ text: NEW_FACT }), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(200);
    const result = verificationResultSchema.parse(await response.json());
    return result.sentences.flatMap((sentence) => sentence.unsupportedNumbers.map((number) => number.value));
  };

  it("checks numbers against the new report, not the one served when the app was built", async () => {
    const holder = createEngineHolder({ engine: await reportEngine() });
    // Wired as src/entry/node.ts wires it.
    const served = createApp(currentEngine(holder), { vectorIndex: "brute-force" });
    expect(await unsupported(served)).toEqual(["4321"]);

    const extended = { ...reportDocument, text: `${reportDocument.text}\n附录\n\n${NEW_FACT}\n` };
    holder.replace({ engine: await buildInMemoryEngine([extended], DEFAULT_CHUNKER_SETTINGS) });
    expect(await unsupported(served)).toEqual([]);
  });
});
