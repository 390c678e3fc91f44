/**
 * Oversized records: feedback whose fields are far over any sane limit (an `engine` receipt or a
 * citation's chunkId of 60 000 characters turned one record into ≈ 64 KB), history over its
 * bounds, and bodies just over MAX_BODY_BYTES (declared and chunked). Each copy is sent from
 * another source address, as a flood of them would be. All must be refused, and feedback.jsonl
 * must not grow; a body of exactly the limit must not be refused as too large.
 */
import { answeredInTime, inPool, refusedInTime, type Attack } from "../attack.js";
import { exchange, requestBytes, wholeRequest } from "../raw-http.js";

const COPIES = 4;
const FAR_OVER = 60_000;

const base = { question: "到2026年地区生产总值的目标是多少", answer: "到2026年,地区生产总值达1800亿元左右[1]。", rating: "up" };
const engine = { embedder: "hashing-ngram:v1:d512", retriever: "hybrid", answerer: "extractive", indexHash: "0".repeat(64) };
const citation = { marker: 1, chunkId: "c0001", quoteStart: 0, quoteEnd: 10 };

/** Feedback records each over one limit (the documented ones and those that had none). */
const OVERSIZED_FEEDBACK: ReadonlyArray<readonly [string, unknown]> = [
  ["question 1001 chars", { ...base, question: "问".repeat(1001) }],
  ["answer 4001 chars", { ...base, answer: "答".repeat(4001) }],
  ["comment 1001 chars", { ...base, comment: "评".repeat(1001) }],
  [`engine.embedder ${FAR_OVER} chars`, { ...base, engine: { ...engine, embedder: "e".repeat(FAR_OVER) } }],
  [`engine.indexHash ${FAR_OVER} chars`, { ...base, engine: { ...engine, indexHash: "f".repeat(FAR_OVER) } }],
  [`citations[0].chunkId ${FAR_OVER} chars`, { ...base, citations: [{ ...citation, chunkId: "c".repeat(FAR_OVER) }] }],
  ["11 citations", { ...base, citations: Array.from({ length: 11 }, (_, index) => ({ ...citation, marker: index + 1 })) }],
];

const OVERSIZED_ASK: ReadonlyArray<readonly [string, unknown]> = [
  ["question 1001 chars", { question: "问".repeat(1001) }],
  ["history 21 turns", { question: "那到2026年呢", history: Array.from({ length: 21 }, () => ({ role: "user", content: "地区生产总值" })) }],
  ["history turn 4001 chars", { question: "那到2026年呢", history: [{ role: "user", content: "史".repeat(4001) }] }],
];

/**
 * JSON for the route padded with spaces to exactly `bytes` bytes. The feedback one has a rating
 * the schema refuses, so even a server that reads it stores nothing.
 */
function paddedBody(path: string, bytes: number): string {
  const json = path === "/api/feedback" ? JSON.stringify({ ...base, rating: "sideways" }) : path === "/api/verify" ? JSON.stringify({ text: "地区生产总值" }) : JSON.stringify({ question: "地区生产总值" });
  return json + " ".repeat(Math.max(0, bytes - Buffer.byteLength(json)));
}

export const oversizedRecords: Attack = {
  name: "oversized-records",
  mayWriteFeedback: false,
  async run(context, tally) {
    const { maxBodyBytes } = context.settings;
    const deadlineMs = context.settings.requestTimeoutMs + 5000;
    const json = { "Content-Type": "application/json" };
    type Case = { what: string; bytes: Uint8Array; expected?: number; atLimit?: boolean };
    const cases: Case[] = [];
    for (let copy = 0; copy < COPIES; copy++) {
      for (const [what, body] of OVERSIZED_FEEDBACK) cases.push({ what: `POST /api/feedback ${what}`, bytes: wholeRequest("POST", "/api/feedback", json, JSON.stringify(body)) });
    }
    for (const [what, body] of OVERSIZED_ASK) cases.push({ what: `POST /api/ask ${what}`, bytes: wholeRequest("POST", "/api/ask", json, JSON.stringify(body)) });
    for (const path of ["/api/ask", "/api/verify", "/api/feedback"]) {
      cases.push({ what: `POST ${path} body ${maxBodyBytes + 1} bytes (Content-Length)`, bytes: wholeRequest("POST", path, json, paddedBody(path, maxBodyBytes + 1)), expected: 413 });
      // No Content-Length: the limit has to be enforced while reading, not from the header.
      const chunked = Buffer.from(paddedBody(path, maxBodyBytes + 1));
      const frame = Buffer.concat([Buffer.from(`${chunked.length.toString(16)}\r\n`), chunked, Buffer.from("\r\n0\r\n\r\n")]);
      cases.push({ what: `POST ${path} body ${maxBodyBytes + 1} bytes (chunked)`, bytes: requestBytes("POST", path, { Host: "127.0.0.1", Connection: "close", ...json, "Transfer-Encoding": "chunked" }, frame), expected: 413 });
      // Exactly at the limit is allowed: it is read and judged on its content.
      cases.push({ what: `POST ${path} body ${maxBodyBytes} bytes`, bytes: wholeRequest("POST", path, json, paddedBody(path, maxBodyBytes)), atLimit: true });
    }
    await inPool(cases, 4, async ({ what, bytes, expected, atLimit }) => {
      const result = await exchange({ port: context.port, localAddress: context.nextSource(), pieces: [{ bytes }], deadlineMs });
      // A body of exactly the limit must not be refused as too large; whatever else it gets is its content's due.
      const problem = atLimit
        ? (answeredInTime(result, context.settings) ?? (result.status === 413 ? `refused as too large at exactly MAX_BODY_BYTES=${maxBodyBytes}` : undefined))
        : refusedInTime(result, context.settings, expected);
      tally.record(what, result, problem);
    });
    await context.probe("after");
  },
};
