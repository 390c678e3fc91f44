import * as path from "node:path";
import { z } from "zod";
import { QaError } from "../../core/errors.js";

const configurationSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  INDEX_DIR: z.string().min(1).default("index"),
  CORPUS_DIR: z.string().min(1).default("corpus"),
  /** Expected embedder; unset means "whatever built the index". */
  EMBEDDER: z.string().min(1).optional(),
  VECTOR_INDEX: z.enum(["auto", "hnsw", "brute-force"]).default("auto"),
});

export interface Configuration {
  readonly port: number;
  readonly host: string;
  readonly indexDirectory: string;
  readonly corpusDirectory: string;
  readonly embedder: string | undefined;
  readonly vectorIndex: "auto" | "hnsw" | "brute-force";
}

/** Settings from the environment, validated once at start-up; paths are resolved against the working directory. */
export function readConfiguration(environment: Record<string, string | undefined>): Configuration {
  const parsed = configurationSchema.safeParse(Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QaError("invalid_parameter", `Invalid setting ${String(issue?.path[0] ?? "")}: ${issue?.message ?? "invalid value"}`);
  }
  const settings = parsed.data;
  return {
    port: settings.PORT,
    host: settings.HOST,
    indexDirectory: path.resolve(settings.INDEX_DIR),
    corpusDirectory: path.resolve(settings.CORPUS_DIR),
    embedder: settings.EMBEDDER,
    vectorIndex: settings.VECTOR_INDEX,
  };
}
