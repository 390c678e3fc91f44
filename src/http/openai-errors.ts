import type { MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../core/errors.js";
import type { OpenAiError } from "./openai-chat-schemas.js";

/** Paths that speak OpenAI's dialect: their errors take OpenAI's shape. */
export const isOpenAiPath = (path: string): boolean => path === "/v1" || path.startsWith("/v1/");

/** Our codes that OpenAI clients know by another name (the rest keep ours: descriptive, and OpenAI's own are open-ended). */
const OPENAI_CODE: Partial<Record<ErrorCode, string>> = {
  unauthorized: "invalid_api_key",
  rate_limited: "rate_limit_exceeded",
  not_found: "unknown_url",
};

/** OpenAI's error body: `{"error": {"message", "type", "param", "code"}}`, its type read from the status as OpenAI does. */
export function openAiErrorBody(status: number, message: string, code: string | null, param: string | null = null): OpenAiError {
  const type = status === 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
  return { error: { message, type, param, code } };
}

/** A request the chat route refuses itself, naming the field (`param`) as OpenAI's own errors do. */
export class OpenAiRequestError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly code: string | null,
    readonly param: string | null,
  ) {
    super(message);
    this.name = "OpenAiRequestError";
  }
}

interface OurErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

const isOurErrorBody = (body: unknown): body is OurErrorBody => {
  const error = (body as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown; type?: unknown } | undefined;
  return typeof error?.code === "string" && typeof error.message === "string" && error.type === undefined;
};

/**
 * The one place /v1/* errors become OpenAI-shaped. Every error of this app — from the middleware
 * (host guard, CORS writes, rate limit, API key, in-flight bound, body limit, timeout), from
 * app.onError and from notFound — is `{"error": {"code", "message"}}`; on /v1 paths this
 * rewrites it, status and headers (Retry-After, WWW-Authenticate) kept. It runs outside the
 * compressor (so that it also covers the host guard), so a compressed error body is
 * decompressed first; error bodies are small.
 */
export function openAiErrorShape(): MiddlewareHandler {
  return async (context, next) => {
    await next();
    const response = context.res;
    if (response.status < 400 || !response.body || !(response.headers.get("content-type") ?? "").startsWith("application/json")) return;
    const encoding = response.headers.get("content-encoding");
    let body: unknown;
    try {
      const stream = encoding === "gzip" || encoding === "deflate" ? response.body.pipeThrough(new DecompressionStream(encoding)) : response.body;
      body = await new Response(stream).json();
    } catch {
      return; // not JSON after all: leave it as it was (never expected; never worth a crash)
    }
    // Already OpenAI-shaped (the chat route's own refusals) or not: the body was read, so it is sent anew,
    // uncompressed. Hono copies the old response's headers onto the new one: these two must go first.
    response.headers.delete("content-encoding");
    response.headers.delete("content-length");
    const shaped = isOurErrorBody(body) ? openAiErrorBody(response.status, body.error.message, OPENAI_CODE[body.error.code] ?? body.error.code) : body;
    context.res = new Response(JSON.stringify(shaped), { status: response.status, headers: response.headers });
  };
}
