import type { MiddlewareHandler } from "hono";
import { requestHeader } from "./request-header.js";

declare module "hono" {
  interface ContextVariableMap {
    requestId: string;
  }
}

/** Receives one JSON line (no trailing newline) per request or server error. */
export type LogSink = (line: string) => void;

// Only ids that are safe to echo and to write to a log line (no spaces, quotes or control characters).
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/u;

/** A fresh request id (Web Crypto is global in Node 20 and Workers). */
export function randomRequestId(): string {
  return globalThis.crypto.randomUUID();
}

export interface RequestLogOptions {
  readonly log: LogSink | undefined;
  readonly now: () => number;
  readonly newRequestId: () => string;
}

/**
 * Gives every request an id (the caller's X-Request-Id when it is a plain token, else a new
 * one), echoes it in X-Request-Id, and logs one JSON line when the response is ready: time,
 * id, method, path (never the query string, headers or bodies), status and latency.
 */
export function requestLog(options: RequestLogOptions): MiddlewareHandler {
  return async (context, next) => {
    const started = options.now();
    const incoming = requestHeader(context, "x-request-id");
    const requestId = incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : options.newRequestId();
    context.set("requestId", requestId);
    // Set before the response exists: Hono merges it into every response the context builds
    // (errors included). Touching context.res.headers afterwards would make @hono/node-server
    // materialise a full web Response per request, which costs more than the route itself.
    context.header("X-Request-Id", requestId);
    if (!options.log) return next();
    try {
      await next();
    } finally {
      options.log(
        JSON.stringify({
          time: new Date().toISOString(),
          level: "info",
          requestId,
          method: context.req.method,
          path: context.req.path,
          status: context.res.status,
          latencyMs: Math.round((options.now() - started) * 1000) / 1000,
        }),
      );
    }
  };
}

