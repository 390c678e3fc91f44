import type { ServerOptions } from "node:http";

/** How long Node's HTTP server waits for a client to send its request. */
export interface ServerTimeouts {
  /** For the request line and all headers (slowloris; Node's default 60 s). */
  readonly headersMs: number;
  /** For the whole request, body included (a body dribbled byte by byte; Node's default 300 s). */
  readonly requestMs: number;
}

// Headers are a few hundred bytes: 10 s is generous for any real client (Apache's mod_reqtimeout
// starts at 20 s and needs 500 B/s, Go guides suggest 5–10 s). A body is at most MAX_BODY_BYTES
// (64 KiB): 30 s allows 2 KiB/s. /api/* requests answer 503 `timeout` sooner (REQUEST_TIMEOUT_MS);
// these bound every request, also with REQUEST_TIMEOUT_MS=0 and on routes without that limit.
export const SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000 };

/**
 * Options for node:http's createServer (through @hono/node-server's `serverOptions`). Past
 * either limit Node answers 408 and closes the connection; nothing reaches the app, so a slow
 * client never holds an in-flight slot while sending headers.
 */
export function httpServerOptions(timeouts: ServerTimeouts = SERVER_TIMEOUTS): ServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    // Node refuses a headers timeout longer than the request timeout.
    requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs),
    // Node enforces both only when it sweeps its connections, by default every 30 s (a 10 s limit
    // would then let a connection live up to 40 s); sweep every second, or sooner for short limits.
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
  };
}
