/**
 * Every failure a user can cause or meet has a code. HTTP status and CLI exit codes
 * are mapped from these codes in exactly one place each (src/http/error-handler.ts,
 * src/cli/run-command.ts), so no message or stack trace leaks by accident.
 */
export type ErrorCode =
  | "bad_request"
  | "invalid_question"
  | "invalid_parameter"
  | "payload_too_large"
  | "unsupported_media_type"
  | "origin_not_allowed"
  | "host_not_allowed"
  | "unauthorized"
  | "rate_limited"
  | "overloaded"
  | "timeout"
  | "not_found"
  | "index_missing"
  | "index_corrupt"
  | "index_mismatch"
  | "embedder_mismatch"
  | "embedder_unavailable"
  | "corpus_invalid"
  | "feature_unavailable"
  | "admin_disabled"
  | "reindex_in_progress"
  | "reindex_failed"
  | "storage_full"
  | "storage_unavailable"
  | "internal";

export class QaError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "QaError";
    this.code = code;
  }
}

/** The index files on disk do not match their manifest checksums (truncated, edited, half-written). */
export class IndexCorruptError extends QaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("index_corrupt", message, options);
    this.name = "IndexCorruptError";
  }
}

/** The index was built by another embedder, chunker or format version than the one asked for. */
export class EmbedderMismatchError extends QaError {
  constructor(message: string) {
    super("embedder_mismatch", message);
    this.name = "EmbedderMismatchError";
  }
}

/** A model-backed embedder cannot be loaded (no local model, remote models disabled, runtime missing). */
export class EmbedderUnavailableError extends QaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("embedder_unavailable", message, options);
    this.name = "EmbedderUnavailableError";
  }
}

export function isQaError(error: unknown): error is QaError {
  return error instanceof QaError;
}
