import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { FeedbackRecord } from "../../src/core/schemas/feedback.js";
import { createApp } from "../../src/http/create-app.js";
import { createStaticAsset } from "../../src/http/static-asset.js";
import { reportEngine } from "../support/engine.js";

const stored: FeedbackRecord[] = [];
const JSON_TYPE = { "content-type": "application/json" };
const widgetSource = `(()=>{/* widget */${"x".repeat(4000)}})();`;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const engine = await reportEngine();
  app = createApp(
    engine,
    { vectorIndex: "brute-force" },
    {
      about: { title: "报告解读", author: "周杭", published: "2021-12-29" },
      starters: async () => [{ question: "“综合实力持续增强”有哪些具体内容？", section: ["过去五年", "综合实力持续增强"] }],
      feedbackStore: { append: async (record) => void stored.push(record) },
      assets: { widget: createStaticAsset(widgetSource, "text/javascript; charset=utf-8"), app: createStaticAsset("export {};", "text/javascript; charset=utf-8") },
      allowedOrigins: ["https://portal.example"],
      frameAncestors: ["https://portal.example"],
    },
  );
});

describe("pages", () => {
  it("serves the chat page with a CSP that allows no inline script and names the allowed framers", async () => {
    const response = await app.request("/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<script src="/assets/app.js" type="module"></script>');
    expect(html).not.toMatch(/<script>(?!<)/u);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/u);
    expect(policy).toContain("frame-ancestors https://portal.example");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("serves a demo article that embeds the widget from this server, whatever Host the request names", async () => {
    // A forged Host must not end up in a page a cache may serve to others (issue 9, finding 7).
    const html = await (await app.request("http://qa.local/demo", { headers: { Host: "evil.example" } })).text();
    expect(html).toContain('<script src="/widget.js" data-title=');
    expect(html).not.toMatch(/evil\.example|qa\.local|data-api=/u);
    expect((await app.request("/assets/demo.css")).headers.get("content-type")).toMatch(/^text\/css/u);
  });
});

describe("widget bundles", () => {
  it("serves widget.js as JavaScript that other sites may load, compressed, with an ETag", async () => {
    const response = await app.request("/widget.js", { headers: { "Accept-Encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("cache-control")).toContain("must-revalidate");
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^(W\/)?".+"$/u);
    const again = await app.request("/widget.js", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("says how to build a bundle that is missing", async () => {
    const bare = createApp(await reportEngine(), { vectorIndex: "brute-force" });
    const response = await bare.request("/widget.js");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("npm run build") } });
  });
});

describe("CORS on /api/*", () => {
  it("answers a configured origin's preflight and requests, and gives other origins no CORS header", async () => {
    const preflight = await app.request("/api/ask", {
      method: "OPTIONS",
      headers: { Origin: "https://portal.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://portal.example");
    const meta = await app.request("/api/meta", { headers: { Origin: "https://portal.example" } });
    expect(meta.headers.get("access-control-allow-origin")).toBe("https://portal.example");
    const stranger = await app.request("/api/meta", { headers: { Origin: "https://evil.example" } });
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("GET /api/meta", () => {
  it("gives the report's title, byline and starter questions", async () => {
    const body = z
      .object({ title: z.string(), author: z.string(), published: z.string(), chunkCount: z.number(), starters: z.array(z.object({ question: z.string(), section: z.array(z.string()) })) })
      .parse(await (await app.request("/api/meta")).json());
    expect(body).toMatchObject({ title: "报告解读", author: "周杭", published: "2021-12-29" });
    expect(body.starters[0]?.question).toContain("综合实力持续增强");
  });
});

describe("POST /api/feedback", () => {
  it("stores a rating with its question, answer and engine receipt", async () => {
    const feedback = {
      question: "到2026年地区生产总值目标是多少?",
      answer: "到2026年,地区生产总值达1800亿元左右[1]。",
      rating: "up",
      engine: { embedder: "hashing-ngram:v1:d4096", retriever: "hybrid", answerer: "extractive-v1", indexHash: "abc" },
      citations: [{ marker: 1, chunkId: "x:1:0", quoteStart: 2727, quoteEnd: 2749 }],
    };
    const response = await app.request("/api/feedback", { method: "POST", headers: JSON_TYPE, body: JSON.stringify(feedback) });
    expect(response.status).toBe(201);
    expect(stored.at(-1)).toMatchObject({ ...feedback, receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/u) });
  });

  it("rejects a bad rating or a missing question with a message naming it", async () => {
    const bad = await app.request("/api/feedback", { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ question: "q", answer: "a", rating: "meh" }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_parameter", message: expect.stringContaining("rating") } });
    const missing = await app.request("/api/feedback", { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ answer: "a", rating: "up" }) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { message: expect.stringContaining("question") } });
  });

  it("says so when the deployment stores no feedback", async () => {
    const bare = createApp(await reportEngine(), { vectorIndex: "brute-force" });
    const response = await bare.request("/api/feedback", { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ question: "q", answer: "a", rating: "up" }) });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: "feature_unavailable" } });
  });
});
