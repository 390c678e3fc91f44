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
  /** Where the LLM runs: a model server (OpenAI-compatible API), or in this process with transformers.js (Node only). */
  LLM_PROVIDER: z.enum(["openai-compatible", "transformers"]).default("openai-compatible"),
  /** The OpenAI-compatible API root of the model server (ANSWERER=generative, LLM_PROVIDER=openai-compatible). */
  LLM_BASE_URL: httpUrl.optional(),
  /** The model name as that server knows it; for transformers, its directory under TRANSFORMERS_MODEL_PATH (ANSWERER=generative). */
  LLM_MODEL: z.string().trim().min(1, "must be a model name such as qwen2.5:7b-instruct").optional(),
  /** Sent as Authorization: Bearer <key>; local servers need none. */
  LLM_API_KEY: headerSecret.optional(),
  /** The whole model call; past it the answer falls back to the extractive one. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(DEFAULT_LLM_TIMEOUT_MS),
  /** Whether the model also rewrites each question for retrieval (one short call before the search); off saves that call. */
  LLM_REWRITE: z.enum(["on", "off"], "must be on or off").default("on"),
};

export type AnswererChoice =
  | { readonly kind: "extractive" }
  | {
      readonly kind: "generative";
      /** Absent means the same: an OpenAI-compatible server was the only provider before LLM_PROVIDER. */
      readonly provider?: "openai-compatible";
      readonly baseUrl: string;
      readonly model: string;
      /** Never logged or printed. */
      readonly apiKey: string | undefined;
      readonly timeoutMs: number;
      /** The model rewrites questions for retrieval too; absent means on. */
      readonly rewrite?: boolean;
    }
  | {
      readonly kind: "generative";
      /** transformers.js in this process; the Node composition root supplies where models live (TRANSFORMERS_MODEL_PATH). */
      readonly provider: "transformers";
      /** The model id, e.g. onnx-community/Qwen2.5-0.5B-Instruct: its directory under the model path. */
      readonly model: string;
      readonly timeoutMs: number;
      readonly rewrite?: boolean;
    };

/** A model id that stays inside the model directory: name segments, no "..", no absolute path. */
const LOCAL_MODEL_ID = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[\w.-]+(?:\/[\w.-]+)*$/u;

interface ParsedAnswererChoiceSettings {
  readonly ANSWERER: "extractive" | "generative";
  readonly LLM_PROVIDER: "openai-compatible" | "transformers";
  readonly LLM_BASE_URL?: string | undefined;
  readonly LLM_MODEL?: string | undefined;
  readonly LLM_API_KEY?: string | undefined;
  readonly LLM_TIMEOUT_MS: number;
  readonly LLM_REWRITE?: "on" | "off";
}

/**
 * The answerer from settings parsed with answererChoiceShape: a generative answerer needs a
 * model, and a server unless it runs locally (LLM_PROVIDER=transformers, where LLM_BASE_URL
 * and LLM_API_KEY do not apply and are ignored).
 */
export function readAnswererChoice(settings: ParsedAnswererChoiceSettings): AnswererChoice {
  if (settings.ANSWERER === "extractive") return { kind: "extractive" };
  const rewrite = settings.LLM_REWRITE !== "off";
  const missing = (name: string, when: string, example: string): QaError =>
    new QaError("invalid_parameter", `Invalid setting ${name}: required when ${when} (e.g. ${example})`);
  if (settings.LLM_PROVIDER === "transformers") {
    const when = "ANSWERER=generative and LLM_PROVIDER=transformers";
    if (settings.LLM_MODEL === undefined) throw missing("LLM_MODEL", when, "onnx-community/Qwen2.5-0.5B-Instruct, its directory under TRANSFORMERS_MODEL_PATH");
    if (!LOCAL_MODEL_ID.test(settings.LLM_MODEL)) {
      throw new QaError(
        "invalid_parameter",
        `Invalid setting LLM_MODEL: with LLM_PROVIDER=transformers it must be a model id such as onnx-community/Qwen2.5-0.5B-Instruct ` +
          `(letters, digits, ".", "_", "-" in "/"-separated parts, no ".."): it names a directory under TRANSFORMERS_MODEL_PATH`,
      );
    }
    return { kind: "generative", provider: "transformers", model: settings.LLM_MODEL, timeoutMs: settings.LLM_TIMEOUT_MS, rewrite };
  }
  if (settings.LLM_BASE_URL === undefined) throw missing("LLM_BASE_URL", "ANSWERER=generative", "http://127.0.0.1:11434/v1 for Ollama");
  if (settings.LLM_MODEL === undefined) throw missing("LLM_MODEL", "ANSWERER=generative", "qwen2.5:7b-instruct");
  return {
    kind: "generative",
    provider: "openai-compatible",
    baseUrl: settings.LLM_BASE_URL,
    model: settings.LLM_MODEL,
    apiKey: settings.LLM_API_KEY,
    timeoutMs: settings.LLM_TIMEOUT_MS,
    rewrite,
  };
}
