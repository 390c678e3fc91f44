import { resolve } from "node:path";
import type { DataType } from "@huggingface/transformers";
import { ChatModelError, type ChatModel, type ChatReply, type ChatRequest } from "../../core/ports/chat-model.js";
import { loadTextGenerator, type TextGeneratorOptions } from "./transformers-text-generator.js";

export interface TransformersChatModelOptions {
  /** Hugging Face style id, e.g. "onnx-community/Qwen2.5-0.5B-Instruct"; read from `<localModelPath>/<modelId>/`. */
  readonly modelId: string;
  /** The parent directory of the model directories (TRANSFORMERS_MODEL_PATH). */
  readonly localModelPath?: string;
  /** Off by default: this service must never reach for the network unless told to (TRANSFORMERS_ALLOW_REMOTE). */
  readonly allowRemoteModels?: boolean;
  /** Picks the ONNX file: "fp32" (default) → onnx/model.onnx, "q8" → onnx/model_quantized.onnx, "q4" → onnx/model_q4.onnx. */
  readonly dtype?: DataType;
  /** The whole call, from complete() to the last token, waiting for the model to load or for the queue included. */
  readonly timeoutMs: number;
  /** max_new_tokens when a request gives no maxTokens. */
  readonly maxNewTokensDefault?: number;
}

export const DEFAULT_MAX_NEW_TOKENS = 512;

/**
 * A ChatModel generating locally with transformers.js (ONNX Runtime on the CPU, no server):
 * the tokenizer's chat template turns the messages into a prompt, decoding is greedy (the
 * same passages give the same answer), and TextStreamer's pieces are the deltas. The model
 * loads on the first call and is shared by every chat model for the same files; calls take
 * turns on it. Failures are ChatModelErrors:
 *
 * - the model files or the runtime cannot be loaded → "unavailable", naming the model, the directory and the fix
 * - generation itself throws → "runtime-error"
 * - timeoutMs passed → "timeout"; the caller's signal → "aborted" (at once; generation stops at its next token)
 *
 * @example
 * const model = createTransformersChatModel({ modelId: "onnx-community/Qwen2.5-0.5B-Instruct", localModelPath: "models", timeoutMs: 60_000 });
 * const { text } = await model.complete({ messages: [{ role: "user", content: "森林覆盖率是多少?" }], onDelta: (piece) => process.stdout.write(piece) });
 */
export function createTransformersChatModel(options: TransformersChatModelOptions): ChatModel {
  const modelId = options.modelId.trim();
  if (modelId === "") throw new TypeError("modelId must name a model, e.g. onnx-community/Qwen2.5-0.5B-Instruct");
  const timeoutMs = positiveInteger("timeoutMs", options.timeoutMs);
  const maxNewTokensDefault = positiveInteger("maxNewTokensDefault", options.maxNewTokensDefault ?? DEFAULT_MAX_NEW_TOKENS);
  const generatorOptions: TextGeneratorOptions = {
    modelId,
    localModelPath: options.localModelPath === undefined ? undefined : resolve(options.localModelPath),
    allowRemoteModels: options.allowRemoteModels ?? false,
    dtype: options.dtype ?? "fp32",
  };

  return {
    provider: "transformers",
    model: modelId,
    async complete(request: ChatRequest): Promise<ChatReply> {
      if (request.signal?.aborted) throw new ChatModelError("aborted", "The model call was aborted before it started");
      const maxNewTokens = positiveInteger("maxTokens", request.maxTokens ?? maxNewTokensDefault);
      return new Promise<ChatReply>((resolvePromise, rejectPromise) => {
        const pieces: string[] = [];
        // Stops the generation (queued or running) once this call has an outcome.
        const stop = new AbortController();
        let settled = false;
        const settle = (outcome: () => void): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          request.signal?.removeEventListener("abort", onAbort);
          stop.abort();
          outcome();
        };
        const fail = (error: unknown): void => settle(() => rejectPromise(error));
        const onAbort = (): void => fail(new ChatModelError("aborted", "The model call was aborted"));
        const timer = setTimeout(() => fail(new ChatModelError("timeout", `Chat model "${modelId}" did not finish within ${timeoutMs} ms`)), timeoutMs);
        request.signal?.addEventListener("abort", onAbort, { once: true });

        const onText = (text: string): void => {
          // The streamer still flushes after an abort or a timeout: nothing reaches the caller after its outcome.
          if (settled) return;
          pieces.push(text);
          try {
            request.onDelta?.(text);
          } catch (error) {
            // A throwing onDelta is the caller's error: stop generating and hand it back unchanged.
            fail(error);
          }
        };
        loadTextGenerator(generatorOptions)
          .then((generator) => (settled ? "other" : generator.generate({ messages: request.messages, maxNewTokens, onText, signal: stop.signal })))
          .then(
            (finishReason) => settle(() => resolvePromise({ text: pieces.join(""), finishReason })),
            (error: unknown) => fail(error instanceof ChatModelError ? error : new ChatModelError("runtime-error", String(error))),
          );
      });
    },
  };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer, not ${value}`);
  return value;
}
