import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { createApp, type AppOptions } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";

const SECRET = "s3cret-api-key-that-must-never-be-logged";
const logLineSchema = z.strictObject({
  time: z.iso.datetime(),
  level: z.literal("info"),
  requestId: z.string().min(1),
  method: z.string(),
  path: z.string().startsWith("/"),
  status: z.number().int(),
  latencyMs: z.number().nonnegative(),
});

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

function loggedApp(options: AppOptions = {}): { app: ReturnType<typeof createApp>; lines: string[] } {
  const lines: string[] = [];
  let tick = 0;
  let ids = 0;
  const app = createApp(engine, { vectorIndex: "brute-force" }, { logger: (line) => lines.push(line), now: () => (tick += 5), newRequestId: () => `generated-${(ids += 1)}`, ...options });
  return { app, lines };
}

describe("structured request logging", () => {
  it("writes one JSON line per request with time, id, method, path, status and latency", async () => {
    const { app, lines } = loggedApp();
    const response = await app.request("/api/search?q=森林覆盖率&k=2", { headers: { "X-Request-Id": "req-42" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Request-Id")).toBe("req-42");
    expect(lines).toHaveLength(1);
    const entry = logLineSchema.parse(JSON.parse(lines[0] ?? ""));
    expect(entry).toMatchObject({ requestId: "req-42", method: "GET", path: "/api/search", status: 200, latencyMs: 5 });
    // The query string may carry secrets or personal data: only the path is logged.
    expect(lines[0]).not.toContain("森林");
    expect(lines[0]).not.toContain("q=");
  });

  it("generates an id when none (or an unsafe one) is sent, and echoes it", async () => {
    const { app, lines } = loggedApp();
    const plain = await app.request("/api/health");
    expect(plain.headers.get("X-Request-Id")).toBe("generated-1");
    const hostile = await app.request("/api/health", { headers: { "X-Request-Id": 'x" {"level":"forged"}' } });
    expect(hostile.headers.get("X-Request-Id")).toBe("generated-2");
    expect(lines.map((line) => logLineSchema.parse(JSON.parse(line)).requestId)).toEqual(["generated-1", "generated-2"]);
  });

  it("logs errors and rejections with their status, never the Authorization value or the body", async () => {
    const { app, lines } = loggedApp({ apiKey: SECRET });
    const body = JSON.stringify({ question: "private question text 私密" });
    const denied = await app.request("/api/ask", { method: "POST", body, headers: { "content-type": "application/json", Authorization: `Bearer wrong-${SECRET}` } });
    expect(denied.status).toBe(401);
    const allowed = await app.request("/api/ask", { method: "POST", body, headers: { "content-type": "application/json", Authorization: `Bearer ${SECRET}`, "X-Request-Id": "abc" } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("X-Request-Id")).toBe("abc");
    await app.request("/nowhere");
    const entries = lines.map((line) => logLineSchema.parse(JSON.parse(line)));
    expect(entries.map((entry) => [entry.path, entry.status])).toEqual([
      ["/api/ask", 401],
      ["/api/ask", 200],
      ["/nowhere", 404],
    ]);
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain("private question");
      expect(line.toLowerCase()).not.toContain("authorization");
    }
  });

  it("logs an unexpected failure with the request id and its detail, and tells the client nothing of it", async () => {
    const { app, lines } = loggedApp({
      feedbackStore: {
        append: () => Promise.reject(new Error("EACCES: permission denied, open '/srv/secret/data/feedback.jsonl'")),
      },
    });
    const response = await app.request("/api/feedback", {
      method: "POST",
      body: JSON.stringify({ question: "森林覆盖率是多少?", answer: "52%", rating: "up" }),
      headers: { "content-type": "application/json", "X-Request-Id": "fail-1" },
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("/srv/secret");
    expect(text).not.toMatch(/\bat .+:\d+:\d+/u);
    const error = z.object({ level: z.literal("error"), requestId: z.literal("fail-1"), message: z.string(), stack: z.string() }).parse(JSON.parse(lines[0] ?? ""));
    expect(error.message).toContain("EACCES");
    expect(logLineSchema.parse(JSON.parse(lines[1] ?? ""))).toMatchObject({ requestId: "fail-1", status: 500 });
  });
});

describe("security headers on API responses", () => {
  it("sends X-Content-Type-Options: nosniff on JSON answers and errors, and keeps CORS to configured origins", async () => {
    const { app } = loggedApp({ allowedOrigins: ["https://portal.example"] });
    for (const path of ["/api/health", "/api/search?q=", "/api/nowhere", "/nowhere"]) {
      const response = await app.request(path, { headers: { Origin: "https://evil.example" } });
      expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(response.headers.get("Access-Control-Allow-Origin"), path).toBeNull();
    }
    const allowed = await app.request("/api/health", { headers: { Origin: "https://portal.example" } });
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://portal.example");
    expect(allowed.headers.get("Referrer-Policy")).toBe("no-referrer");
  });
});
