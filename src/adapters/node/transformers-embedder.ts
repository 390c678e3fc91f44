import { resolve } from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
import type { DataType, FeatureExtractionPipeline } from "@huggingface/transformers";
import { EmbedderUnavailableError, QaError } from "../../core/errors.js";
import type { Embedder } from "../../core/ports/embedder.js";
import { allowsRemoteModels, firstLine, onnxFileName, serialiseTransformersLoad, useModelLocation } from "./transformers-environment.js";

export type Pooling = "cls" | "mean";

export interface TransformersEmbedderOptions {
  /** Hugging Face style id, e.g. "Xenova/bge-small-zh-v1.5"; looked up as `<localModelPath>/<modelId>/`. */
  modelId: string;
  localModelPath?: string;
  /** Off by default: this service must never reach for the network unless told to. */
  allowRemoteModels?: boolean;
  /** Prepended to queries only; "" disables the model-family default. */
  queryInstruction?: string;
  pooling?: Pooling;
  batchSize?: number;
  /** Picks the ONNX file: "fp32" → onnx/model.onnx, "q8" → onnx/model_quantized.onnx, "fp16" → onnx/model_fp16.onnx. */
  dtype?: DataType;
}

const BGE_CHINESE_QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";
const BGE_ENGLISH_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

/** BGE models were trained with [CLS] pooling and an instruction on the query side only. */
export function modelFamilyDefaults(modelId: string): { pooling: Pooling; queryInstruction: string } {
  const id = modelId.toLowerCase();
  if (!id.includes("bge-")) return { pooling: "mean", queryInstruction: "" };
  if (id.includes("bge-m3")) return { pooling: "cls", queryInstruction: "" };
  return { pooling: "cls", queryInstruction: id.includes("-zh") ? BGE_CHINESE_QUERY_INSTRUCTION : BGE_ENGLISH_QUERY_INSTRUCTION };
}

/** One model run; each waiter owns the slice [start, start + count) of its texts. */
interface Job {
  texts: string[];
  pooling: Pooling;
  coalescible: boolean;
  maximumSize: number;
  waiters: { start: number; count: number; resolve: (vectors: number[][]) => void; reject: (error: unknown) => void }[];
}

/**
 * One inference at a time per session: ONNX Runtime already uses every core for one run,
 * so parallel runs only contend. Queries that arrive while a run is busy join the waiting
 * job, so N concurrent questions cost one padded batch instead of N runs.
 */
class ModelSession {
  private readonly waitingJobs: Job[] = [];
  private running = false;

  constructor(private readonly extractor: FeatureExtractionPipeline) {}

