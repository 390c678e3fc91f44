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
  /** Comma-separated origins whose pages may call the API (the embedded widget); "*" for any. */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Comma-separated CSP frame-ancestors for the pages; default only this origin. */
  FRAME_ANCESTORS: z.string().default(""),
  /** Where feedback and other runtime data are written. */
  DATA_DIR: z.string().min(1).default("data"),
});

const list = (value: string): string[] =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export interface Configuration {
  readonly port: number;
  readonly host: string;
  readonly indexDirectory: string;
  readonly corpusDirectory: string;
  readonly embedder: string | undefined;
  readonly vectorIndex: "auto" | "hnsw" | "brute-force";
  readonly allowedOrigins: readonly string[];
  readonly frameAncestors: readonly string[];
  readonly dataDirectory: string;
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
    allowedOrigins: list(settings.ALLOWED_ORIGINS),
    frameAncestors: list(settings.FRAME_ANCESTORS),
    dataDirectory: path.resolve(settings.DATA_DIR),
  };
}
