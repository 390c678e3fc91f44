import { z } from "zod";
import { answererChoiceShape, readAnswererChoice, type AnswererChoice } from "../adapters/answerer-choice.js";
import { QaError } from "../core/errors.js";

/**
 * `--answerer generative [--llm-provider openai-compatible|transformers] --llm-base-url URL --llm-model NAME [--llm-timeout-ms N]`:
 * the CLI's form of ANSWERER / LLM_PROVIDER / LLM_BASE_URL / LLM_MODEL / LLM_TIMEOUT_MS / LLM_REWRITE, a flag
 * overriding its variable. With `--llm-provider transformers` no URL is needed: `--llm-model` is
 * the model's directory under TRANSFORMERS_MODEL_PATH. The key is read from LLM_API_KEY only: a
 * secret on the command line ends up in shell history.
 */
export const ANSWERER_FLAGS = {
  answerer: { type: "string" },
  "llm-provider": { type: "string" },
  "llm-base-url": { type: "string" },
  "llm-model": { type: "string" },
  "llm-timeout-ms": { type: "string" },
  "llm-rewrite": { type: "string" },
} as const;

export const ANSWERER_USAGE =
  "[--answerer extractive|generative [--llm-provider openai-compatible|transformers] [--llm-base-url URL] --llm-model NAME [--llm-timeout-ms N] [--llm-rewrite on|off]]";

type FlagValues = {
  readonly answerer?: string;
  readonly "llm-provider"?: string;
  readonly "llm-base-url"?: string;
  readonly "llm-model"?: string;
  readonly "llm-timeout-ms"?: string;
  readonly "llm-rewrite"?: string;
};

/** The answerer chosen by the flags over the environment; a bad value is a usage error naming the flag. */
export function answererFromFlags(values: FlagValues, environment: NodeJS.ProcessEnv): AnswererChoice {
  const settings = {
    ANSWERER: values.answerer ?? environment.ANSWERER,
    LLM_PROVIDER: values["llm-provider"] ?? environment.LLM_PROVIDER,
    LLM_BASE_URL: values["llm-base-url"] ?? environment.LLM_BASE_URL,
    LLM_MODEL: values["llm-model"] ?? environment.LLM_MODEL,
    LLM_API_KEY: environment.LLM_API_KEY,
    LLM_TIMEOUT_MS: values["llm-timeout-ms"] ?? environment.LLM_TIMEOUT_MS,
    LLM_REWRITE: values["llm-rewrite"] ?? environment.LLM_REWRITE,
  };
  const parsed = z.object(answererChoiceShape).safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "ANSWERER");
    const flag = name === "ANSWERER" ? "--answerer" : `--${name.toLowerCase().replace(/_/gu, "-")}`;
    throw new QaError("invalid_parameter", `${flag} (${name}): ${issue?.message ?? "invalid"}`);
  }
  return readAnswererChoice(parsed.data);
}
