import type { DataType, TextGenerationPipeline } from "@huggingface/transformers";
import { ChatModelError, type ChatMessage, type FinishReason } from "../../core/ports/chat-model.js";
import { firstLine, onnxFileName, serialiseTransformersLoad, useModelLocation, type TransformersModelLocation } from "./transformers-environment.js";

export interface TextGeneratorOptions extends TransformersModelLocation {
  readonly dtype: DataType;
}

export interface GenerationRequest {
  readonly messages: readonly ChatMessage[];
  readonly maxNewTokens: number;
  /** Each decoded piece of the reply as TextStreamer finalises it (never empty). */
  readonly onText: (text: string) => void;
  /** Aborted: the generation stops before its next token (or never starts, if it is still queued). */
  readonly signal: AbortSignal;
}

type Transformers = typeof import("@huggingface/transformers");

/**
 * One loaded text-generation pipeline and its queue: one generation at a time, since ONNX
 * Runtime already spreads one run over every core and the streamer and stopping criteria are
 * per call. A call stopped while queued never runs.
 */
export class TextGenerator {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly endOfTextIds: ReadonlySet<bigint>;

  constructor(
    private readonly transformers: Transformers,
    private readonly pipeline: TextGenerationPipeline,
  ) {
    const configured = pipeline.model.generation_config?.eos_token_id ?? (pipeline.model.config as { eos_token_id?: number | number[] }).eos_token_id;
    this.endOfTextIds = new Set((configured === undefined || configured === null ? [] : [configured].flat()).map((id) => BigInt(id)));
  }

  /** Resolves with why generation ended ("other" when the signal stopped it). */
  generate(request: GenerationRequest): Promise<FinishReason> {
    const run = this.queue.then(() => this.run(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(request: GenerationRequest): Promise<FinishReason> {
    if (request.signal.aborted) return "other";
    const { TextStreamer, InterruptableStoppingCriteria } = this.transformers;
    // Checked by generate() after every token: an abort costs at most the token being computed.
    const interruption = new InterruptableStoppingCriteria();
    const interrupt = (): void => interruption.interrupt();
    request.signal.addEventListener("abort", interrupt, { once: true });
    let generatedTokens = 0;
    let lastToken: bigint | undefined;
    const streamer = new TextStreamer(this.pipeline.tokenizer, {
      skip_prompt: true,
      skip_special_tokens: true,
      callback_function: request.onText,
      token_callback_function: (tokens: bigint[]) => {
        generatedTokens += tokens.length;
        lastToken = tokens.at(-1);
      },
    });
    try {
      await this.pipeline(
        request.messages.map((message) => ({ role: message.role, content: message.content })),
        { max_new_tokens: request.maxNewTokens, do_sample: false, streamer, stopping_criteria: interruption },
      );
    } catch (error) {
      throw new ChatModelError("runtime-error", `The local model failed while generating: ${firstLine(error)}`);
    } finally {
      request.signal.removeEventListener("abort", interrupt);
    }
    if (request.signal.aborted) return "other";
    if (lastToken !== undefined && this.endOfTextIds.has(lastToken)) return "stop";
    return generatedTokens >= request.maxNewTokens ? "length" : "other";
  }
}

// Loading a model costs seconds and hundreds of MB: every chat model for the same files shares one generator (and its queue).
const generators = new Map<string, Promise<TextGenerator>>();

/** The shared generator for these files, loaded on first use; a failed load is forgotten, so installing the model and retrying works. */
export function loadTextGenerator(options: TextGeneratorOptions): Promise<TextGenerator> {
  const key = JSON.stringify([options.modelId, options.localModelPath ?? "", options.dtype]);
  const cached = generators.get(key);
  if (cached) return cached;
  const loading = serialiseTransformersLoad(() => createGenerator(options));
  generators.set(key, loading);
  loading.catch(() => generators.delete(key));
  return loading;
}

async function createGenerator(options: TextGeneratorOptions): Promise<TextGenerator> {
  let transformers: Transformers;
  try {
    transformers = await import("@huggingface/transformers");
  } catch (error) {
    throw new ChatModelError(
      "unavailable",
      `The transformers.js runtime could not be loaded for chat model "${options.modelId}" (${firstLine(error)}). ` +
        `Reinstall dependencies with "npm ci" on this platform, or use LLM_PROVIDER=openai-compatible with a model server.`,
    );
  }
  const modelDirectory = useModelLocation(transformers.env, options);
  let pipeline: TextGenerationPipeline;
  try {
    pipeline = await transformers.pipeline("text-generation", options.modelId, { dtype: options.dtype, device: "cpu" });
  } catch (error) {
    const remote = options.allowRemoteModels ? "Downloading it from the Hugging Face Hub also failed." : "Remote model downloads are disabled.";
    throw new ChatModelError(
      "unavailable",
      `Chat model "${options.modelId}" could not be loaded from ${modelDirectory} (${firstLine(error)}). ${remote} ` +
        `To fix: put config.json, generation_config.json, tokenizer.json, tokenizer_config.json and onnx/${onnxFileName(options.dtype)} ` +
        `of a text-generation model under ${modelDirectory} (LLM_MODEL names it, TRANSFORMERS_MODEL_PATH sets the parent directory), ` +
        `or set TRANSFORMERS_ALLOW_REMOTE=1 on a machine with internet access to download it once.`,
    );
  }
  // Without a template the messages cannot become a prompt; say so now rather than on every question.
  if (!pipeline.tokenizer.chat_template) {
    await pipeline.dispose();
    throw new ChatModelError(
      "unavailable",
      `Chat model "${options.modelId}" in ${modelDirectory} has no chat_template in tokenizer_config.json, so it cannot be prompted with messages. ` +
        `Use an instruction-tuned (chat) model, e.g. onnx-community/Qwen2.5-0.5B-Instruct.`,
    );
  }
  return new TextGenerator(transformers, pipeline);
}
