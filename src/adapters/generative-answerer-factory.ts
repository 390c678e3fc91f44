import type { Runnable } from "@langchain/core/runnables";
import type { AnswerDraft, AnswerInput } from "../core/answering/answer-draft.js";
import { GenerativeAnswerer } from "../core/answering/generative/generative-answerer.js";
import type { AnswererContext } from "../core/pipeline/create-engine.js";
import type { AnswererChoice } from "./answerer-choice.js";
import { createOpenAiCompatibleChatModel } from "./openai-compatible-chat-model.js";

/**
 * The answerer a configuration chose, as createEngine's `answerer` part: undefined for the
 * extractive one (createEngine's default), else the generative answerer over the configured
 * OpenAI-compatible server, the extractive answerer as its fallback. Portable: the Node and
 * Worker composition roots both use it.
 */
export function answererFor(choice: AnswererChoice | undefined): ((context: AnswererContext) => Runnable<AnswerInput, AnswerDraft>) | undefined {
  if (!choice || choice.kind === "extractive") return undefined;
  const model = createOpenAiCompatibleChatModel({
    baseURL: choice.baseUrl,
    model: choice.model,
    ...(choice.apiKey ? { apiKey: choice.apiKey } : {}),
    timeoutMs: choice.timeoutMs,
  });
  return (context) => new GenerativeAnswerer({ model, fallback: context.extractive(), verifier: context.verifier });
}
