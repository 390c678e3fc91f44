import { describe, expect, it } from "vitest";
import { answererFromFlags } from "../../src/cli/answerer-flags.js";

describe("the CLI's answerer flags", () => {
  it("default to the environment and override it flag by flag", () => {
    expect(answererFromFlags({}, {})).toEqual({ kind: "extractive" });
    const environment = { ANSWERER: "generative", LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_MODEL: "qwen2.5:7b-instruct" };
    expect(answererFromFlags({}, environment)).toMatchObject({ provider: "openai-compatible", model: "qwen2.5:7b-instruct" });
    expect(answererFromFlags({ "llm-model": "qwen2.5:14b-instruct", "llm-timeout-ms": "5000" }, environment)).toMatchObject({ model: "qwen2.5:14b-instruct", timeoutMs: 5_000 });
    expect(answererFromFlags({ answerer: "extractive" }, environment)).toEqual({ kind: "extractive" });
    // The question rewrite is on unless turned off, by flag or variable.
    expect(answererFromFlags({}, environment)).toMatchObject({ rewrite: true });
    expect(answererFromFlags({ "llm-rewrite": "off" }, environment)).toMatchObject({ rewrite: false });
    expect(answererFromFlags({}, { ...environment, LLM_REWRITE: "off" })).toMatchObject({ rewrite: false });
  });

  it("--llm-provider transformers needs only --llm-model, and overrides LLM_PROVIDER", () => {
    expect(answererFromFlags({ answerer: "generative", "llm-provider": "transformers", "llm-model": "onnx-community/Qwen2.5-0.5B-Instruct" }, {})).toEqual({
      kind: "generative",
      provider: "transformers",
      model: "onnx-community/Qwen2.5-0.5B-Instruct",
      timeoutMs: 20_000,
      rewrite: true,
    });
    const local = { ANSWERER: "generative", LLM_PROVIDER: "transformers", LLM_MODEL: "tiny", LLM_BASE_URL: "http://127.0.0.1:11434/v1" };
    expect(answererFromFlags({}, local)).toMatchObject({ provider: "transformers", model: "tiny" });
    expect(answererFromFlags({ "llm-provider": "openai-compatible" }, local)).toMatchObject({ provider: "openai-compatible", baseUrl: "http://127.0.0.1:11434/v1" });
  });

  it("names the flag of a bad value", () => {
    expect(() => answererFromFlags({ answerer: "generative", "llm-provider": "llamafile", "llm-model": "x" }, {})).toThrow(/^--llm-provider \(LLM_PROVIDER\): /u);
    expect(() => answererFromFlags({ answerer: "generative", "llm-base-url": "localhost:11434", "llm-model": "x" }, {})).toThrow(/^--llm-base-url \(LLM_BASE_URL\): /u);
    expect(() => answererFromFlags({ answerer: "maybe" }, {})).toThrow(/^--answerer \(ANSWERER\): /u);
    expect(() => answererFromFlags({ "llm-rewrite": "yes" }, {})).toThrow(/^--llm-rewrite \(LLM_REWRITE\): must be on or off/u);
    expect(() => answererFromFlags({ answerer: "generative", "llm-provider": "transformers" }, {})).toThrow(/LLM_MODEL: required when ANSWERER=generative and LLM_PROVIDER=transformers/u);
  });
});
