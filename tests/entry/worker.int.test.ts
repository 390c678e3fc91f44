import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { projectRoot, reportText } from "../support/corpus.js";
import { childEnvironment, freePort } from "../support/child-process.js";

// The Workers build for real: wrangler bundles src/entry/worker.ts with the packed index
// and serves it from workerd, as `npx wrangler dev` does for a user.
let worker: ChildProcess | undefined;
let base = "";
let log = "";

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer in time:\n${log}`);
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  worker = spawn(`${projectRoot}node_modules/.bin/wrangler`, ["dev", "--ip", "127.0.0.1", "--port", String(port), "--log-level", "warn"], {
    cwd: projectRoot,
    env: childEnvironment({ WRANGLER_SEND_METRICS: "false", CI: "true" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout?.on("data", (data: Buffer) => (log += data.toString()));
  worker.stderr?.on("data", (data: Buffer) => (log += data.toString()));
  await waitForHealth(`${base}/api/health`, Date.now() + 90_000);
}, 120_000);

afterAll(() => {
  worker?.kill("SIGTERM");
});

describe("the Worker under wrangler dev", () => {
  it("reports the bundled index, searched exactly, with jieba-wasm's web build loaded as the segmenter", async () => {
    const health = (await (await fetch(`${base}/api/health`)).json()) as { chunks: number; vectorIndex: string; embedder: string; segmenter: string };
    expect(health.chunks).toBeGreaterThan(0);
    expect(health.vectorIndex).toBe("brute-force");
    expect(health.embedder).toMatch(/^hashing-ngram:/u);
    expect(health.segmenter).toBe("jieba-wasm");
  });

  it("answers with citations that quote the report exactly", async () => {
    const response = await fetch(`${base}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "到2026年地区生产总值目标是多少?" }),
    });
    expect(response.status).toBe(200);
    const answer = askResponseSchema.parse(await response.json());
    expect(answer.answer).toContain("1800亿元");
    for (const citation of answer.citations) expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
  });

  it("serves the chat page, its script and the embed script", async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="/assets/app.js"');
    for (const asset of ["/assets/app.js", "/widget.js"]) {
      const response = await fetch(`${base}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/javascript/u);
    }
    const meta = (await (await fetch(`${base}/api/meta`)).json()) as { starters: unknown[]; author: string | null };
    expect(meta.author).toBe("周杭");
    expect(meta.starters.length).toBeGreaterThanOrEqual(4);
  });

  it("rejects bad input with a JSON error, as the Node server does", async () => {
    const response = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
  });
});
