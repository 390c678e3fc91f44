/**
 * Pathological inputs on every route that takes text: /api/ask (question, history), /api/verify
 * (text), /api/search (q), /api/feedback (question, answer, comment), each filled to its field
 * limit (the work the server agrees to do) and to the body limit (which must be refused cheaply),
 * plus deeply nested JSON and huge numbers. Every request must get an answer of its own within
 * the server's REQUEST_TIMEOUT_MS: only a handler that blocks the event loop answers later.
 * Meanwhile the probe question is asked every half second, to catch the stall from outside.
 */
import { MAX_QUESTION_CHARACTERS } from "../../core/schemas/ask-request.js";
import { MAX_VERIFY_TEXT_CHARACTERS } from "../../core/verification/verification-schema.js";
import { answeredInTime, inPool, type Attack } from "../attack.js";
import { deeplyNested, fill, HUGE_NUMBERS, PATHOLOGICAL_TEXTS, percentEncode } from "../pathological-inputs.js";
import { exchange, wholeRequest } from "../raw-http.js";

const MAX_ANSWER_CHARACTERS = 4000;
const MAX_COMMENT_CHARACTERS = 1000;
const MAX_HISTORY_TURNS = 20;
const MAX_TURN_CHARACTERS = 4000;
/** Heavy requests at once: enough to overlap, few enough that a linear server keeps up on 2 cores. */
const CONCURRENCY = 4;
const PROBE_EVERY_MS = 500;

interface Case {
  readonly what: string;
  readonly method: "GET" | "POST";
  readonly target: string;
  readonly body?: string | Uint8Array;
}

/** A JSON body whose string holds bytes that are not UTF-8: overlong NUL, a surrogate's WTF-8, 0xFF, a cut sequence. */
function invalidUtf8Body(field: string, maxBytes: number): Uint8Array {
  const bad = Buffer.from([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xff, 0xe6, 0xb1]);
  const lead = Buffer.from(`{${JSON.stringify(field)}:"`);
  const count = Math.floor((maxBytes - lead.length - 2) / bad.length);
  return Buffer.concat([lead, ...Array.from({ length: count }, () => bad), Buffer.from('"}')]);
}

/** The model id /v1 serves for the committed corpus (src/http/openai-models.ts). */
const OPENAI_MODEL = "jiangjin-15th-congress-report";

function textCases(maxBodyBytes: number): Case[] {
  // Room for the field itself: the body limit less the JSON around it.
  const room = maxBodyBytes - 256;
  const post = (path: string, what: string, body: unknown): Case => ({ what: `POST ${path} ${what}`, method: "POST", target: path, body: JSON.stringify(body) });
  return PATHOLOGICAL_TEXTS.flatMap((text) => {
    const question = fill(text, MAX_QUESTION_CHARACTERS, room);
    const turn = fill(text, MAX_TURN_CHARACTERS, Math.floor(room / MAX_HISTORY_TURNS) - 40);
    const verify = fill(text, MAX_VERIFY_TEXT_CHARACTERS, room);
    const toBodyLimit = fill(text, Number.POSITIVE_INFINITY, room);
    return [
      post("/api/ask", `question ${text.name} ×${question.length}`, { question }),
      post("/api/ask", `question ${text.name} ×${toBodyLimit.length} (to the body limit)`, { question: toBodyLimit }),
      post("/api/ask", `history ${MAX_HISTORY_TURNS} turns of ${text.name} ×${turn.length}`, {
        question: "那到2026年呢",
        history: Array.from({ length: MAX_HISTORY_TURNS }, (_, index) => ({ role: index % 2 ? "assistant" : "user", content: turn })),
      }),
      // The streamed answer and the OpenAI-compatible route read the same question text.
      post("/api/ask/stream", `question ${text.name} ×${question.length}`, { question }),
      post("/v1/chat/completions", `user message ${text.name} ×${question.length}`, { model: OPENAI_MODEL, messages: [{ role: "user", content: question }] }),
      post("/api/verify", `text ${text.name} ×${verify.length}`, { text: verify }),
      post("/api/verify", `text ${text.name} ×${toBodyLimit.length} (to the body limit)`, { text: toBodyLimit }),
      { what: `GET /api/search q ${text.name} ×${question.length}`, method: "GET", target: `/api/search?q=${percentEncode(question)}` },
      post("/api/feedback", `question/answer/comment ${text.name} at their limits`, {
        question,
        answer: fill(text, MAX_ANSWER_CHARACTERS, Math.floor(room / 2)),
        rating: "down",
        comment: fill(text, MAX_COMMENT_CHARACTERS, Math.floor(room / 4)),
      }),
      post("/api/feedback", `answer ${text.name} ×${toBodyLimit.length} (to the body limit)`, { question: "江津", answer: toBodyLimit, rating: "up" }),
    ];
  });
}

