import { beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../src/core/pipeline/ask.js";
import type { FeedbackRecord } from "../../src/core/schemas/feedback.js";
import { FEEDBACK_LIMITS } from "../../src/core/schemas/feedback.js";
import { createApp } from "../../src/http/create-app.js";
import { feedbackRequest } from "../../src/widget/feedback-controls.js";
import type { AskResponse } from "../../src/widget/api-types.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";

const stored: FeedbackRecord[] = [];
let app: ReturnType<typeof createApp>;
let widgetBody: ReturnType<typeof feedbackRequest>;

beforeAll(async () => {
  const engine = await reportEngine();
  app = createApp(engine, { vectorIndex: "brute-force" }, { feedbackStore: { append: async (record) => void stored.push(record) } });
  // What the widget really sends for a real answer: its engine receipt and cited chunk ids.
  const answer = (await ask(engine, { question: "到2026年江津区地区生产总值的目标是多少?" })) as AskResponse;
  expect(answer.citations.length).toBeGreaterThan(0);
  widgetBody = feedbackRequest(answer, "down");
});

const post = (body: unknown): Promise<Response> =>
  Promise.resolve(app.request("/api/feedback", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));

describe("POST /api/feedback field limits", () => {
  it("accepts what the widget sends for a real answer", async () => {
    const response = await post(widgetBody);
    expect(response.status, await response.clone().text()).toBe(201);
    expect(stored.at(-1)).toMatchObject(widgetBody);
  });

  it("answers 400 naming the field for every string over its limit", async () => {
    const long = (limit: number): string => "x".repeat(limit + 1);
    const engine = widgetBody.engine!;
    const citation = widgetBody.citations![0]!;
    const cases: Array<[unknown, RegExp]> = [
      [{ ...widgetBody, question: long(FEEDBACK_LIMITS.question) }, /^question must be at most 1000 characters/u],
      [{ ...widgetBody, answer: long(FEEDBACK_LIMITS.answer) }, /^answer must be at most 4000 characters/u],
      [{ ...widgetBody, comment: long(FEEDBACK_LIMITS.comment) }, /^comment must be at most 1000 characters/u],
      ...(["embedder", "retriever", "answerer", "indexHash"] as const).map((field): [unknown, RegExp] => [
        { ...widgetBody, engine: { ...engine, [field]: long(FEEDBACK_LIMITS.engineField) } },
        new RegExp(`^engine\\.${field}: must be at most 200 characters`, "u"),
      ]),
      [{ ...widgetBody, citations: [citation, { ...citation, chunkId: long(FEEDBACK_LIMITS.chunkId) }] }, /^citations\.1\.chunkId: must be at most 200 characters/u],
      [{ ...widgetBody, citations: Array.from({ length: FEEDBACK_LIMITS.citations + 1 }, () => citation) }, /^citations: at most 10 citations/u],
    ];
    const before = stored.length;
    for (const [body, message] of cases) await expectClientError(await post(body), 400, "invalid_parameter", message);
    expect(stored.length).toBe(before);
  });

  it("accepts every field at its limit (the largest record is tens of KB, not the 64 KB body)", async () => {
    const at = (limit: number): string => "字".repeat(limit);
    const largest = {
      question: at(FEEDBACK_LIMITS.question),
      answer: at(FEEDBACK_LIMITS.answer),
      rating: "up",
      comment: at(FEEDBACK_LIMITS.comment),
      engine: { embedder: at(200), retriever: at(200), answerer: at(200), indexHash: at(200) },
      citations: Array.from({ length: 10 }, (_, index) => ({ marker: index + 1, chunkId: at(200), quoteStart: 0, quoteEnd: 1 })),
    };
    expect((await post(largest)).status).toBe(201);
    expect(Buffer.byteLength(JSON.stringify(stored.at(-1)))).toBeLessThan(32 * 1024);
  });
});
