import type { Runnable } from "@langchain/core/runnables";
import type { AnswerDraft, AnswerInput } from "../core/answering/answer-draft.js";
import { GenerativeAnswerer } from "../core/answering/generative/generative-answerer.js";
import { QaError } from "../core/errors.js";
import type { AnswererContext } from "../core/pipeline/create-engine.js";
import type { ChatModel } from "../core/ports/chat-model.js";
import { DEFAULT_REWRITER_SETTINGS, ModelQuestionRewriter, type QuestionRewriter } from "../core/understanding/rewrite/model-question-rewriter.js";
import type { AnswererChoice } from "./answerer-choice.js";
import { createOpenAiCompatibleChatModel } from "./openai-compatible-chat-model.js";

/** What a request keeps after the model's time: retrieval, the gate and the extractive fallback take well under this. */
export const FALLBACK_MARGIN_MS = 1_000;

/** The model's time: LLM_TIMEOUT_MS, but never so long that the request's own limit cuts the answer off first. */
export function modelTimeout(llmTimeoutMs: number, requestTimeoutMs: number): number {
  return requestTimeoutMs > 0 ? Math.max(1, Math.min(llmTimeoutMs, requestTimeoutMs - FALLBACK_MARGIN_MS)) : llmTimeoutMs;
}

/**
 * Makes a model that runs in this process (LLM_PROVIDER=transformers). Injected by the Node
 * composition root, which knows where models live and may load a model runtime; this file
 * stays portable (the Worker uses it too and has no such runtime).
 */
export type LocalChatModels = (request: { readonly model: string; readonly timeoutMs: number }) => ChatModel;

/**
 * The chat model a configuration chose, its time bounded by the request's: undefined for the
 * extractive answerer, an OpenAI-compatible client, or a local model from `localModels`
 * (without it, LLM_PROVIDER=transformers is a configuration error).
 */
export function chatModelFor(
  choice: AnswererChoice | undefined,
  /** The request's time limit (REQUEST_TIMEOUT_MS; 0 none): the model gets at most this less a margin, so the fallback still answers in time. */
  requestTimeoutMs = 0,
  localModels?: LocalChatModels,
): ChatModel | undefined {
  if (!choice || choice.kind === "extractive") return undefined;
  const timeoutMs = modelTimeout(choice.timeoutMs, requestTimeoutMs);
  if (choice.provider === "transformers") {
    if (!localModels) {
      throw new QaError(
        "invalid_parameter",
        "Invalid setting LLM_PROVIDER: transformers runs the model inside the Node server and is not available here; " +
          "use an OpenAI-compatible endpoint (LLM_PROVIDER=openai-compatible with LLM_BASE_URL and LLM_MODEL).",
      );
    }
    return localModels({ model: choice.model, timeoutMs });
  }
  return createOpenAiCompatibleChatModel({
    baseURL: choice.baseUrl,
    model: choice.model,
    ...(choice.apiKey ? { apiKey: choice.apiKey } : {}),
    timeoutMs,
  });
}

/** What a model adds to an engine: createEngine's `answerer` and `rewriter` parts. */
export interface ModelParts {
  readonly answerer?: (context: AnswererContext) => Runnable<AnswerInput, AnswerDraft>;
  readonly rewriter?: QuestionRewriter;
}

/**
 * The parts a configuration chose: none for the extractive answerer (createEngine's default),
 * else the generative answerer over the chosen chat model, the extractive answerer as its
 * fallback, and (unless LLM_REWRITE=off) the question rewriter over the same model, its own
 * time never longer than the model's. Portable: the Node and Worker composition roots both use it.
 */
export function modelPartsFor(choice: AnswererChoice | undefined, requestTimeoutMs = 0, localModels?: LocalChatModels): ModelParts {
  const model = chatModelFor(choice, requestTimeoutMs, localModels);
  if (!model || !choice || choice.kind === "extractive") return {};
  const timeoutMs = Math.min(DEFAULT_REWRITER_SETTINGS.timeoutMs, modelTimeout(choice.timeoutMs, requestTimeoutMs));
  return {
    answerer: (context) => new GenerativeAnswerer({ model, fallback: context.extractive(), verifier: context.verifier, documents: context.documents }),
    ...(choice.rewrite === false ? {} : { rewriter: new ModelQuestionRewriter(model, { timeoutMs }) }),
  };
}