function structuralCases(maxBodyBytes: number): Case[] {
  const room = maxBodyBytes - 16;
  const raw = (path: string, what: string, body: string): Case => ({ what: `POST ${path} ${what}`, method: "POST", target: path, body });
  const feedback = `"question":"江津","answer":"江津","rating":"up"`;
  return [
    raw("/api/ask", "question as deeply nested arrays", deeplyNested("question", room, "arrays")),
    raw("/api/ask", "history as deeply nested objects", deeplyNested("history", room, "objects", `"question":"江津"`)),
    raw("/api/verify", "text as deeply nested arrays", deeplyNested("text", room, "arrays")),
    raw("/api/feedback", "citations as deeply nested arrays", deeplyNested("citations", room, "arrays", feedback)),
    raw("/api/feedback", "engine as deeply nested objects", deeplyNested("engine", room, "objects", feedback)),
    raw("/api/ask", "the same key to the body limit", `{${Array.from({ length: Math.floor(room / 20) }, () => `"question":"江津"`).join(",")}}`),
    raw("/api/ask", "__proto__ and constructor keys", `{"__proto__":{"polluted":true,"question":"x"},"constructor":{"prototype":{"polluted":true}},"question":"到2026年地区生产总值的目标是多少"}`),
    ...HUGE_NUMBERS.flatMap((number) => [
      raw("/api/ask", `topK ${number.slice(0, 12)}${number.length > 12 ? "…" : ""}`, `{"question":"地区生产总值","topK":${number}}`),
      raw("/api/verify", `text ${number.slice(0, 12)}${number.length > 12 ? "…" : ""}`, `{"text":${number}}`),
      raw("/api/feedback", `citation offsets ${number.slice(0, 12)}${number.length > 12 ? "…" : ""}`, `{${feedback},"citations":[{"marker":${number},"chunkId":"c","quoteStart":${number},"quoteEnd":${number}}]}`),
      // At most 1000 digits: a longer URL is refused by Node (431) before the route could parse it.
      { what: `GET /api/search k ${number.slice(0, 12)}${number.length > 12 ? "…" : ""}`, method: "GET" as const, target: `/api/search?q=${encodeURIComponent("地区生产总值")}&k=${number.slice(0, 1000)}` },
    ]),
    { what: "POST /api/ask question of invalid UTF-8 bytes", method: "POST", target: "/api/ask", body: invalidUtf8Body("question", 3000) },
    { what: "POST /api/verify text of invalid UTF-8 bytes to the body limit", method: "POST", target: "/api/verify", body: invalidUtf8Body("text", room) },
    // Percent-escapes that do not decode: truncated UTF-8, not hex at all.
    { what: "GET /api/search q broken percent-escapes", method: "GET", target: `/api/search?q=${"%E6%B1".repeat(300)}%ZZ%` },
  ];
}

export const pathologicalTexts: Attack = {
  name: "pathological-texts",
  mayWriteFeedback: true,
  async run(context, tally) {
    const cases = [...textCases(context.settings.maxBodyBytes), ...structuralCases(context.settings.maxBodyBytes)];
    // A late answer is recorded as late (not cut off at the server's timeout) up to this deadline.
    const deadlineMs = context.settings.requestTimeoutMs + 8000;
    let flooding = true;
    const prober = (async () => {
      while (flooding) {
        await context.probe("during");
        await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
      }
    })();
    try {
      await inPool(cases, CONCURRENCY, async ({ what, method, target, body }) => {
        const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
        const result = await exchange({ port: context.port, localAddress: context.nextSource(), pieces: [{ bytes: wholeRequest(method, target, headers, body) }], deadlineMs });
        const problem = answeredInTime(result, context.settings);
        context.log(`${what}: ${problem ?? `${result.status} in ${result.ms.toFixed(0)} ms`}`);
        tally.record(what, result, problem);
      });
    } finally {
      flooding = false;
      await prober;
    }
    await context.probe("after");
  },
};
