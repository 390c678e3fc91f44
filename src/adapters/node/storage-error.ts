import { QaError } from "../../core/errors.js";
import type { FeedbackStoreStatus } from "../../core/ports/feedback-store.js";

// No space left on the device, or the user's quota is used up: more space is what fixes it.
const FULL = new Set(["ENOSPC", "EDQUOT"]);

const errnoCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** What a failed write says about the data directory. */
export const storageStatusOf = (error: unknown): FeedbackStoreStatus => (FULL.has(errnoCode(error) ?? "") ? "full" : "unwritable");

/**
 * A failed feedback write as the client may see it: a retryable 503 code and no path or errno
 * (those stay in the cause, for the server log).
 */
export function storageError(error: unknown): QaError {
  return storageStatusOf(error) === "full"
    ? new QaError("storage_full", "Feedback could not be stored: the server's disk is full. Try again later.", { cause: error })
    : new QaError("storage_unavailable", "Feedback could not be stored right now; try again later.", { cause: error });
}
