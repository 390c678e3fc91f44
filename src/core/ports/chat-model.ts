/**
 * A chat language model: messages in, text out, streamed as it is written. The generative
 * answerer (src/core/answering/generative/) depends on this and nothing else of a provider.
 *
 * Implemented by the OpenAI-compatible client (src/adapters/openai-compatible-chat-model.ts:
 * Ollama, llama.cpp, vLLM, DeepSeek, DashScope, Workers AI's OpenAI endpoint, OpenAI) and by
 * local transformers.js text generation. The contract every implementation passes is
 * tests/contracts/chat-model-contract.ts.
 */
export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  /** Aborts the call (a cancelled question, a timeout): the returned promise rejects with a ChatModelError "aborted". */
  readonly signal?: AbortSignal;
  /** Called with each piece of text as it arrives, in order; their concatenation is the resolved text. */
  readonly onDelta?: (text: string) => void;
  /** Upper bound on generated tokens. */
  readonly maxTokens?: number;
}

/**
 * Why the model stopped: "stop" (it ended its answer), "length" (the token limit cut it, so the
 * last sentence may be unfinished), "other" (a content filter, a tool call, a reason not known).
 */
export type FinishReason = "stop" | "length" | "other";

export interface ChatReply {
  /** The whole reply: the concatenation of the deltas. */
  readonly text: string;
  readonly finishReason: FinishReason;
}

export interface ChatModel {
  /** The provider, for receipts and cache keys: "openai-compatible", "transformers". */
  readonly provider: string;
  /** The model name as the provider knows it ("qwen2.5:7b-instruct", "deepseek-chat"). */
  readonly model: string;
  /** The whole reply and why it ended. Rejects with a ChatModelError on a provider error, a timeout, an abort or a cut stream. */
  complete(request: ChatRequest): Promise<ChatReply>;
}

/**
 * "http-error" … "cut-stream" come from a model server; a local model (transformers.js) gives
 * "unavailable" (its files or its runtime cannot be loaded: a set-up problem the message says
 * how to fix) and "runtime-error" (the loaded model failed while generating).
 */
export type ChatModelFailure = "http-error" | "timeout" | "aborted" | "network" | "malformed" | "cut-stream" | "unavailable" | "runtime-error";

/** Why a model call failed: the generative answerer falls back to the extractive answer and says which. */
export class ChatModelError extends Error {
  constructor(
    readonly failure: ChatModelFailure,
    message: string,
    /** The HTTP status of a provider error. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "ChatModelError";
  }
}
