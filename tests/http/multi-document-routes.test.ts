import { beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import type { AskResponse } from "../../src/core/schemas/ask-response.js";
import { createApp } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";
import { JIANGJIN_ID, twoDistrictEngine, YONGCHUAN_ID, YONGCHUAN_SOURCE } from "../support/multi-document-engine.js";

// The documents filter over HTTP and the OpenAI-compatible model list over a corpus of two
// district reports (the Jiangjin report and the 永川 fixture); the one-report API as before.

let app: Hono;
const json = { "content-type": "application/json" };
const post = (path: string, body: unknown): Promise<Response> => Promise.resolve(app.request(path, { method: "POST", headers: json, body: JSON.stringify(body) }));

beforeAll(async () => {
  app = createApp(await twoDistrictEngine(), { vectorIndex: "brute-force" });
});

describe("documents filter", () => {
  it("limits POST /api/ask to the named documents", async () => {
    const response = await post("/api/ask", { question: "地区生产总值是多少", documents: [YONGCHUAN_ID] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as AskResponse;
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.citations.every((citation) => citation.source === YONGCHUAN_SOURCE && citation.document?.id === YONGCHUAN_ID)).toBe(true);
  });

  it("refuses an unknown document, an empty one and a non-list with a 400 naming the problem", async () => {
    await expectClientError(await post("/api/ask", { question: "地区生产总值是多少", documents: ["hechuan"] }), 400, "invalid_parameter", new RegExp(`"hechuan".*${JIANGJIN_ID}, ${YONGCHUAN_ID}`, "u"));
    await expectClientError(await post("/api/ask", { question: "地区生产总值是多少", documents: [""] }), 400, "invalid_parameter", /must not be empty/u);
    await expectClientError(await post("/api/ask", { question: "地区生产总值是多少", documents: "yongchuan" }), 400, "invalid_parameter", /list of document ids/u);
    await expectClientError(await post("/api/ask", { question: "地区生产总值是多少", documents: [] }), 400, "invalid_parameter", /at least one document/u);
    await expectClientError(await post("/api/ask/stream", { question: "地区生产总值是多少", documents: ["hechuan"] }), 400, "invalid_parameter", /Unknown document "hechuan"/u);
  });

  it("limits GET /api/search to documents=a,b and refuses unknown ones", async () => {
    const response = await app.request(`/api/search?q=${encodeURIComponent("地区生产总值")}&k=10&documents=${YONGCHUAN_ID}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { passages: { source: string }[] };
    expect(body.passages.length).toBeGreaterThan(0);
    expect(body.passages.every((passage) => passage.source === YONGCHUAN_SOURCE)).toBe(true);
    const both = (await (await app.request(`/api/search?q=${encodeURIComponent("地区生产总值")}&k=20&documents=${JIANGJIN_ID},${YONGCHUAN_ID}`)).json()) as { passages: { source: string }[] };
    expect(new Set(both.passages.map((passage) => passage.source)).size).toBe(2);
    await expectClientError(await app.request(`/api/search?q=x&documents=nope`), 400, "invalid_parameter", /Unknown document "nope"/u);
    await expectClientError(await app.request(`/api/search?q=x&documents=${JIANGJIN_ID},`), 400, "invalid_parameter", /^documents: .*a document id must not be empty/u);
  });

  it("lists the documents in GET /api/meta", async () => {
    const body = (await (await app.request("/api/meta")).json()) as { title: string; documents: { id: string; place: string | null }[] };
    expect(body.documents.map((document) => [document.id, document.place])).toEqual([
      [JIANGJIN_ID, "江津区"],
      [YONGCHUAN_ID, "永川区"],
    ]);
  });
});

describe("OpenAI-compatible models", () => {
  it("serves one model for the corpus and one per document, a document's model answering from it alone", async () => {
    const models = (await (await app.request("/v1/models")).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual([`${JIANGJIN_ID}+${YONGCHUAN_ID}`, JIANGJIN_ID, YONGCHUAN_ID]);
    expect((await app.request(`/v1/models/${YONGCHUAN_ID}`)).status).toBe(200);

    const completion = async (model: string): Promise<string> => {
      const response = await post("/v1/chat/completions", { model, messages: [{ role: "user", content: "地区生产总值是多少" }] });
      expect(response.status).toBe(200);
      return ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
    };
    expect(await completion(YONGCHUAN_ID)).toContain("1600亿元");
    expect(await completion(JIANGJIN_ID)).not.toContain("1600亿元");

    const unknown = await post("/v1/chat/completions", { model: "hechuan", messages: [{ role: "user", content: "地区生产总值是多少" }] });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(`"${YONGCHUAN_ID}"`);
  });

  it("serves the one model of a one-report corpus, as before", async () => {
    const single = createApp(await reportEngine(), { vectorIndex: "brute-force" });
    const models = (await (await single.request("/v1/models")).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual([JIANGJIN_ID]);
  });
});
