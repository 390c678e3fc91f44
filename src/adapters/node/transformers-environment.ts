import { join, sep } from "node:path";
import type { DataType, env as TransformersEnvironment } from "@huggingface/transformers";

/** Where a transformers.js model is read from, and whether it may be downloaded. */
export interface TransformersModelLocation {
  /** Hugging Face style id, looked up as `<localModelPath>/<modelId>/`. */
  readonly modelId: string;
  /** Absolute; undefined keeps transformers.js's default (./models/ beside the library). */
  readonly localModelPath: string | undefined;
  /** Off unless TRANSFORMERS_ALLOW_REMOTE says so: this service never reaches for the network on its own. */
  readonly allowRemoteModels: boolean;
}

/** TRANSFORMERS_ALLOW_REMOTE=1 (or true): the one setting that lets the embedder and the local chat model download from the Hugging Face Hub. */
export function allowsRemoteModels(environment: Record<string, string | undefined>): boolean {
  const allowRemote = (environment.TRANSFORMERS_ALLOW_REMOTE ?? "").trim().toLowerCase();
  return allowRemote === "1" || allowRemote === "true";
}

// transformers.js reads its settings from one global `env` while files load, so loads must not
// interleave: the embedder's and the chat model's alike, whatever model or directory each wants.
let loadChain: Promise<unknown> = Promise.resolve();

/** Runs `load` after every earlier load has ended (failed or not), so each sees its own `env`. */
export function serialiseTransformersLoad<T>(load: () => Promise<T>): Promise<T> {
  const loading = loadChain.then(load);
  loadChain = loading.catch(() => undefined);
  return loading;
}

/**
 * Points transformers.js's global `env` at `location` (call inside serialiseTransformersLoad)
 * and returns the directory the model is read from, for error messages.
 */
export function useModelLocation(environment: typeof TransformersEnvironment, location: TransformersModelLocation): string {
  environment.allowLocalModels = true;
  environment.allowRemoteModels = location.allowRemoteModels;
  if (location.localModelPath) {
    environment.localModelPath = location.localModelPath;
    // Downloads are cached under `<cacheDir>/<model-id>/`, so pointing the cache at the model path
    // means one online run leaves the model exactly where later offline runs look for it.
    environment.cacheDir = location.localModelPath;
  }
  return join(environment.localModelPath, location.modelId) + sep;
}

/** The first line of an error's message: transformers.js and ONNX Runtime append stacks and dumps. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n", 1)[0] ?? "unknown error";
}

/** The ONNX file transformers.js reads for a dtype: "fp32" → model.onnx, "q8" → model_quantized.onnx, "fp16" → model_fp16.onnx. */
export function onnxFileName(dtype: DataType): string {
  const suffixes: Partial<Record<DataType, string>> = { fp32: "", q8: "_quantized", fp16: "_fp16", int8: "_int8", uint8: "_uint8", q4: "_q4" };
  return `model${suffixes[dtype] ?? `_${dtype}`}.onnx`;
}
