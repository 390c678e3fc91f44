import { describe, expect, it } from "vitest";
import { readConfiguration } from "../../../src/adapters/node/configuration.js";
import { captureError } from "../../support/capture-error.js";

const OLLAMA = { ANSWERER: "generative", LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_MODEL: "qwen2.5:7b-instruct" };

describe("answerer settings from the environment", () => {
  it("defaults to the extractive answerer, whatever LLM_* says", () => {
    expect(readConfiguration({}).answerer).toEqual({ kind: "extractive" });
    expect(readConfiguration({ ANSWERER: "extractive", LLM_BASE_URL: "http://127.0.0.1:11434/v1" }).answerer).toEqual({ kind: "extractive" });
  });

  it("reads a generative answerer: server, model, no key and a 20 s timeout by default", () => {
    expect(readConfiguration(OLLAMA).answerer).toEqual({
      kind: "generative",
      provider: "openai-compatible",
      baseUrl: "http://127.0.0.1:11434/v1",
      model: "qwen2.5:7b-instruct",
      apiKey: undefined,
      timeoutMs: 20_000,
      rewrite: true,
    });
    expect(readConfiguration({ ...OLLAMA, LLM_REWRITE: "off" }).answerer).toMatchObject({ rewrite: false });
  });

  it("reads LLM_API_KEY and LLM_TIMEOUT_MS within 1000–120000", () => {
    const settings = { ...OLLAMA, LLM_BASE_URL: "https://api.deepseek.com/v1", LLM_MODEL: "deepseek-chat", LLM_API_KEY: "sk-abc123", LLM_TIMEOUT_MS: "1000" };
    expect(readConfiguration(settings).answerer).toMatchObject({ baseUrl: "https://api.deepseek.com/v1", model: "deepseek-chat", apiKey: "sk-abc123", timeoutMs: 1000 });
    expect(readConfiguration({ ...OLLAMA, LLM_TIMEOUT_MS: "120000" }).answerer).toMatchObject({ timeoutMs: 120_000 });
  });

  it("names the missing variable when ANSWERER=generative lacks a server or a model", () => {
    expect(() => readConfiguration({ ANSWERER: "generative", LLM_MODEL: "qwen2.5:7b-instruct" })).toThrow(/LLM_BASE_URL: required when ANSWERER=generative/u);
    expect(() => readConfiguration({ ANSWERER: "generative", LLM_BASE_URL: "http://127.0.0.1:11434/v1" })).toThrow(/LLM_MODEL: required when ANSWERER=generative/u);
    expect(() => readConfiguration({ ...OLLAMA, LLM_MODEL: "" })).toThrow(/LLM_MODEL/u);
    expect(() => readConfiguration({ ...OLLAMA, LLM_MODEL: "   " })).toThrow(/LLM_MODEL/u);
  });

  it("refuses an unknown answerer, a URL that is not http(s) and a timeout out of bounds, by name", () => {
    expect(() => readConfiguration({ ANSWERER: "llm" })).toThrow(/ANSWERER/u);
    expect(() => readConfiguration({ ...OLLAMA, LLM_BASE_URL: "127.0.0.1:11434/v1" })).toThrow(/LLM_BASE_URL: must be an http\(s\) URL/u);
    expect(() => readConfiguration({ ...OLLAMA, LLM_BASE_URL: "ftp://models.example/v1" })).toThrow(/LLM_BASE_URL/u);
    expect(() => readConfiguration({ ...OLLAMA, LLM_TIMEOUT_MS: "999" })).toThrow(/LLM_TIMEOUT_MS/u);
    expect(() => readConfiguration({ ...OLLAMA, LLM_TIMEOUT_MS: "120001" })).toThrow(/LLM_TIMEOUT_MS/u);
    expect(() => readConfiguration({ ...OLLAMA, LLM_TIMEOUT_MS: "20s" })).toThrow(/LLM_TIMEOUT_MS/u);
  });

  it("reads LLM_PROVIDER=transformers: a local model id, no server needed, LLM_BASE_URL and LLM_API_KEY ignored", () => {
    const local = { ANSWERER: "generative", LLM_PROVIDER: "transformers", LLM_MODEL: "onnx-community/Qwen2.5-0.5B-Instruct" };
    expect(readConfiguration(local).answerer).toEqual({ kind: "generative", provider: "transformers", model: "onnx-community/Qwen2.5-0.5B-Instruct", timeoutMs: 20_000, rewrite: true });
    expect(readConfiguration({ ...local, LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_API_KEY: "sk-abc123", LLM_TIMEOUT_MS: "60000" }).answerer).toEqual({
      kind: "generative",
      provider: "transformers",
      model: "onnx-community/Qwen2.5-0.5B-Instruct",
      timeoutMs: 60_000,
      rewrite: true,
    });
    expect(readConfiguration({ ...OLLAMA, LLM_PROVIDER: "openai-compatible" }).answerer).toMatchObject({ provider: "openai-compatible" });
  });

  it("names what is wrong with LLM_PROVIDER and a local model id", () => {
    expect(() => readConfiguration({ ...OLLAMA, LLM_PROVIDER: "ollama" })).toThrow(/LLM_PROVIDER/u);
    expect(() => readConfiguration({ ANSWERER: "generative", LLM_PROVIDER: "transformers" })).toThrow(
      /LLM_MODEL: required when ANSWERER=generative and LLM_PROVIDER=transformers .*TRANSFORMERS_MODEL_PATH/u,
    );
    for (const escaping of ["../secrets", "/etc/models", "models/../../x", "a//b", "with space"]) {
      expect(() => readConfiguration({ ANSWERER: "generative", LLM_PROVIDER: "transformers", LLM_MODEL: escaping })).toThrow(/LLM_MODEL: with LLM_PROVIDER=transformers it must be a model id/u);
    }
    // The provider matters only to a generative answerer.
    expect(readConfiguration({ LLM_PROVIDER: "transformers" }).answerer).toEqual({ kind: "extractive" });
  });

  it("refuses a key that cannot travel in a header, without printing it", () => {
    const error = captureError(() => readConfiguration({ ...OLLAMA, LLM_API_KEY: "sk-secret with space" }));
    expect(String(error)).toMatch(/LLM_API_KEY/u);
    expect(String(error)).not.toContain("sk-secret");
  });
});
