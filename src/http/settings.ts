import { z } from "zod";
import { QaError } from "../core/errors.js";

// Settings both platforms read from their environment (Node: process.env; Workers: vars and
// secrets), defined once so a key or limit means the same thing wherever the app runs.

/** A secret that travels in an HTTP header. */
export const headerSecret = z.string().regex(/^[\x21-\x7e]+$/u, "must be printable ASCII without spaces (it travels in an HTTP header)");

export const sharedSettingsShape = {
  /** When set, /api/* (except /api/health and /api/admin/*) requires Authorization: Bearer <API_KEY>. */
  API_KEY: headerSecret.optional(),
  /** Sustained /api/* requests per minute per client address; 0 turns the rate limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  /** Requests a client may send at once before the per-minute rate applies. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(20),
  /** The whole corpus's model id on /v1 (default: its documents' names, "corpus" over more than three). */
  CORPUS_MODEL_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}$/u, "must be 1–128 letters, digits or . _ : + - (a model id clients send back), starting with a letter or digit")
    .optional(),
};

/** Validates settings; empty values count as unset; the first problem becomes one clear error naming the setting. */
export function parseSettings<T extends z.ZodType>(schema: T, environment: Record<string, string | undefined>): z.infer<T> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QaError("invalid_parameter", `Invalid setting ${String(issue?.path[0] ?? "")}: ${issue?.message ?? "invalid value"}`);
  }
  return parsed.data;
}
