import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { isQaError } from "../core/errors.js";
import type { EngineSource } from "../core/pipeline/engine-holder.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { isAdminPath, registerAdminRoutes } from "./admin-routes.js";
import { registerApiRoutes } from "./api-routes.js";
import type { AppOptions, ServiceInfo } from "./app-options.js";
import { errorBody, STATUS_BY_CODE } from "./error-response.js";
import { requireBearer } from "./auth.js";
import { isSecureRequest } from "./client-address.js";
import { inFlightLimit, rateLimit, requestTimeout } from "./limits.js";
import { registerPageRoutes } from "./page-routes.js";
import { registerDocsRoutes } from "./docs-routes.js";
import { bodyUnfinished, hasNodeBody, tooLarge } from "./request-body.js";
import { requestHeader } from "./request-header.js";
import { randomRequestId, requestLog } from "./request-log.js";
import { registerVerifyRoute } from "./verify-route.js";
import { ASK_STREAM_PATH, registerAskStreamRoute } from "./ask-stream-route.js";
import { CHAT_COMPLETIONS_PATH, registerOpenAiRoutes } from "./openai-chat-route.js";
import { isOpenAiPath, openAiErrorShape } from "./openai-errors.js";
import { registerPassagePageRoute } from "./passage-page-route.js";
import { hostGuard } from "./host-guard.js";
import { writeGuard } from "./write-guard.js";

export type { AppOptions, ServiceInfo } from "./app-options.js";
export const MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_MAX_IN_FLIGHT = 256;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_RATE_LIMIT_BURST = 20;

// Health checks come from load balancers and monitors: never limited, never behind the key.
const isHealth = (path: string): boolean => path === "/api/health";
/**
 * A streamed answer holds its slot and keeps its own deadline for as long as it streams
 * (ask-stream-route.ts); the OpenAI chat route does so in both modes, since only its body says
 * whether it streams (openai-chat-route.ts).
 */
const isStream = (path: string): boolean => path === ASK_STREAM_PATH || path === CHAT_COMPLETIONS_PATH;
/** The API and the OpenAI-compatible API share every guard and limit (one rate-limit bucket per client across both). */
const SERVICE_PATHS = ["/api/*", "/v1/*"] as const;

/**
 * The whole HTTP surface over an injected engine: the API, the chat page, the demo page and
 * the widget bundles. Runtime-free (Hono only), so Node and Workers serve the same app.
 * `engine` is the engine, or where the engine can be swapped (POST /api/admin/reindex) a
 * function that returns the one to serve now, read once per request (`currentEngine`).
 */
