import type { Runnable } from "@langchain/core/runnables";
import type { AnswerDraft, AnswerInput } from "../core/answering/answer-draft.js";
import { GenerativeAnswerer } from "../core/answering/generative/generative-answerer.js";
import type { AnswererContext } from "../core/pipeline/create-engine.js";
import type { AnswererChoice } from "./answerer-choice.js";
import { createOpenAiCompatibleChatModel } from "./openai-compatible-chat-model.js";

/** What a request keeps after the model's time: retrieval, the gate and the extractive fallback take well under this. */
export const FALLBACK_MARGIN_MS = 1_000;

/** The model's time: LLM_TIMEOUT_MS, but never so long that the request's own limit cuts the answer off first. */
export function modelTimeout(llmTimeoutMs: number, requestTimeoutMs: number): number {
  return requestTimeoutMs > 0 ? Math.max(1, Math.min(llmTimeoutMs, requestTimeoutMs - FALLBACK_MARGIN_MS)) : llmTimeoutMs;
}

/**
 * The answerer a configuration chose, as createEngine's `answerer` part: undefined for the
 * extractive one (createEngine's default), else the generative answerer over the configured
 * OpenAI-compatible server, the extractive answerer as its fallback. Portable: the Node and
 * Worker composition roots both use it.
 */
export function answererFor(
  choice: AnswererChoice | undefined,
  /** The request's time limit (REQUEST_TIMEOUT_MS; 0 none): the model gets at most this less a margin, so the fallback still answers in time. */
  requestTimeoutMs = 0,
): ((context: AnswererContext) => Runnable<AnswerInput, AnswerDraft>) | undefined {
  if (!choice || choice.kind === "extractive") return undefined;
  const model = createOpenAiCompatibleChatModel({
    baseURL: choice.baseUrl,
    model: choice.model,
    ...(choice.apiKey ? { apiKey: choice.apiKey } : {}),
    timeoutMs: modelTimeout(choice.timeoutMs, requestTimeoutMs),
  });
  return (context) => new GenerativeAnswerer({ model, fallback: context.extractive(), verifier: context.verifier });
}
