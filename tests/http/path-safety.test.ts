import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.js";
import { createStaticAsset } from "../../src/http/static-asset.js";
import { projectRoot } from "../support/corpus.js";
import { reportEngine } from "../support/engine.js";
import { expectClientError } from "../support/http-assertions.js";

let app: ReturnType<typeof createApp>;
const packageJson = readFileSync(path.join(projectRoot, "package.json"), "utf8");

beforeAll(async () => {
  app = createApp(
    await reportEngine(),
    { vectorIndex: "brute-force" },
    { assets: { widget: createStaticAsset("/* widget */", "text/javascript; charset=utf-8"), app: createStaticAsset("export {};", "text/javascript; charset=utf-8") } },
  );
});

const TRAVERSALS = [
  "/assets/..%2f..%2fpackage.json",
  "/assets/..%2F..%2Fpackage.json",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/assets/%2e%2e/%2e%2e/package.json",
  "/assets/%252e%252e/x",
  "/assets/%252e%252e%252fpackage.json",
  "/assets/..%5c..%5cpackage.json",
  "/assets/....//....//package.json",
  "/assets/%c0%ae%c0%ae/package.json",
  "/assets/demo.css/../../package.json",
  "/assets/app.js%00.json",
  "/widget.js/..%2fpackage.json",
  "/api/..%2f..%2fpackage.json",
];

describe("static serving stays inside its fixed routes", () => {
  it.each(TRAVERSALS)("answers %s with a 404 JSON error and no file contents", async (url) => {
    const response = await app.request(url);
    const text = await response.clone().text();
    await expectClientError(response, 404, "not_found", /No route/u);
    expect(text).not.toContain('"name": "jiangjin-report-qa"');
    expect(text).not.toContain(packageJson.slice(0, 40));
    expect(text).not.toMatch(/root:.*:0:0:/u);
    expect(text).not.toContain(projectRoot);
  });

  it("still serves the fixed assets", async () => {
    expect((await app.request("/assets/demo.css")).status).toBe(200);
    expect((await app.request("/assets/app.js")).status).toBe(200);
    expect((await app.request("/widget.js")).status).toBe(200);
  });
});
