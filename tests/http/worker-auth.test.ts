import { describe, expect, it, vi } from "vitest";
import { expectClientError } from "../support/http-assertions.js";

// The Worker's own fetch handler, in-process: the bundle wrangler would alias in is packed
// here from the committed index/ as scripts/build-worker-index.mjs does (no wrangler, no workerd).
vi.mock("jiangjin-index-bundle", async () => (await import("../support/worker-index-bundle.js")).committedIndexBundle());

const KEY = "worker-api-key-0123456789";

async function loadWorker(): Promise<{ fetch: (request: Request, environment: Record<string, string>, context: unknown) => Promise<Response> }> {
  // A fresh module per test: the app is built once per isolate from the first request's environment.
  vi.resetModules();
  return (await import("../../src/entry/worker.js")).default;
}

const request = (path: string, headers: Record<string, string> = {}): Request => new Request(`https://worker.example${path}`, { headers });

describe("the Worker's API key", () => {
  it("requires Authorization: Bearer <API_KEY> on /api/* except /api/health, as Node does", async () => {
    const worker = await loadWorker();
    const environment = { API_KEY: KEY };
    const missing = await worker.fetch(request("/api/search?q=森林覆盖率"), environment, {});
    expect(missing.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
    await expectClientError(missing, 401, "unauthorized", /Authorization: Bearer/u);
    const wrong = await worker.fetch(request("/api/search?q=森林覆盖率", { Authorization: `Bearer ${KEY}x` }), environment, {});
    await expectClientError(wrong, 401, "unauthorized", /key/u);
    expect((await worker.fetch(request("/api/search?q=森林覆盖率", { Authorization: `Bearer ${KEY}` }), environment, {})).status).toBe(200);
    expect((await worker.fetch(request("/api/health"), environment, {})).status).toBe(200);
  });

  it("is open when API_KEY is unset or empty, and has no admin routes", async () => {
    const worker = await loadWorker();
    expect((await worker.fetch(request("/api/search?q=森林覆盖率"), { API_KEY: "" }, {})).status).toBe(200);
    await expectClientError(await worker.fetch(request("/api/admin/feedback", { Authorization: `Bearer ${KEY}` }), {}, {}), 403, "admin_disabled", /ADMIN_KEY/u);
  });
});

describe("the Worker's per-isolate rate limit", () => {
  it("keys on CF-Connecting-IP and answers 429 with Retry-After", async () => {
    const worker = await loadWorker();
    const environment = { RATE_LIMIT_PER_MINUTE: "1", RATE_LIMIT_BURST: "2" };
    const from = (address: string): Request => request("/api/search?q=森林覆盖率", { "CF-Connecting-IP": address });
    expect((await worker.fetch(from("198.51.100.1"), environment, {})).status).toBe(200);
    expect((await worker.fetch(from("198.51.100.1"), environment, {})).status).toBe(200);
    const limited = await worker.fetch(from("198.51.100.1"), environment, {});
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/u);
    await expectClientError(limited, 429, "rate_limited", /try again/u);
    expect((await worker.fetch(from("198.51.100.2"), environment, {})).status).toBe(200);
    expect((await worker.fetch(request("/api/health", { "CF-Connecting-IP": "198.51.100.1" }), environment, {})).status).toBe(200);
  });

  it("refuses an invalid setting with a JSON error that does not echo secrets", async () => {
    const worker = await loadWorker();
    const response = await worker.fetch(request("/api/search?q=森林覆盖率"), { RATE_LIMIT_PER_MINUTE: "lots", API_KEY: KEY }, {});
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "invalid_parameter", message: expect.stringMatching(/RATE_LIMIT_PER_MINUTE/u) } });
    expect(text).not.toContain(KEY);
  });
});
