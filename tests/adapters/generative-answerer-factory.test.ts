import { describe, expect, it } from "vitest";
import { answererFor, FALLBACK_MARGIN_MS, modelTimeout } from "../../src/adapters/generative-answerer-factory.js";

describe("the generative answerer's model time", () => {
  it("ends a margin before the request's own limit, so the extractive fallback still answers in time", () => {
    // REQUEST_TIMEOUT_MS 10 s, LLM_TIMEOUT_MS 20 s: the model gets 9 s, not 20 s that the request would cut at 10.
    expect(modelTimeout(20_000, 10_000)).toBe(10_000 - FALLBACK_MARGIN_MS);
    expect(modelTimeout(5_000, 10_000)).toBe(5_000);
    // No request limit (the CLI, eval): the configured model time.
    expect(modelTimeout(20_000, 0)).toBe(20_000);
  });

  it("builds no answerer part for the extractive choice (createEngine's default stands)", () => {
    expect(answererFor({ kind: "extractive" })).toBeUndefined();
    expect(answererFor(undefined)).toBeUndefined();
    expect(typeof answererFor({ kind: "generative", baseUrl: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b-instruct", apiKey: undefined, timeoutMs: 20_000 })).toBe("function");
  });
});
