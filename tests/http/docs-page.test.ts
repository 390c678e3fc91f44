import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.js";
import { openApiDocument } from "../../src/http/openapi/openapi-document.js";
import { reportEngine } from "../support/engine.js";

// GET /docs and GET /openapi.json as a browser and a client meet them: the reference page is
// whole (every operation, every schema), loads nothing from another host, runs no script, and
// keeps the pages' Content-Security-Policy; the document is the one the app builds, cacheable.

let app: ReturnType<typeof createApp>;
let page: string;
let response: Response;

beforeAll(async () => {
  app = createApp(await reportEngine(), { vectorIndex: "brute-force" }, { frameAncestors: ["https://portal.example"], apiKey: "api-key-0123456789abcdef" });
  response = await app.request("/docs");
  page = await response.clone().text();
});

describe("GET /docs", () => {
  it("is an HTML page with the pages' CSP: scripts from this origin only, never inline", async () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/u);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toBe((await app.request("/")).headers.get("content-security-policy"));
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/u);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors https://portal.example");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("loads nothing from another host and has no script at all", () => {
    expect(page).not.toMatch(/<script/iu);
    expect(page).not.toMatch(/\son[a-z]+\s*=/iu);
    const urls = [...page.matchAll(/\s(?:src|href|action|srcset|poster|data)\s*=\s*"([^"]*)"/giu)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url, url).toMatch(/^(?:\/(?!\/)|#|data:)/u);
  });

  it("links a stylesheet this server serves, which loads nothing either", async () => {
    expect(page).toContain('<link rel="stylesheet" href="/assets/docs.css">');
    const stylesheet = await app.request("/assets/docs.css");
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers.get("content-type")).toMatch(/^text\/css/u);
    const css = await stylesheet.text();
    expect(css.length).toBeGreaterThan(500);
    expect(css).not.toMatch(/@import|url\(/iu);
  });

  it("shows every operation with its method, path, summary and authorization, and every schema", () => {
    const document = openApiDocument();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const escapedPath = path.replace(/&/gu, "&#38;");
        expect(page, `${method} ${path}`).toContain(`<span class="method method-${method}">${method.toUpperCase()}</span> <code>${escapedPath}</code>`);
        expect(page).toContain(`id="op-${operation!.operationId}"`);
      }
    }
    for (const name of Object.keys(document.components.schemas)) expect(page, name).toContain(`id="schema-${name}"`);
    expect(page).toContain("Authorization: Bearer &lt;ADMIN_KEY&gt;");
    expect(page).toContain("到2026年地区生产总值目标是多少?");
    expect(page).toContain('<a href="/openapi.json">/openapi.json</a>');
  });

  it("escapes what it shows: no text of the document becomes markup", () => {
    expect(page).not.toContain("<API_KEY>");
    expect(page).toContain("&lt;API_KEY&gt;");
  });
});

describe("GET /openapi.json", () => {
  it("serves the document the app builds, as JSON, cacheable with an ETag", async () => {
    const served = await app.request("/openapi.json");
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toMatch(/^application\/json/u);
    expect(served.headers.get("cache-control")).toBe("public, max-age=300, must-revalidate");
    expect(served.headers.get("etag")).toMatch(/^"[0-9a-z-]+"$/u);
    expect(await served.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("is open to every client, whatever key the API needs", async () => {
    expect((await app.request("/openapi.json")).status).toBe(200);
    expect((await app.request("/api/meta")).status).toBe(401);
  });
});
