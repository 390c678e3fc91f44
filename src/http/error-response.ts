import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../core/errors.js";

/** The one place error codes become HTTP statuses. */
export const STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_question: 400,
  invalid_parameter: 400,
  payload_too_large: 413,
  // Writes must be JSON: the content types a cross-site form or no-cors fetch can send are refused.
  unsupported_media_type: 415,
  // A browser page of an origin not in ALLOWED_ORIGINS tried a write (cross-site request forgery).
  origin_not_allowed: 403,
  host_not_allowed: 403,
  unauthorized: 401,
  rate_limited: 429,
  overloaded: 503,
  timeout: 503,
  not_found: 404,
  index_missing: 503,
  index_corrupt: 503,
  index_mismatch: 503,
  embedder_mismatch: 503,
  embedder_unavailable: 503,
  corpus_invalid: 503,
  feature_unavailable: 503,
  // Admin routes when no ADMIN_KEY is configured: refused whatever the credentials.
  admin_disabled: 403,
  reindex_in_progress: 409,
  reindex_failed: 500,
  // Feedback could not be stored (disk full / DATA_DIR unwritable): retryable, and not the request's fault.
  storage_full: 503,
  storage_unavailable: 503,
  internal: 500,
};

/** Body of every error response: `{ "error": { "code", "message" } }`. */
export function errorBody(code: ErrorCode, message: string): { error: { code: ErrorCode; message: string } } {
  return { error: { code, message } };
}
