import type { AskResponse, ConversationTurn, FeedbackRequest, ReportMeta } from "./api-types.js";
import { errorCodeOf, isAskResponse, isRecord, isReportMeta } from "./response-guards.js";
import { createSseParser } from "./sse-parser.js";

/** How a call failed, in the terms the error message needs (not the terms fetch uses). */
export type ApiFailureKind = "network" | "timeout" | "http" | "invalid-response";

export class ApiError extends Error {
  readonly kind: ApiFailureKind;
  /** HTTP status, for kind "http". */
  readonly status: number | undefined;
  /** The server's error code (e.g. "invalid_question"), when the body had one. */
  readonly code: string | undefined;
  /** Seconds from a Retry-After header (429/503), when present and sensible. */
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: ApiFailureKind, details: { status?: number; code?: string; retryAfterSeconds?: number } = {}) {
    super(`API call failed: ${kind}${details.status === undefined ? "" : ` ${details.status}`}`);
    this.name = "ApiError";
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export interface AskInput {
  readonly question: string;
  readonly history?: readonly ConversationTurn[];
}

/** What the caller of ask() sees while an answer streams in, and how it stops it. */
export interface AskProgress {
  /** More answer text, as written (it may hold no marker yet: markers come with the verified text). */
  readonly onDelta?: (text: string) => void;
  /** The shown answer changed as a whole: the verified text, a removed sentence, the extractive fallback. */
  readonly onReplace?: (answer: string) => void;
  /** Aborting it aborts the request (a new question, a closed panel); ask() then rejects. */
  readonly signal?: AbortSignal;
}

export interface ApiClient {
  meta(): Promise<ReportMeta>;
  /**
   * The answer to a question: over POST /api/ask/stream (progress as it streams) where the
   * browser can read a response body as a stream, else, or when the server has no stream
   * endpoint (404/405, an older server), over POST /api/ask. Either way it resolves to the
   * same AskResponse.
   */
  ask(input: AskInput, progress?: AskProgress): Promise<AskResponse>;
  feedback(body: FeedbackRequest): Promise<void>;
}

// The answerer is extractive and answers in well under a second; a request still open after
// this long is stuck (a hung proxy, a sleeping laptop), and the user deserves a retry button.
// A stream gets as long between two chunks, so a slow but steady answer is never cut.
const REQUEST_TIMEOUT_MS = 30_000;

/** A browser that can read a fetch response body chunk by chunk (all current ones). */
function canStream(): boolean {
  return typeof ReadableStream === "function" && typeof TextDecoder === "function" && typeof Response === "function" && "body" in Response.prototype;
}

/** The HTTP status the JSON API gives an error code: a stream's error event reads as that failure would. */
function statusOfCode(code: string | undefined): number {
  if (code === "rate_limited") return 429;
  if (code === "invalid_question" || code === "invalid_parameter" || code === "bad_request") return 400;
  if (code && /^(timeout|overloaded|index_|embedder_|corpus_|feature_)/u.test(code)) return 503;
  return 500;
}

/** A non-2xx reply as an ApiError, with the server's error code and Retry-After when it gave them. */
async function httpError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const code = errorCodeOf(body);
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
  return new ApiError("http", {
    status: response.status,
    ...(code === undefined ? {} : { code }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

/**
 * A deadline that a caller can push back (each chunk of a stream), tied to an outer signal:
 * `signal` aborts when time runs out or `outer` aborts; `timedOut` tells which.
 */
function deadline(outer: AbortSignal | undefined): { signal: AbortSignal; timedOut: () => boolean; extend: () => void; clear: () => void } {
  const controller = new AbortController();
  let expired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => controller.abort();
  const clear = (): void => {
    clearTimeout(timer);
    outer?.removeEventListener("abort", stop);
  };
  const extend = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      expired = true;
      controller.abort();
    }, REQUEST_TIMEOUT_MS);
  };
  if (outer?.aborted) stop();
  outer?.addEventListener("abort", stop, { once: true });
  extend();
  return { signal: controller.signal, timedOut: () => expired, extend, clear };
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/u.test(trimmed)) return Math.min(Number(trimmed), 3600);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, Math.ceil((date - now) / 1000)), 3600);
}

/** "" (same origin) or "https://host/" → the prefix API paths are appended to. */
export function apiBase(api: string): string {
  return api.trim().replace(/\/+$/u, "");
}