  run(texts: string[], pooling: Pooling, coalescible: boolean, maximumSize: number): Promise<number[][]> {
    return new Promise((resolve, reject) => {
      const last = this.waitingJobs.at(-1);
      const joinable =
        coalescible && last?.coalescible && last.pooling === pooling && last.texts.length + texts.length <= last.maximumSize;
      const job: Job = joinable && last ? last : { texts: [], pooling, coalescible, maximumSize, waiters: [] };
      job.waiters.push({ start: job.texts.length, count: texts.length, resolve, reject });
      job.texts.push(...texts);
      if (job !== last) this.waitingJobs.push(job);
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.waitingJobs.shift(); job; job = this.waitingJobs.shift()) {
        try {
          const output = await this.extractor(job.texts, { pooling: job.pooling, normalize: true });
          const vectors = output.tolist() as number[][];
          for (const waiter of job.waiters) waiter.resolve(vectors.slice(waiter.start, waiter.start + waiter.count));
        } catch (error) {
          for (const waiter of job.waiters) waiter.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

// Loading a model costs seconds and hundreds of MB, so every embedder for the same files shares one session.
const sessions = new Map<string, Promise<ModelSession>>();

type SessionOptions = { modelId: string; localModelPath: string | undefined; allowRemoteModels: boolean; dtype: DataType };

function loadSession(options: SessionOptions): Promise<ModelSession> {
  const key = JSON.stringify([options.modelId, options.localModelPath ?? "", options.dtype]);
  const cached = sessions.get(key);
  if (cached) return cached;
  const loading = serialiseTransformersLoad(() => createSession(options));
  sessions.set(key, loading);
  // Forget failures so a retry after the user installs the model can succeed.
  loading.catch(() => sessions.delete(key));
  return loading;
}

async function createSession(options: SessionOptions): Promise<ModelSession> {
  let transformers: typeof import("@huggingface/transformers");
  try {
    transformers = await import("@huggingface/transformers");
  } catch (error) {
    throw new EmbedderUnavailableError(
      `The transformers.js runtime could not be loaded for embedding model "${options.modelId}" (${firstLine(error)}). ` +
        `Reinstall dependencies with "npm ci" on this platform, or use the hashing embedder.`,
      { cause: error },
    );
  }
  const modelDirectory = useModelLocation(transformers.env, options);
  try {
    const extractor = await transformers.pipeline("feature-extraction", options.modelId, { dtype: options.dtype, device: "cpu" });
    return new ModelSession(extractor);
  } catch (error) {
    const remote = options.allowRemoteModels ? "Downloading it from the Hugging Face Hub also failed." : "Remote model downloads are disabled.";
    throw new EmbedderUnavailableError(
      `Embedding model "${options.modelId}" could not be loaded from ${modelDirectory} (${firstLine(error)}). ${remote} ` +
        `To fix: put config.json, tokenizer.json, tokenizer_config.json and onnx/${onnxFileName(options.dtype)} under ` +
        `${modelDirectory} (TRANSFORMERS_MODEL_PATH sets the parent directory), or set TRANSFORMERS_ALLOW_REMOTE=1 ` +
        `on a machine with internet access to download it once.`,
      { cause: error },
    );
  }
}

export class TransformersEmbedder extends Embeddings implements Embedder {
  readonly id: string;
  private readonly options: SessionOptions;
  private readonly pooling: Pooling;
  private readonly queryInstruction: string;
  private readonly batchSize: number;
  private vectorLength: number | undefined;

  constructor(options: TransformersEmbedderOptions) {
    super({});
    const defaults = modelFamilyDefaults(options.modelId);
    this.id = `transformers:${options.modelId}`;
    this.pooling = options.pooling ?? defaults.pooling;
    this.queryInstruction = options.queryInstruction ?? defaults.queryInstruction;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
    this.options = {
      modelId: options.modelId,
      localModelPath: options.localModelPath === undefined ? undefined : resolve(options.localModelPath),
      allowRemoteModels: options.allowRemoteModels ?? false,
      dtype: options.dtype ?? "fp32",
    };
  }

  get dimensions(): number | undefined {
    return this.vectorLength;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    if (documents.length === 0) return [];
    const session = await loadSession(this.options);
    const batches: Promise<number[][]>[] = [];
    for (let start = 0; start < documents.length; start += this.batchSize) {
      batches.push(session.run(documents.slice(start, start + this.batchSize), this.pooling, false, this.batchSize));
    }
    return this.remember((await Promise.all(batches)).flat());
  }

  async embedQuery(query: string): Promise<number[]> {
    const session = await loadSession(this.options);
    const [vector] = this.remember(await session.run([this.queryInstruction + query], this.pooling, true, this.batchSize));
    if (!vector) throw new QaError("internal", `Embedding model "${this.options.modelId}" returned no vector.`);
    return vector;
  }

  private remember(vectors: number[][]): number[][] {
    this.vectorLength ??= vectors[0]?.length;
    return vectors;
  }
}

/** "transformers:Xenova/bge-small-zh-v1.5" → { modelId }; undefined for any other embedder spec. */
export function parseTransformersSpec(spec: string): { modelId: string } | undefined {
  const prefix = "transformers:";
  if (!spec.startsWith(prefix)) return undefined;
  const modelId = spec.slice(prefix.length).trim();
  if (!modelId) {
    throw new QaError("invalid_parameter", `Embedder "${spec}" names no model; use e.g. "transformers:Xenova/bge-small-zh-v1.5".`);
  }
  return { modelId };
}

/** Returns undefined when `spec` is not a transformers spec, so callers can fall back to another embedder. */
export function createTransformersEmbedderFromEnvironment(
  spec: string,
  environment: Record<string, string | undefined>,
): TransformersEmbedder | undefined {
  const parsed = parseTransformersSpec(spec);
  if (!parsed) return undefined;
  const localModelPath = environment.TRANSFORMERS_MODEL_PATH?.trim();
  return new TransformersEmbedder({
    modelId: parsed.modelId,
    localModelPath: localModelPath || undefined,
    allowRemoteModels: allowsRemoteModels(environment),
  });
}
