import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transformersChatModels } from "../../src/adapters/node/local-chat-models.js";
import { createTransformersChatModel, type TransformersChatModelOptions } from "../../src/adapters/node/transformers-chat-model.js";
import { ask } from "../../src/core/pipeline/ask.js";
import { ChatModelError, type ChatMessage, type ChatModel } from "../../src/core/ports/chat-model.js";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { testChatModel } from "../contracts/chat-model-contract.js";
import { chatPromptTokenCount, createTinyCausalLmModel } from "../fixtures/tiny-causal-lm-model.js";
import { reportText } from "../support/corpus.js";
import { generativeEngine } from "../support/generative-engine.js";
import { blockTransformersNetwork } from "../support/offline-transformers.js";

// A real transformers.js text-generation pipeline over a tiny random-weight model the test
// writes (tests/fixtures/tiny-causal-lm-model.ts): real tokenizer, chat template, ONNX Runtime
// and streamer; only the weights are nonsense, so nothing is downloaded and replies are fast.

const MESSAGES: readonly ChatMessage[] = [{ role: "user", content: "森林覆盖率是多少?" }];
const REPLY_LENGTH = 7;

let rootDirectory = "";
let modelId = "";
let endingModelId = "";
let corruptModelId = "";
let templatelessModelId = "";
let network: Awaited<ReturnType<typeof blockTransformersNetwork>>;

beforeAll(async () => {
  rootDirectory = await mkdtemp(join(tmpdir(), "jiangjin-tiny-causal-lm-"));
  ({ modelId } = await createTinyCausalLmModel(rootDirectory, { vocabularyText: reportText }));
  // Ends its reply after REPLY_LENGTH characters of MESSAGES' prompt: the "stop" case.
  ({ modelId: endingModelId } = await createTinyCausalLmModel(rootDirectory, {
    modelId: "test/tiny-causal-lm-ending",
    endOfTextPosition: chatPromptTokenCount(MESSAGES) + REPLY_LENGTH,
  }));
  const corrupt = await createTinyCausalLmModel(rootDirectory, { modelId: "test/tiny-causal-lm-corrupt" });
  await writeFile(join(corrupt.modelDirectory, "onnx", "model.onnx"), "not an ONNX model");
  corruptModelId = corrupt.modelId;
  const templateless = await createTinyCausalLmModel(rootDirectory, { modelId: "test/tiny-causal-lm-no-template" });
  await writeFile(join(templateless.modelDirectory, "tokenizer_config.json"), JSON.stringify({ tokenizer_class: "PreTrainedTokenizer", eos_token: "<|im_end|>" }));
  templatelessModelId = templateless.modelId;
  network = await blockTransformersNetwork();
});

afterAll(async () => {
  expect(network.requests).toEqual([]);
  network.restore();
  if (rootDirectory) await rm(rootDirectory, { recursive: true, force: true });
});