export function createApiClient(api: string): ApiClient {
  const base = apiBase(api);
  // Learnt once per page: an older server without the stream endpoint is not asked again.
  let streamAvailable = canStream();

  async function send(path: string, init: RequestInit, outer?: AbortSignal): Promise<{ response: Response; time: ReturnType<typeof deadline> }> {
    const time = deadline(outer);
    try {
      // No cookies: the API needs none, and credentialed CORS would need a stricter server.
      const response = await fetch(`${base}${path}`, { ...init, credentials: "omit", mode: "cors", signal: time.signal });
      return { response, time };
    } catch {
      time.clear();
      throw new ApiError(time.timedOut() ? "timeout" : "network");
    }
  }

  async function call(path: string, init: RequestInit, outer?: AbortSignal): Promise<unknown> {
    const { response, time } = await send(path, init, outer);
    try {
      if (!response.ok) throw await httpError(response);
      try {
        return await response.json();
      } catch {
        // An unreadable body (cut, or not JSON): the caller's shape check turns it into "invalid-response".
        if (time.signal.aborted) throw new ApiError(time.timedOut() ? "timeout" : "network");
        return undefined;
      }
    } finally {
      time.clear();
    }
  }

  const jsonInit = (body: unknown, accept = "application/json"): RequestInit => ({
    method: "POST",
    headers: { "content-type": "application/json", accept },
    body: JSON.stringify(body),
  });

  /** POST /api/ask/stream, read as it arrives; undefined when this server or browser cannot stream (ask /api/ask instead). */
  async function askStream(body: unknown, progress: AskProgress): Promise<AskResponse | undefined> {
    const { response, time } = await send("/api/ask/stream", jsonInit(body, "text/event-stream"), progress.signal);
    try {
      if (response.status === 404 || response.status === 405) {
        streamAvailable = false;
        return undefined;
      }
      if (!response.ok) throw await httpError(response);
      const reader = /^text\/event-stream/iu.test(response.headers.get("content-type") ?? "") ? response.body?.getReader() : undefined;
      if (!reader) {
        // Not an event stream (a proxy that rewrote it) or a body that cannot be read in chunks.
        streamAvailable = false;
        void response.body?.cancel().catch(() => undefined);
        return undefined;
      }
      let answer: AskResponse | undefined;
      let failure: ApiError | undefined;
      const push = createSseParser(({ event, data }) => {
        if (answer || failure) return;
        let value: unknown;
        try {
          value = JSON.parse(data);
        } catch {
          failure = new ApiError("invalid-response");
          return;
        }
        if (!isRecord(value)) failure = new ApiError("invalid-response");
        else if (event === "delta" && typeof value.text === "string") progress.onDelta?.(value.text);
        else if (event === "replace" && typeof value.answer === "string") progress.onReplace?.(value.answer);
        else if (event === "done") {
          if (isAskResponse(value)) answer = value;
          else failure = new ApiError("invalid-response");
        } else if (event === "error") {
          const code = errorCodeOf(value);
          failure = code === "timeout" ? new ApiError("timeout") : new ApiError("http", { status: statusOfCode(code), ...(code === undefined ? {} : { code }) });
        }
      });
      const decoder = new TextDecoder();
      while (!answer && !failure) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          throw new ApiError(time.timedOut() ? "timeout" : "network");
        }
        if (chunk.done) {
          push(decoder.decode());
          break;
        }
        time.extend();
        push(decoder.decode(chunk.value, { stream: true }));
      }
      if (failure) throw failure;
      // done is the last event (the server closes the stream right after it). A stream that ended without it was cut short.
      if (!answer) throw new ApiError("invalid-response");
      return answer;
    } finally {
      time.clear();
    }
  }

  return {
    async meta() {
      const body = await call("/api/meta", { method: "GET" });
      if (!isReportMeta(body)) throw new ApiError("invalid-response");
      return body;
    },
    async ask(input, progress = {}) {
      const request = input.history && input.history.length > 0 ? { question: input.question, history: input.history } : { question: input.question };
      const streamed = streamAvailable ? await askStream(request, progress) : undefined;
      if (streamed) return streamed;
      const body = await call("/api/ask", jsonInit(request), progress.signal);
      if (!isAskResponse(body)) throw new ApiError("invalid-response");
      return body;
    },
    async feedback(request) {
      await call("/api/feedback", jsonInit(request));
    },
  };
}
