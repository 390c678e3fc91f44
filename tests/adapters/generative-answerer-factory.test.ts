import { describe, expect, it } from "vitest";
import { chatModelFor, modelPartsFor, FALLBACK_MARGIN_MS, modelTimeout, type LocalChatModels } from "../../src/adapters/generative-answerer-factory.js";
import type { AnswererChoice } from "../../src/adapters/answerer-choice.js";
import { ScriptedChatModel } from "../support/scripted-chat-model.js";

const OLLAMA: AnswererChoice = { kind: "generative", baseUrl: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b-instruct", apiKey: undefined, timeoutMs: 20_000 };
const LOCAL: AnswererChoice = { kind: "generative", provider: "transformers", model: "onnx-community/Qwen2.5-0.5B-Instruct", timeoutMs: 20_000 };

/** A LocalChatModels that records what it was asked for. */
function recordingLocalModels(): { localModels: LocalChatModels; requests: { model: string; timeoutMs: number }[] } {
  const requests: { model: string; timeoutMs: number }[] = [];
  return {
    requests,
    localModels: (request) => {
      requests.push(request);
      return new ScriptedChatModel([], request.model);
    },
  };
}

describe("the generative answerer's model time", () => {
  it("ends a margin before the request's own limit, so the extractive fallback still answers in time", () => {
    // REQUEST_TIMEOUT_MS 10 s, LLM_TIMEOUT_MS 20 s: the model gets 9 s, not 20 s that the request would cut at 10.
    expect(modelTimeout(20_000, 10_000)).toBe(10_000 - FALLBACK_MARGIN_MS);
    expect(modelTimeout(5_000, 10_000)).toBe(5_000);
    // No request limit (the CLI, eval): the configured model time.
    expect(modelTimeout(20_000, 0)).toBe(20_000);
  });

  it("builds no part for the extractive choice (createEngine's default stands); a model gives the answerer and the rewriter", () => {
    expect(modelPartsFor({ kind: "extractive" })).toEqual({});
    expect(modelPartsFor(undefined)).toEqual({});
    const parts = modelPartsFor(OLLAMA);
    expect(typeof parts.answerer).toBe("function");
    expect(parts.rewriter?.name).toBe("rewrite-v1:openai-compatible:qwen2.5:7b-instruct");
  });

  it("leaves the rewriter out with LLM_REWRITE=off", () => {
    const parts = modelPartsFor({ ...OLLAMA, rewrite: false });
    expect(typeof parts.answerer).toBe("function");
    expect(parts.rewriter).toBeUndefined();
  });
});

describe("the chat model a configuration chose", () => {
  it("is none for the extractive answerer, and an OpenAI-compatible client by default or by name", () => {
    expect(chatModelFor({ kind: "extractive" })).toBeUndefined();
    expect(chatModelFor(undefined)).toBeUndefined();
    expect(chatModelFor(OLLAMA)).toMatchObject({ provider: "openai-compatible", model: "qwen2.5:7b-instruct" });
    expect(chatModelFor({ ...OLLAMA, provider: "openai-compatible" })).toMatchObject({ provider: "openai-compatible" });
  });

  it("is the injected local model for LLM_PROVIDER=transformers, its time bounded by the request's", () => {
    const { localModels, requests } = recordingLocalModels();
    expect(chatModelFor(LOCAL, 10_000, localModels)).toMatchObject({ provider: "scripted", model: "onnx-community/Qwen2.5-0.5B-Instruct" });
    expect(requests).toEqual([{ model: "onnx-community/Qwen2.5-0.5B-Instruct", timeoutMs: 10_000 - FALLBACK_MARGIN_MS }]);
    expect(typeof modelPartsFor(LOCAL, 0, localModels).answerer).toBe("function");
    expect(requests.at(-1)).toEqual({ model: "onnx-community/Qwen2.5-0.5B-Instruct", timeoutMs: 20_000 });
  });

  it("does not ask for a local model when the server is remote", () => {
    const { localModels, requests } = recordingLocalModels();
    chatModelFor(OLLAMA, 0, localModels);
    expect(requests).toEqual([]);
  });

  it("is a configuration error, by name, where no local runtime is injected (the Worker)", () => {
    expect(() => chatModelFor(LOCAL)).toThrow(/Invalid setting LLM_PROVIDER: transformers .* not available here; use an OpenAI-compatible endpoint/u);
    expect(() => modelPartsFor(LOCAL, 10_000)).toThrow(/LLM_PROVIDER/u);
  });
});