function localModel(options: Partial<TransformersChatModelOptions> = {}): ChatModel {
  return createTransformersChatModel({ modelId, localModelPath: rootDirectory, timeoutMs: 20_000, maxNewTokensDefault: 48, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<ChatModelError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ChatModelError);
  return error as ChatModelError;
}

testChatModel("transformers.js local model", {
  streaming: async () => localModel(),
  failing: async () => localModel({ modelId: corruptModelId }),
  failingAs: "unavailable",
});

describe("the transformers.js chat model", () => {
  it("stops at maxTokens with finishReason 'length', one character per token", async () => {
    const { text, finishReason } = await localModel().complete({ messages: MESSAGES, maxTokens: 5 });
    expect(finishReason).toBe("length");
    expect([...text]).toHaveLength(5);
  });

  it("stops at the end-of-text token with finishReason 'stop', the token itself not in the text", async () => {
    const { text, finishReason } = await localModel({ modelId: endingModelId }).complete({ messages: MESSAGES, maxTokens: 100 });
    expect(finishReason).toBe("stop");
    expect([...text]).toHaveLength(REPLY_LENGTH);
    expect(text).not.toContain("<|im_end|>");
  });

  it("decodes greedily: the same messages give the same reply, and a different prompt another", async () => {
    const model = localModel();
    const first = await model.complete({ messages: MESSAGES });
    expect((await model.complete({ messages: MESSAGES })).text).toBe(first.text);
    expect((await model.complete({ messages: [{ role: "user", content: "五大专项行动是哪五个" }] })).text).not.toBe(first.text);
  });

  it("generates one reply at a time: concurrent calls take turns and each gets its own whole reply", async () => {
    const model = localModel();
    const alone = (await model.complete({ messages: MESSAGES })).text;
    const order: string[] = [];
    const calls = ["a", "b", "c"].map((name) => model.complete({ messages: MESSAGES, onDelta: () => order.push(name) }));
    const replies = await Promise.all(calls);
    expect(replies.map((reply) => reply.text)).toEqual([alone, alone, alone]);
    // Not interleaved: all of a's pieces, then b's, then c's.
    expect(order.join("")).toMatch(/^a+b+c+$/u);
  });

  it("times out with 'timeout', stops generating, and answers the next call promptly", async () => {
    const model = localModel({ timeoutMs: 50 });
    const deltas: string[] = [];
    const started = performance.now();
    const error = await rejection(model.complete({ messages: MESSAGES, maxTokens: 100_000, onDelta: (delta) => deltas.push(delta) }));
    expect(error.failure).toBe("timeout");
    expect(error.message).toMatch(/did not finish within 50 ms/u);
    expect(performance.now() - started).toBeLessThan(1_000);
    const seen = deltas.length;
    // The long generation was interrupted, not left running: a short call gets the model at once.
    const next = performance.now();
    await localModel().complete({ messages: MESSAGES, maxTokens: 3 });
    expect(performance.now() - next).toBeLessThan(1_000);
    expect(deltas).toHaveLength(seen);
  });

  it("hands a throwing onDelta's error back unchanged and stops", async () => {
    const thrown = new Error("the caller's own failure");
    const model = localModel();
    await expect(model.complete({ messages: MESSAGES, onDelta: () => { throw thrown; } })).rejects.toBe(thrown);
    expect((await model.complete({ messages: MESSAGES, maxTokens: 3 })).text).toHaveLength(3);
  });

  it("refuses bad options and a bad maxTokens with a clear error", async () => {
    expect(() => localModel({ modelId: "  " })).toThrow(/modelId must name a model/u);
    expect(() => localModel({ timeoutMs: 0 })).toThrow(/timeoutMs must be a positive integer/u);
    expect(() => localModel({ maxNewTokensDefault: 2.5 })).toThrow(/maxNewTokensDefault must be a positive integer/u);
    await expect(localModel().complete({ messages: MESSAGES, maxTokens: 0 })).rejects.toThrow(/maxTokens must be a positive integer/u);
  });

  it("names the model, the directory it looked in and the fix when the model is missing (no crash, no download)", async () => {
    const error = await rejection(localModel({ modelId: "test/not-installed" }).complete({ messages: MESSAGES }));
    expect(error.failure).toBe("unavailable");
    expect(error.message).toContain('Chat model "test/not-installed" could not be loaded from');
    expect(error.message).toContain(join(rootDirectory, "test", "not-installed"));
    expect(error.message).toMatch(/Remote model downloads are disabled/u);
    expect(error.message).toMatch(/TRANSFORMERS_MODEL_PATH/u);
    expect(error.message).toMatch(/TRANSFORMERS_ALLOW_REMOTE=1/u);
  });

  it("refuses a model without a chat template, saying why", async () => {
    const error = await rejection(localModel({ modelId: templatelessModelId }).complete({ messages: MESSAGES }));
    expect(error.failure).toBe("unavailable");
    expect(error.message).toMatch(/has no chat_template in tokenizer_config\.json/u);
  });
});

describe("LLM_PROVIDER=transformers in the Node composition root", () => {
  it("reads LLM_MODEL under TRANSFORMERS_MODEL_PATH", async () => {
    const model = transformersChatModels({ TRANSFORMERS_MODEL_PATH: rootDirectory })({ model: modelId, timeoutMs: 20_000 });
    expect(model).toMatchObject({ provider: "transformers", model: modelId });
    expect(await model.complete({ messages: MESSAGES, maxTokens: 4 })).toMatchObject({ finishReason: "length" });
  });

  it("looks in models/ by default, and keeps downloads off unless TRANSFORMERS_ALLOW_REMOTE allows them", async () => {
    const error = await rejection(transformersChatModels({})({ model: "test/not-installed", timeoutMs: 20_000 }).complete({ messages: MESSAGES }));
    expect(error.message).toContain(join(process.cwd(), "models", "test", "not-installed"));
    expect(error.message).toMatch(/Remote model downloads are disabled/u);
    const allowed = await rejection(
      transformersChatModels({ TRANSFORMERS_MODEL_PATH: rootDirectory, TRANSFORMERS_ALLOW_REMOTE: "1" })({ model: "test/not-installed", timeoutMs: 20_000 }).complete({ messages: MESSAGES }),
    );
    // Allowed, it tried the Hub: the blocked fetch recorded it (and is cleared for the offline check below).
    expect(allowed.message).toMatch(/Downloading it from the Hugging Face Hub also failed/u);
    expect(network.requests.length).toBeGreaterThan(0);
    network.requests.length = 0;
  });
});

describe("the tiny model's nonsense through the generative answerer", () => {
  it("is refused by the verification gate: the extractive answer stands, with exact citations", async () => {
    const model = localModel();
    const engine = await generativeEngine(model);
    const response = askResponseSchema.parse(await ask(engine, { question: "到2026年江津地区生产总值目标是多少?" }));
    expect(response.answerMode).toBe("extractive");
    expect(response.generation).toMatchObject({ provider: "transformers", model: modelId, status: "fallback", reason: "too-little-verified" });
    // The model did write sentences (Han characters and "。"), and every one was removed.
    expect(response.sentences?.length).toBeGreaterThan(0);
    expect(response.sentences?.every((sentence) => sentence.action === "removed")).toBe(true);
    expect(response.answer).toContain("1800亿元");
    expect(response.citations.length).toBeGreaterThan(0);
    for (const citation of response.citations) expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
  });

  it("falls back with the clear error as its detail when the model is not installed", async () => {
    const engine = await generativeEngine(localModel({ modelId: "test/not-installed" }));
    const response = askResponseSchema.parse(await ask(engine, { question: "森林覆盖率是多少?" }));
    expect(response.answerMode).toBe("extractive");
    expect(response.generation).toMatchObject({ provider: "transformers", status: "fallback", reason: "model-error" });
    expect(response.generation?.detail).toContain(join(rootDirectory, "test", "not-installed"));
    expect(response.answer).toContain("52%");
  });
});
