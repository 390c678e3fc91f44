import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { createEngineHolder, currentEngine } from "../../src/core/pipeline/engine-holder.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import { MAX_VERIFY_CLAIMS, verificationResultSchema, type VerificationResult } from "../../src/core/verification/verification-schema.js";
import { createApp } from "../../src/http/create-app.js";
import { reportDocument, reportText } from "../support/corpus.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";

// The issue's case: the first claim states 2500亿元 where the report says 1800亿元; the second is the report's.
const ISSUE_TEXT = "到2026年,地区生产总值达2500亿元左右。森林覆盖率达52%。";
const FOREST = "森林覆盖率达52%";

let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const engine = await reportEngine();
  // As the product wires it: the whole app, with its error handler and body limit.
  app = createApp(engine, { vectorIndex: "brute-force" });
});

function postVerify(body: string, served = app): Promise<Response> {
  return Promise.resolve(served.request("/api/verify", { method: "POST", body, headers: { "content-type": "application/json" } }));
}

async function verified(body: unknown, served = app): Promise<VerificationResult> {
  const response = await postVerify(JSON.stringify(body), served);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
  return verificationResultSchema.parse(await response.json());
}

describe("POST /api/verify", () => {
  it("checks each claim and returns the verification JSON: the changed figure contradicted, naming both figures", async () => {
    const result = await verified({ text: ISSUE_TEXT });
    expect(result.claims.map((claim) => [claim.text, claim.verdict])).toEqual([
      ["到2026年,地区生产总值达2500亿元左右。", "contradicted"],
      ["森林覆盖率达52%。", "supported"],
    ]);
    const [changed] = result.claims[0]!.reasons.filter((reason) => reason.kind === "number-differs");
    expect(changed).toMatchObject({ claim: "2500亿元", report: "1800亿元" });
    expect(changed!.message).toMatch(/2500.*1800/u);
    if (changed?.kind === "number-differs") expect(reportText.slice(changed.reportStart, changed.reportEnd)).toBe("1800亿元");
    expect(result.claims[1]!.spans[0]?.section).toEqual(["过去五年", "生态优势巩固提升"]);
    for (const claim of result.claims) {
      expect(ISSUE_TEXT.slice(claim.start, claim.end)).toBe(claim.text);
      for (const span of claim.spans) expect(reportText.slice(span.quoteStart, span.quoteEnd)).toBe(span.quote);
    }
    expect(result.summary).toMatchObject({ verdict: "contradicted", claims: 2, supported: 1, contradicted: 1, citationRecall: null, contextSupport: null });
  });

  it("accepts citations and checks each claim against what its [n] cites", async () => {
    const start = reportText.indexOf(FOREST);
    const result = await verified({
      text: `${FOREST}[1],空气优良天数稳定达300天以上[2]。`,
      citations: [
        { marker: 1, quote: FOREST, quoteStart: start, quoteEnd: start + FOREST.length },
        { marker: 2, quote: "我们的足球队昨天晚上赢得了冠军奖杯" },
      ],
    });
    expect(result.claims.map((claim) => [claim.verdict, claim.cited?.markers, claim.cited?.verdict])).toEqual([
      ["supported", [1], "supported"],
      ["supported", [2], "not-found"],
    ]);
    expect(result.citations).toEqual([
      { marker: 1, exact: true, claims: [0], relevant: true },
      { marker: 2, exact: null, claims: [1], relevant: false },
    ]);
    expect(result.summary).toMatchObject({ citationRecall: 0.5, citationPrecision: 0.5 });
  });

  it("accepts contexts and checks each claim against them", async () => {
    const result = await verified({ text: "森林覆盖率达52%。空气优良天数稳定达300天以上。", contexts: ["森林覆盖率达52%。"] });
    expect(result.claims.map((claim) => claim.contexts?.verdict)).toEqual(["supported", "not-found"]);
    expect(result.summary.contextSupport).toBe(0.5);
  });

  it("rejects citations that are not an array of citations", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: { quote: FOREST } })), 400, "invalid_parameter", /citations/u);
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: "[1]" })), 400, "invalid_parameter", /citations/u);
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: [FOREST] })), 400, "invalid_parameter", /citations\.0/u);
  });

  it("rejects a citation with neither quote, chunkId nor offsets", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: [{ marker: 1 }] })), 400, "invalid_parameter", /needs a quote, a chunkId, or quoteStart and quoteEnd/u);
    // One offset alone is not a place in the report either.
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: [{ quoteStart: 10 }] })), 400, "invalid_parameter", /needs a quote/u);
  });

  it("rejects a citation whose quoteStart is after its quoteEnd, or whose offsets are not whole non-negative numbers", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: [{ quote: FOREST, quoteStart: 20, quoteEnd: 10 }] })), 400, "invalid_parameter", /quoteStart must not be after quoteEnd/u);
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: [{ quoteStart: -1, quoteEnd: 10 }] })), 400, "invalid_parameter", /quoteStart/u);
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: [{ quoteStart: 1.5, quoteEnd: 10 }] })), 400, "invalid_parameter", /quoteStart/u);
  });

  it("rejects more than 100 citations, and accepts 100", async () => {
    const citations = (count: number): { marker: number; quote: string }[] => Array.from({ length: count }, (_, index) => ({ marker: index + 1, quote: FOREST }));
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, citations: citations(101) })), 400, "invalid_parameter", /at most 100 citations/u);
    const result = await verified({ text: `${FOREST}[100]。`, citations: citations(100) });
    expect(result.citations).toHaveLength(100);
    expect(result.claims[0]!.cited).toMatchObject({ markers: [100], verdict: "supported" });
  });

  it("rejects contexts that are not an array of strings", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, contexts: FOREST })), 400, "invalid_parameter", /contexts/u);
    await expectClientError(await postVerify(JSON.stringify({ text: ISSUE_TEXT, contexts: [1] })), 400, "invalid_parameter", /contexts\.0/u);
  });

  it("rejects a body that is not JSON", async () => {
    await expectClientError(await postVerify("{text: 到2026年"), 400, "bad_request", /must be JSON/u);
  });

  it("rejects JSON that is not an object", async () => {
    await expectClientError(await postVerify(JSON.stringify(["到2026年"])), 400, "bad_request", /JSON object/u);
  });

  it("rejects a missing text", async () => {
    await expectClientError(await postVerify(JSON.stringify({ question: "到2026年" })), 400, "invalid_parameter", /text is required/u);
    await expectClientError(await postVerify(JSON.stringify({ citations: [{ quote: FOREST }] })), 400, "invalid_parameter", /text is required/u);
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

  it(`rejects a text of more than ${MAX_VERIFY_CLAIMS} claims, and one with no claim`, async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: "江津。".repeat(MAX_VERIFY_CLAIMS + 1) })), 400, "invalid_parameter", new RegExp(`${MAX_VERIFY_CLAIMS + 1} claims; at most ${MAX_VERIFY_CLAIMS}`, "u"));
    await expectClientError(await postVerify(JSON.stringify({ text: "。。！——" })), 400, "invalid_parameter", /no claim to check/u);
  });

  it("answers a body over 64 KiB with 413", async () => {
    await expectClientError(await postVerify(JSON.stringify({ text: "a".repeat(70_000) })), 413, "payload_too_large", /64 KiB/u);
    // Citations count toward the body too.
    await expectClientError(await postVerify(JSON.stringify({ text: FOREST, citations: [{ quote: "江".repeat(19_000) }, { quote: "江".repeat(19_000) }] })), 413, "payload_too_large", /64 KiB/u);
  });
});

