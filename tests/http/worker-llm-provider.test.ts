import { describe, expect, it, vi } from "vitest";

// The Worker's own fetch handler, in-process, over the committed index/ packed as
// scripts/build-worker-index.mjs does (as in worker-auth.test.ts).
vi.mock("jiangjin-index-bundle", async () => (await import("../support/worker-index-bundle.js")).committedIndexBundle());

async function loadWorker(): Promise<{ fetch: (request: Request, environment: Record<string, string>, context: unknown) => Promise<Response> }> {
  vi.resetModules();
  return (await import("../../src/entry/worker.js")).default;
}

describe("the Worker's LLM provider", () => {
  it("refuses LLM_PROVIDER=transformers at start, pointing to an OpenAI-compatible endpoint such as Workers AI", async () => {
    const worker = await loadWorker();
    const environment = { ANSWERER: "generative", LLM_PROVIDER: "transformers", LLM_MODEL: "onnx-community/Qwen2.5-0.5B-Instruct" };
    const response = await worker.fetch(new Request("https://worker.example/api/health"), environment, {});
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_parameter");
    expect(body.error.message).toMatch(/LLM_PROVIDER: transformers .*not available in Workers; use an OpenAI-compatible endpoint such as Workers AI/u);
  });

  it("serves with LLM_PROVIDER=openai-compatible as before", async () => {
    const worker = await loadWorker();
    const environment = { ANSWERER: "generative", LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: "http://127.0.0.1:9/v1", LLM_MODEL: "qwen2.5:7b-instruct" };
    expect((await worker.fetch(new Request("https://worker.example/api/health"), environment, {})).status).toBe(200);
  });
});
