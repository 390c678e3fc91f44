import { beforeAll, describe, expect, it } from "vitest";
import { bearerToken, constantTimeEqual } from "../../src/http/auth.js";
import { createApp } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";

const KEY = "k3y-omega-0123456789abcdef";
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  app = createApp(await reportEngine(), { vectorIndex: "brute-force" }, { apiKey: KEY, allowedOrigins: ["https://portal.example"] });
});

const search = (headers: Record<string, string> = {}): Promise<Response> => Promise.resolve(app.request("/api/search?q=森林覆盖率", { headers }));

describe("optional API key", () => {
  it("answers 401 unauthorized with a Bearer challenge when the key is missing", async () => {
    const response = await search();
    expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
    await expectClientError(response, 401, "unauthorized", /Authorization: Bearer/u);
  });

  it("answers 401 for a wrong key, a key of another length, another scheme or an empty bearer", async () => {
    for (const authorization of [`Bearer ${KEY.slice(0, -1)}x`, `Bearer ${KEY}x`, `Bearer ${KEY.slice(1)}`, `Basic ${KEY}`, "Bearer ", KEY]) {
      const response = await search({ Authorization: authorization });
      expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="api", error="invalid_token"');
      await expectClientError(response, 401, "unauthorized", /key/u);
    }
  });

  it("answers 200 with the right key (scheme case-insensitive), on GET and POST", async () => {
    expect((await search({ Authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await search({ Authorization: `bearer ${KEY}` })).status).toBe(200);
    const ask = await app.request("/api/ask", { method: "POST", body: JSON.stringify({ question: "森林覆盖率是多少?" }), headers: { "content-type": "application/json", Authorization: `Bearer ${KEY}` } });
    expect(ask.status).toBe(200);
  });

  it("leaves /api/health, the pages and CORS preflights open", async () => {
    expect((await app.request("/api/health")).status).toBe(200);
    expect((await app.request("/")).status).toBe(200);
    const preflight = await app.request("/api/ask", {
      method: "OPTIONS",
      headers: { Origin: "https://portal.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("authorization");
  });

  it("requires no key when none is configured", async () => {
    const open = createApp(await reportEngine(), { vectorIndex: "brute-force" });
    expect((await open.request("/api/search?q=森林覆盖率")).status).toBe(200);
  });
});

describe("constantTimeEqual and bearerToken", () => {
  it("compares like === for equal, different, prefix and non-ASCII strings", () => {
    expect(constantTimeEqual(KEY, KEY)).toBe(true);
    expect(constantTimeEqual("", "")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("abcd", "abc")).toBe(false);
    expect(constantTimeEqual("", "a")).toBe(false);
    expect(constantTimeEqual("Ω", "Ω")).toBe(true);
    expect(constantTimeEqual("Ω", "Ψ")).toBe(false);
    // A string and its zero-padded form differ although the padding bytes are 0.
    expect(constantTimeEqual("a", "a\u0000")).toBe(false);
  });

  it("takes the token from a Bearer header only", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer  abc ")).toBe("abc");
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
