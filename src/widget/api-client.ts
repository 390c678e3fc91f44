import type { AskResponse, ConversationTurn, FeedbackRequest, ReportMeta } from "./api-types.js";
import { errorCodeOf, isAskResponse, isReportMeta } from "./response-guards.js";

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

export interface ApiClient {
  meta(): Promise<ReportMeta>;
  ask(input: AskInput): Promise<AskResponse>;
  feedback(body: FeedbackRequest): Promise<void>;
}

// The answerer is extractive and answers in well under a second; a request still open after
// this long is stuck (a hung proxy, a sleeping laptop), and the user deserves a retry button.
const REQUEST_TIMEOUT_MS = 30_000;

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

  async function call(path: string, init: RequestInit): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let response: Response;
    try {
      // No cookies: the API needs none, and credentialed CORS would need a stricter server.
      response = await fetch(`${base}${path}`, { ...init, credentials: "omit", mode: "cors", signal: controller.signal });
    } catch {
      throw new ApiError(controller.signal.aborted ? "timeout" : "network");
    } finally {
      clearTimeout(timer);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const code = errorCodeOf(body);
      const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
      throw new ApiError("http", {
        status: response.status,
        ...(code === undefined ? {} : { code }),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
    }
    return body;
  }

  function postJson(path: string, body: unknown): Promise<unknown> {
    return call(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }

  return {
    async meta() {
      const body = await call("/api/meta", { method: "GET" });
      if (!isReportMeta(body)) throw new ApiError("invalid-response");
      return body;
    },
    async ask(input) {
      const body = await postJson("/api/ask", input.history && input.history.length > 0 ? { question: input.question, history: input.history } : { question: input.question });
      if (!isAskResponse(body)) throw new ApiError("invalid-response");
      return body;
    },
    async feedback(request) {
      await postJson("/api/feedback", request);
    },
  };
}
