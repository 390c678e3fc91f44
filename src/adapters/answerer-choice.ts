import { z } from "zod";
import { QaError } from "../core/errors.js";
import { headerSecret } from "../http/settings.js";

// Which answerer, and its model server: portable so Node (process.env, src/adapters/node/configuration.ts)
// and a Worker (vars and secrets) read them the same way.

export const DEFAULT_LLM_TIMEOUT_MS = 20_000;

const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an http(s) URL such as http://127.0.0.1:11434/v1");

export const answererChoiceShape = {
  /** Which answerer writes answers: the extractive one (quotes only) or an LLM over numbered passages. */
  ANSWERER: z.enum(["extractive", "generative"]).default("extractive"),
  /** The OpenAI-compatible API root of the model server (ANSWERER=generative). */
  LLM_BASE_URL: httpUrl.optional(),
  /** The model name as that server knows it (ANSWERER=generative). */
  LLM_MODEL: z.string().trim().min(1, "must be a model name such as qwen2.5:7b-instruct").optional(),
  /** Sent as Authorization: Bearer <key>; local servers need none. */
  LLM_API_KEY: headerSecret.optional(),
  /** The whole model call; past it the answer falls back to the extractive one. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(DEFAULT_LLM_TIMEOUT_MS),
};

export type AnswererChoice =
  | { readonly kind: "extractive" }
  | {
      readonly kind: "generative";
      readonly baseUrl: string;
      readonly model: string;
      /** Never logged or printed. */
      readonly apiKey: string | undefined;
      readonly timeoutMs: number;
    };

interface ParsedAnswererChoiceSettings {
  readonly ANSWERER: "extractive" | "generative";
  readonly LLM_BASE_URL?: string | undefined;
  readonly LLM_MODEL?: string | undefined;
  readonly LLM_API_KEY?: string | undefined;
  readonly LLM_TIMEOUT_MS: number;
}

/** The answerer from settings parsed with answererChoiceShape; a generative answerer needs a server and a model. */
export function readAnswererChoice(settings: ParsedAnswererChoiceSettings): AnswererChoice {
  if (settings.ANSWERER === "extractive") return { kind: "extractive" };
  const missing = (name: string, example: string): QaError =>
    new QaError("invalid_parameter", `Invalid setting ${name}: required when ANSWERER=generative (e.g. ${example})`);
  if (settings.LLM_BASE_URL === undefined) throw missing("LLM_BASE_URL", "http://127.0.0.1:11434/v1 for Ollama");
  if (settings.LLM_MODEL === undefined) throw missing("LLM_MODEL", "qwen2.5:7b-instruct");
  return { kind: "generative", baseUrl: settings.LLM_BASE_URL, model: settings.LLM_MODEL, apiKey: settings.LLM_API_KEY, timeoutMs: settings.LLM_TIMEOUT_MS };
}
