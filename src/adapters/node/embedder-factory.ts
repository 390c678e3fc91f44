import { HashingEmbedder, DEFAULT_HASHING_DIMENSIONS } from "../../core/embedding/hashing-embedder.js";
import { hashingEmbedderFromStoredState, isHashingEmbedderId } from "../../core/embedding/hashing-embedder-state.js";
import { EmbedderMismatchError, QaError } from "../../core/errors.js";
import type { FittedEmbedder } from "../../core/index/build-index.js";
import type { IndexManifest } from "../../core/index/manifest.js";
import type { Embedder } from "../../core/ports/embedder.js";
import { createTransformersEmbedderFromEnvironment } from "./transformers-embedder.js";

export type Environment = Record<string, string | undefined>;

/** Where transformers.js models are looked up unless TRANSFORMERS_MODEL_PATH says otherwise. */
export const DEFAULT_MODEL_PATH = "models";

function withModelPath(environment: Environment): Environment {
  return { ...environment, TRANSFORMERS_MODEL_PATH: environment.TRANSFORMERS_MODEL_PATH || DEFAULT_MODEL_PATH };
}

/**
 * The embedder ingest builds with: "hashing" (default, no download) or
 * "transformers:<model-id>". The hashing embedder is fitted on the texts it indexes.
 */
export function embedderForIngest(spec: string, environment: Environment): Embedder | ((texts: readonly string[]) => Embedder | FittedEmbedder) {
  const hashing = /^hashing(?::(\d+))?$/u.exec(spec);
  if (hashing) {
    const dimensions = hashing[1] ? Number(hashing[1]) : DEFAULT_HASHING_DIMENSIONS;
    if (dimensions < 16 || dimensions > 65536) throw new QaError("invalid_parameter", "hashing dimensions must be between 16 and 65536.");
    // Fitted and embedded in one pass over each text's features.
    return (texts) => HashingEmbedder.fitWithVectors(texts, dimensions);
  }
  const transformers = createTransformersEmbedderFromEnvironment(spec, withModelPath(environment));
  if (transformers) return transformers;
  throw new QaError("invalid_parameter", `Unknown embedder "${spec}". Use "hashing" or "transformers:<model-id>", e.g. transformers:Xenova/bge-small-zh-v1.5.`);
}

/** The embedder that reads queries for a stored index: the same one that built it, or a clear error. */
export function embedderForIndex(manifest: IndexManifest, embedderState: Uint8Array | undefined, environment: Environment, requested?: string): Embedder {
  const built = manifest.embedder.id;
  if (requested && !(requested === built || (requested.startsWith("hashing") && isHashingEmbedderId(built)))) {
    throw new EmbedderMismatchError(`The index was built with "${built}" but "${requested}" was requested. Rebuild with: npm run ingest -- --embedder ${requested}`);
  }
  if (isHashingEmbedderId(built)) return hashingEmbedderFromStoredState(embedderState, built);
  const transformers = createTransformersEmbedderFromEnvironment(built, withModelPath(environment));
  if (transformers) return transformers;
  throw new EmbedderMismatchError(`The index was built with an unknown embedder "${built}". Rebuild with: npm run ingest`);
}
