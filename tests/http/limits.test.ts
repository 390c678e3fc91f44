import { beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import type { FeedbackRecord } from "../../src/core/schemas/feedback.js";
import { createApp, type AppOptions } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";

let engine: QaEngine;

beforeAll(async () => {
  engine = await reportEngine();
});

function makeApp(options: AppOptions): ReturnType<typeof createApp> {
  return createApp(engine, { vectorIndex: "brute-force" }, options);
}

interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
}

function deferred(): Deferred {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

const FEEDBACK = JSON.stringify({ question: "森林覆盖率是多少?", answer: "52%", rating: "up" });

function postFeedback(app: ReturnType<typeof createApp>, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request("/api/feedback", { method: "POST", body: FEEDBACK, headers: { "content-type": "application/json", ...headers } }));
}

/** A server error (5xx) with exactly {error:{code,message}}. */
async function expectServerError(response: Response, status: number, code: string): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("per-client rate limit", () => {
  function limitedApp(clock: { now: number }, client: { key: string }): ReturnType<typeof createApp> {
    return makeApp({ rateLimitPerMinute: 60, rateLimitBurst: 3, now: () => clock.now, clientKey: () => client.key });
  }

  it("answers 429 rate_limited with Retry-After once a client has spent its burst", async () => {
    const clock = { now: 0 };
    const app = limitedApp(clock, { key: "198.51.100.7" });
    for (let index = 0; index < 3; index += 1) expect((await app.request("/api/meta")).status).toBe(200);
    const limited = await app.request("/api/meta");
    expect(limited.headers.get("Retry-After")).toBe("1");
    await expectClientError(limited, 429, "rate_limited", /try again in 1 s/u);
  });

  it("refills at the per-minute rate: one request a second at 60/min, and Retry-After counts the wait", async () => {
    const clock = { now: 0 };
    const app = makeApp({ rateLimitPerMinute: 6, rateLimitBurst: 1, now: () => clock.now, clientKey: () => "a" });
    expect((await app.request("/api/meta")).status).toBe(200);
    const first = await app.request("/api/meta");
    expect(first.status).toBe(429);
    expect(first.headers.get("Retry-After")).toBe("10");
    clock.now = 4_000;
    expect((await app.request("/api/meta")).headers.get("Retry-After")).toBe("6");
    clock.now = 10_000;
    expect((await app.request("/api/meta")).status).toBe(200);
    expect((await app.request("/api/meta")).status).toBe(429);
  });

  it("keeps a bucket per client: one client's flood does not limit another", async () => {
    const clock = { now: 0 };
    const client = { key: "203.0.113.1" };
    const app = limitedApp(clock, client);
    for (let index = 0; index < 3; index += 1) await app.request("/api/meta");
    expect((await app.request("/api/meta")).status).toBe(429);
    client.key = "203.0.113.2";
    expect((await app.request("/api/meta")).status).toBe(200);
  });

  it("never limits /api/health or the pages", async () => {
    const clock = { now: 0 };
    const app = limitedApp(clock, { key: "x" });
    for (let index = 0; index < 10; index += 1) {
      expect((await app.request("/api/health")).status).toBe(200);
      expect((await app.request("/")).status).toBe(200);
    }
  });

  it("is off when the rate is 0 (the default)", async () => {
    const app = makeApp({ rateLimitPerMinute: 0, rateLimitBurst: 1, now: () => 0, clientKey: () => "x" });
    for (let index = 0; index < 30; index += 1) expect((await app.request("/api/meta")).status).toBe(200);
  });

  it("lets a cross-origin widget read Retry-After", async () => {
    const app = makeApp({ rateLimitPerMinute: 60, rateLimitBurst: 1, now: () => 0, clientKey: () => "x", allowedOrigins: ["https://portal.example"] });
    await app.request("/api/meta", { headers: { Origin: "https://portal.example" } });
    const limited = await app.request("/api/meta", { headers: { Origin: "https://portal.example" } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Access-Control-Expose-Headers")).toMatch(/Retry-After/u);
  });
});

describe("bound on requests in flight", () => {
  it("answers 503 overloaded with Retry-After: 1 beyond the bound, and accepts again once requests finish", async () => {
    const release = deferred();
    let entered = 0;
    const app = makeApp({
      maxInFlight: 2,
      feedbackStore: {
        append: async (_record: FeedbackRecord) => {
          entered += 1;
          await release.promise;
        },
      },
    });
    const held = [postFeedback(app), postFeedback(app)];
    await expect.poll(() => entered).toBe(2);

    const rejected = await postFeedback(app);
    expect(rejected.headers.get("Retry-After")).toBe("1");
    await expectServerError(rejected, 503, "overloaded");
    // Cheap reads are counted too: the bound is on all of /api/*.
    expect((await app.request("/api/meta")).status).toBe(503);
    // Liveness probes are not work: a busy server still says it is up.
    expect((await app.request("/api/health")).status).toBe(200);

    release.resolve();
    for (const response of await Promise.all(held)) expect(response.status).toBe(201);
    expect((await app.request("/api/meta")).status).toBe(200);
    expect((await postFeedback(app)).status).toBe(201);
  });
});

describe("/api/health under saturation", () => {
  it("says degraded, and why, while every in-flight slot is taken; ok again once one frees", async () => {
    const release = deferred();
    let entered = 0;
    const app = makeApp({
      maxInFlight: 2,
      feedbackStore: {
        append: async () => {
          entered += 1;
          await release.promise;
        },
      },
    });
    expect(await (await app.request("/api/health")).json()).toMatchObject({ status: "ok", checks: { inFlight: "ok" }, inFlight: 0, maxInFlight: 2 });
    const held = [postFeedback(app), postFeedback(app)];
    await expect.poll(() => entered).toBe(2);
    const busy = await app.request("/api/health");
    expect(busy.status).toBe(200);
    expect(await busy.json()).toMatchObject({ status: "degraded", checks: { inFlight: "saturated" }, inFlight: 2, maxInFlight: 2 });
    release.resolve();
    await Promise.all(held);
    expect(await (await app.request("/api/health")).json()).toMatchObject({ status: "ok", inFlight: 0 });
  });
});

describe("request timeout", () => {
  it("answers 503 timeout when a request takes longer than the limit", async () => {
    const never = new Promise<void>(() => undefined);
    const app = makeApp({ requestTimeoutMs: 20, feedbackStore: { append: () => never } });
    await expectServerError(await postFeedback(app), 503, "timeout");
    // Requests that finish in time are unaffected.
    expect((await app.request("/api/health")).status).toBe(200);
  });

  it("keeps the abandoned request's in-flight slot until its work really ends", async () => {
    const release = deferred();
    const app = makeApp({ requestTimeoutMs: 20, maxInFlight: 1, feedbackStore: { append: () => release.promise } });
    await expectServerError(await postFeedback(app), 503, "timeout");
    await expectServerError(await app.request("/api/meta"), 503, "overloaded");
    release.resolve();
    await expect.poll(async () => (await app.request("/api/meta")).status).toBe(200);
  });
});

describe("configurable body limit", () => {
  it("answers 413 payload_too_large above the configured size and names it", async () => {
    const app = makeApp({ maxBodyBytes: 100 });
    const body = JSON.stringify({ question: "森林覆盖率是多少?", padding: "x".repeat(200) });
    const response = await app.request("/api/ask", { method: "POST", body, headers: { "content-type": "application/json" } });
    await expectClientError(response, 413, "payload_too_large", /100 bytes/u);
    const small = await app.request("/api/ask", { method: "POST", body: JSON.stringify({ question: "森林覆盖率是多少?" }), headers: { "content-type": "application/json" } });
    expect(small.status).toBe(200);
  });

  it("accepts bodies above 64 KiB when configured larger", async () => {
    const app = makeApp({ maxBodyBytes: 256 * 1024 });
    const body = JSON.stringify({ question: "森林覆盖率是多少?", padding: "x".repeat(100_000) });
    const response = await app.request("/api/ask", { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(response.status).not.toBe(413);
  });
});