describe("POST /api/verify after the served engine is replaced (POST /api/admin/reindex)", () => {
  // A figure only the new report states: before the swap the report does not say it.
  const NEW_FACT = "青蛙湖湿地公园面积达4321公顷。";

  it("checks claims against the new report, not the one served when the app was built", async () => {
    const holder = createEngineHolder({ engine: await reportEngine() });
    // Wired as src/entry/node.ts wires it.
    const served = createApp(currentEngine(holder), { vectorIndex: "brute-force" });
    const before = (await verified({ text: NEW_FACT }, served)).claims[0]!;
    expect(before.verdict).not.toBe("supported");
    expect(before.reasons.find((reason) => reason.kind === "number-not-in-span")?.message).toMatch(/4321公顷 is nowhere in the report/u);

    const extended = { ...reportDocument, text: `${reportDocument.text}\n附录\n\n${NEW_FACT}\n` };
    holder.replace({ engine: await buildInMemoryEngine([extended], DEFAULT_CHUNKER_SETTINGS) });
    const after = (await verified({ text: NEW_FACT }, served)).claims[0]!;
    expect(after.verdict).toBe("supported");
    expect(after.reasons.filter((reason) => reason.kind !== "words-missing")).toEqual([]);
    expect(extended.text.slice(after.spans[0]!.quoteStart, after.spans[0]!.quoteEnd)).toBe(after.spans[0]!.quote);
    expect(after.spans[0]!.quote).toContain("4321公顷");
  });
});