export function createApp(engine: QaEngine | EngineSource, info: ServiceInfo, options: AppOptions = {}): Hono {
  const app = new Hono();
  const currentEngine: EngineSource = typeof engine === "function" ? engine : () => engine;
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const now = options.now ?? (() => performance.now());
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const perMinute = options.rateLimitPerMinute ?? 0;
  const trustProxy = options.trustProxy ?? 0;

  // Outermost, so the log line carries the final status of every response, errors included.
  app.use(requestLog({ log: options.logger, now, newRequestId: options.newRequestId ?? randomRequestId }));
  // Outside every guard, so that each one's refusal on /v1/* reaches OpenAI clients in OpenAI's shape.
  app.use("/v1/*", openAiErrorShape());
  const useOnService = (handler: MiddlewareHandler): void => {
    for (const path of SERVICE_PATHS) app.use(path, handler);
  };
  if (options.allowedHosts) app.use(hostGuard(options.allowedHosts));
  app.use((context, next) => {
    // JSON and error responses must never be sniffed into something executable; the API's
    // URLs (questions in query strings) must not leak to other sites. Set before the response
    // exists, so every response the context builds carries them (see request-log.ts).
    context.header("X-Content-Type-Options", "nosniff");
    if (context.req.path.startsWith("/api/") || isOpenAiPath(context.req.path)) {
      context.header("Referrer-Policy", "no-referrer");
      // API answers are per request (and may quote the question): no cache, shared or private,
      // keeps them. A route with a deliberate policy sets its own Cache-Control, replacing this.
      context.header("Cache-Control", "no-store");
    }
    // HSTS only on responses that came over HTTPS: over plain HTTP it would be ignored at best
    // (RFC 6797 §8.1), and a server reached over HTTP must not claim it (§7.2).
    if (isSecureRequest(context, trustProxy)) context.header("Strict-Transport-Security", "max-age=15552000; includeSubDomains");
    return next();
  });
  // Node compresses itself; on Workers the platform does, and compressing twice garbles bodies.
  // Clients that accept no encoding (health probes, load balancers) skip the middleware entirely.
  if (options.compress ?? true) {
    const compressor = compress();
    app.use((context, next) => (requestHeader(context, "accept-encoding") ? compressor(context, next) : next()));
  }
  // Only cross-origin requests carry Origin; same-origin ones and server-to-server calls need no CORS work.
  const corsHeaders = cors({
    // Only configured origins get CORS headers.
    origin: (origin) => (allowedOrigins.has("*") || allowedOrigins.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Content-Type", "Authorization", "X-Request-Id"],
    // The widget on another site reads Retry-After to tell the reader how long to wait.
    exposeHeaders: ["Retry-After", "X-Request-Id"],
    maxAge: 600,
  });
  useOnService((context, next) => (requestHeader(context, "origin") === undefined ? next() : corsHeaders(context, next)));
  // After CORS (preflights are answered there, and an allowed widget can read the refusal).
  useOnService(writeGuard(allowedOrigins));
  if (perMinute > 0) {
    const limit = rateLimit({ perMinute, burst: options.rateLimitBurst ?? DEFAULT_RATE_LIMIT_BURST, clientKey: options.clientKey ?? (() => "all"), trustProxy, now });
    useOnService((context, next) => (isHealth(context.req.path) ? next() : limit(context, next)));
  }
  // Admin routes take the admin key only (registerAdminRoutes); the API key never opens them.
  if (options.apiKey) useOnService(requireBearer(options.apiKey, (path) => isHealth(path) || isAdminPath(path)));
  // The timeout wraps the in-flight bound, so work abandoned by a timeout still holds its slot until it ends.
  // Health answers from memory at once (a timer per probe would be pure overhead); a re-index
  // legitimately outlasts a question's time limit.
  if (timeoutMs > 0) {
    const timeout = requestTimeout(timeoutMs);
    useOnService((context, next) => (isHealth(context.req.path) || isAdminPath(context.req.path) || isStream(context.req.path) ? next() : timeout(context, next)));
  }
  const bound = maxInFlight > 0 ? inFlightLimit(maxInFlight) : undefined;
  if (bound) useOnService((context, next) => (isHealth(context.req.path) || isStream(context.req.path) ? next() : bound.middleware(context, next)));
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (context) => context.json(errorBody("payload_too_large", tooLarge(maxBodyBytes).message), 413),
  });
  // Only methods with a body (asking a GET for its body stream would build a full web Request
  // for nothing), and not on Node, where request-body.ts reads and limits the body itself.
  useOnService((context, next) => {
    context.set("maxBodyBytes", maxBodyBytes);
    const method = context.req.method;
    return (method === "POST" || method === "PUT" || method === "PATCH") && !hasNodeBody(context) ? limitBody(context, next) : next();
  });

  registerAdminRoutes(app, options);
  registerApiRoutes(app, currentEngine, info, options, bound);
  registerVerifyRoute(app, currentEngine);
  registerAskStreamRoute(app, currentEngine, { ...(bound ? { bound } : {}), timeoutMs });
  registerOpenAiRoutes(app, currentEngine, {
    ...(bound ? { bound } : {}),
    timeoutMs,
    trustProxy,
    builtAt: () => info.builtAt,
    ...(options.corpusModelId ? { corpusModelId: options.corpusModelId } : {}),
    ...(options.answerCacheEntries !== undefined ? { answerCacheEntries: options.answerCacheEntries } : {}),
    ...(options.scheduleAnswer ? { scheduleAnswer: options.scheduleAnswer } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  registerPassagePageRoute(app, currentEngine);
  registerPageRoutes(app, options);
  registerDocsRoutes(app, options);

  app.notFound((context) => context.json(errorBody("not_found", `No route for ${context.req.method} ${new URL(context.req.url).pathname}.`), 404));
  app.onError((error, context) => {
    if (isQaError(error)) {
      // The rest of an oversized or unfinished body (a timeout, a refused write) is never read:
      // the connection cannot carry another request, so Node closes it once this answer is out.
      const headers = error.code === "payload_too_large" || bodyUnfinished(context) ? { Connection: "close" } : undefined;
      return context.json(errorBody(error.code, error.message), STATUS_BY_CODE[error.code], headers);
    }
    // Unknown failures: a generic message to the client, the detail to the server log only.
    if (options.logger) {
      const detail = error instanceof Error ? { error: error.name, message: error.message, stack: error.stack } : { error: String(error) };
      options.logger(JSON.stringify({ time: new Date().toISOString(), level: "error", requestId: context.get("requestId"), method: context.req.method, path: context.req.path, ...detail }));
    } else {
      console.error(error);
    }
    return context.json(errorBody("internal", "Internal error while answering; the server log has details."), 500);
  });
  return app;
}
