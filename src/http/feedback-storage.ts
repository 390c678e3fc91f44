import type { Context } from "hono";
import { isQaError } from "../core/errors.js";
import type { FeedbackStore } from "../core/ports/feedback-store.js";
import type { FeedbackRecord } from "../core/schemas/feedback.js";
import type { LogSink } from "./request-log.js";

// Seconds a client should wait before posting again: space is freed by a person, a hiccup passes sooner.
const RETRY_AFTER = { storage_full: "60", storage_unavailable: "10" } as const;

/**
 * Appends a record; when the store cannot take it (`storage_full`, `storage_unavailable`) the
 * 503 carries Retry-After and the operator gets the cause in the log (the client never sees it).
 */
export async function storeFeedback(context: Context, store: FeedbackStore, record: FeedbackRecord, log: LogSink | undefined): Promise<void> {
  try {
    await store.append(record);
  } catch (error) {
    if (isQaError(error) && (error.code === "storage_full" || error.code === "storage_unavailable")) {
      // Set before the error response exists, so the error handler's response carries it.
      context.header("Retry-After", RETRY_AFTER[error.code]);
      const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
      const line = JSON.stringify({ time: new Date().toISOString(), level: "error", event: "feedback_not_stored", requestId: context.get("requestId"), code: error.code, cause });
      if (log) log(line);
      else console.error(line);
    }
    throw error;
  }
}
