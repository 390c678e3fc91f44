import { ApiError } from "./api-client.js";
import type { UiStrings } from "./ui-strings.js";

export interface FriendlyError {
  readonly message: string;
  /** Seconds to wait before retrying makes sense (429/503 with Retry-After). */
  readonly waitSeconds: number | undefined;
}

/** Any failure of an ask → one polite sentence in the UI language; never a stack or a status code alone. */
export function friendlyError(error: unknown, strings: UiStrings): FriendlyError {
  const messages = strings.errors;
  if (!(error instanceof ApiError)) return { message: messages.server, waitSeconds: undefined };
  const wait = error.retryAfterSeconds && error.retryAfterSeconds > 0 ? error.retryAfterSeconds : undefined;
  switch (error.kind) {
    case "network":
      return { message: messages.network, waitSeconds: undefined };
    case "timeout":
      return { message: messages.timeout, waitSeconds: undefined };
    case "invalid-response":
      return { message: messages.invalidResponse, waitSeconds: undefined };
    case "http":
      break;
  }
  const status = error.status ?? 500;
  if (status === 429) return { message: messages.busy(wait), waitSeconds: wait };
  if (status === 503) return { message: messages.unavailable(wait), waitSeconds: wait };
  if (status === 413) return { message: messages.tooLarge, waitSeconds: undefined };
  if (status === 400 && error.code === "invalid_question") return { message: messages.invalidQuestion, waitSeconds: undefined };
  if (status >= 400 && status < 500) return { message: messages.badRequest, waitSeconds: undefined };
  return { message: messages.server, waitSeconds: undefined };
}
