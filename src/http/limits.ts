import type { Context, MiddlewareHandler } from "hono";
import { QaError } from "../core/errors.js";
import { clientAddress } from "./client-address.js";
import { errorBody } from "./error-response.js";

/** Who a request comes from, for per-client limits (Node: the socket's remote address). */
export type ClientKey = (context: Context) => string | undefined;

export interface RateLimitOptions {
  /** Sustained requests per minute per client; 0 turns the limit off. */
  readonly perMinute: number;
  /** Requests a client may make at once before the sustained rate applies. */
  readonly burst: number;
  readonly clientKey: ClientKey;
  /** Reverse proxies trusted to append to X-Forwarded-For (default 0: ignore it); see client-address.ts. */
  readonly trustProxy?: number;
  /** Monotonic milliseconds (injected so tests need no timers). */
  readonly now: () => number;
  /** Buckets kept at most; beyond it idle (full) buckets, then the oldest, are dropped. */
  readonly maxClients?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per client: `burst` tokens, refilled at `perMinute / 60` a second. An empty
 * bucket answers 429 with Retry-After (whole seconds until the next token).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const capacity = Math.max(1, options.burst);
  const perMillisecond = options.perMinute / 60_000;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, now: number): void => {
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMillisecond);
    bucket.updatedAt = now;
  };
  const evict = (now: number): void => {
    for (const [key, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= capacity) buckets.delete(key);
    }
    for (const key of buckets.keys()) {
      if (buckets.size < maxClients) break;
      buckets.delete(key);
    }
  };

  return async (context, next) => {
    const now = options.now();
    const key = clientAddress(context, options.clientKey, options.trustProxy) ?? "unknown";
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= maxClients) evict(now);
      bucket = { tokens: capacity, updatedAt: now };
      buckets.set(key, bucket);
    } else {
      refill(bucket, now);
    }
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMillisecond / 1000));
      return context.json(errorBody("rate_limited", `Too many requests; try again in ${retryAfter} s.`), 429, { "Retry-After": String(retryAfter) });
    }
    bucket.tokens -= 1;
    await next();
    return undefined;
  };
}

/** The in-flight bound: its middleware, and how many requests hold a slot now (for /api/health). */
export interface InFlightBound {
  readonly middleware: MiddlewareHandler;
  readonly inFlight: () => number;
  readonly maxInFlight: number;
  /**
   * A slot held past the handler (a streamed answer keeps writing after its Response is
   * returned): the release function, to call exactly once when the stream ends; undefined when
   * every slot is taken.
   */
  readonly tryAcquire: () => (() => void) | undefined;
}

/**
 * At most `max` requests at work at once; beyond it 503 with Retry-After: 1. A request holds
 * its slot until its handler ends, and gives it back exactly once however that happens (answer,
 * error, timeout, client gone). Everything a client controls ends with the request: the body
 * read stops at the deadline or when the connection closes (request-body.ts). Only the server's
 * own work can outlive a timeout's 503, and it keeps its slot until it ends, so abandoned work
 * cannot pile up beyond the bound.
 */
export function inFlightLimit(max: number): InFlightBound {
  let inFlight = 0;
  const middleware: MiddlewareHandler = async (context, next) => {
    if (inFlight >= max) {
      return context.json(errorBody("overloaded", "The server is busy; try again in a moment."), 503, { "Retry-After": "1" });
    }
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
    return undefined;
  };
  const tryAcquire = (): (() => void) | undefined => {
    if (inFlight >= max) return undefined;
    inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight -= 1;
    };
  };
  return { middleware, inFlight: () => inFlight, maxInFlight: max, tryAcquire };
}

declare module "hono" {
  interface ContextVariableMap {
    /** Aborted when the request's time is up (requestTimeout); reading its body stops then. */
    deadline?: AbortSignal;
  }
}

/**
 * Answers 503 `timeout` when the rest of the chain takes longer than `milliseconds`, and aborts
 * the request's `deadline` so that reading an unfinished body stops too. The engine's work is not
 * cancelled (it takes no signal); its late result is dropped.
 */
export function requestTimeout(milliseconds: number): MiddlewareHandler {
  return async (context, next) => {
    const deadline = new AbortController();
    context.set("deadline", deadline.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new QaError("timeout", `The request took longer than ${milliseconds} ms.`);
        deadline.abort(error);
        reject(error);
      }, milliseconds);
    });
    const work = next();
    // A late failure of abandoned work must not become an unhandled rejection.
    work.catch(() => undefined);
    try {
      await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
