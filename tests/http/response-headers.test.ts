import { beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { createApp, type AppOptions } from "../../src/http/create-app.js";
import { createStaticAsset } from "../../src/http/static-asset.js";
import { reportEngine } from "../support/engine.js";

/** Caching and transport headers (issue 9, finding 7). */

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

const makeApp = (options: AppOptions = {}): ReturnType<typeof createApp> =>
  createApp(engine, { vectorIndex: "brute-force" }, { assets: { widget: createStaticAsset("(()=>{})();", "text/javascript; charset=utf-8") }, ...options });
const json = { "content-type": "application/json" };

describe("Cache-Control on the API", () => {
  it("is no-store on every API answer, errors and health included, so no cache keeps a question or answer", async () => {
    const app = makeApp();
    const responses = [
      await app.request("/api/ask", { method: "POST", headers: json, body: JSON.stringify({ question: "森林覆盖率是多少?" }) }),
      await app.request("/api/search?q=%E6%A3%AE%E6%9E%97"),
      await app.request("/api/meta"),
      await app.request("/api/health"),
      await app.request("/api/ask", { method: "POST", headers: json, body: "{" }),
      await app.request("/api/nothing-here"),
    ];
    for (const response of responses) expect(response.headers.get("cache-control"), `${response.status} ${response.url}`).toBe("no-store");
  });

  it("leaves the deliberate policy of the widget bundle alone", async () => {
    expect((await makeApp().request("/widget.js")).headers.get("cache-control")).toBe("public, max-age=300, must-revalidate");
  });
});

describe("Strict-Transport-Security", () => {
  it("is never sent over plain HTTP, nor on a client's own X-Forwarded-Proto when no proxy is trusted", async () => {
    const app = makeApp();
    for (const path of ["/", "/demo", "/api/meta"]) {
      expect((await app.request(`http://qa.example${path}`)).headers.get("strict-transport-security"), path).toBeNull();
      expect((await app.request(`http://qa.example${path}`, { headers: { "X-Forwarded-Proto": "https" } })).headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("is sent over HTTPS, and behind a trusted proxy that says the client came over HTTPS", async () => {
    expect((await makeApp().request("https://qa.example/")).headers.get("strict-transport-security")).toMatch(/^max-age=\d+/u);
    const proxied = makeApp({ trustProxy: 1 });
    expect((await proxied.request("http://qa.example/", { headers: { "X-Forwarded-Proto": "https" } })).headers.get("strict-transport-security")).toMatch(/^max-age=\d+/u);
    // What the client wrote left of the proxy's entry does not count.
    expect((await proxied.request("http://qa.example/", { headers: { "X-Forwarded-Proto": "https, http" } })).headers.get("strict-transport-security")).toBeNull();
  });
});
