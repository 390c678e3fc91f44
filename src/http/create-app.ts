import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { isQaError } from "../core/errors.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { registerApiRoutes } from "./api-routes.js";
import type { AppOptions, ServiceInfo } from "./app-options.js";
import { errorBody, STATUS_BY_CODE } from "./error-response.js";
import { requireBearer } from "./auth.js";
import { inFlightLimit, rateLimit, requestTimeout } from "./limits.js";
import { registerPageRoutes } from "./page-routes.js";
import { randomRequestId, requestLog } from "./request-log.js";
import { registerVerifyRoute } from "./verify-route.js";

export type { AppOptions, ServiceInfo } from "./app-options.js";
export const MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_MAX_IN_FLIGHT = 256;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_RATE_LIMIT_BURST = 20;

// Health checks come from load balancers and monitors: never limited, never behind the key.
const isHealth = (path: string): boolean => path === "/api/health";

/**
 * The whole HTTP surface over an injected engine: the API, the chat page, the demo page and
 * the widget bundles. Runtime-free (Hono only), so Node and Workers serve the same app.
 */
export function createApp(engine: QaEngine, info: ServiceInfo, options: AppOptions = {}): Hono {
  const app = new Hono();
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const now = options.now ?? (() => performance.now());
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const perMinute = options.rateLimitPerMinute ?? 0;

  // Outermost, so the log line carries the final status of every response, errors included.
  app.use(requestLog({ log: options.logger, now, newRequestId: options.newRequestId ?? randomRequestId }));
  app.use(async (context, next) => {
    await next();
    // JSON and error responses must never be sniffed into something executable.
    if (!context.res.headers.has("X-Content-Type-Options")) context.res.headers.set("X-Content-Type-Options", "nosniff");
  });
  // Node compresses itself; on Workers the platform does, and compressing twice garbles bodies.
  if (options.compress ?? true) app.use(compress());
  app.use(
    "/api/*",
    cors({
      // Only configured origins get CORS headers; same-origin requests need none.
      origin: (origin) => (allowedOrigins.has("*") || allowedOrigins.has(origin) ? origin : null),
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["Content-Type", "Authorization", "X-Request-Id"],
      // The widget on another site reads Retry-After to tell the reader how long to wait.
      exposeHeaders: ["Retry-After", "X-Request-Id"],
      maxAge: 600,
    }),
  );
  app.use("/api/*", async (context, next) => {
    await next();
    context.res.headers.set("Referrer-Policy", "no-referrer");
  });
  if (perMinute > 0) {
    const limit = rateLimit({ perMinute, burst: options.rateLimitBurst ?? DEFAULT_RATE_LIMIT_BURST, clientKey: options.clientKey ?? (() => "all"), now });
    app.use("/api/*", (context, next) => (isHealth(context.req.path) ? next() : limit(context, next)));
  }
  if (options.apiKey) app.use("/api/*", requireBearer(options.apiKey, isHealth));
  // The timeout wraps the in-flight bound, so work abandoned by a timeout still holds its slot until it ends.
  if (timeoutMs > 0) app.use("/api/*", requestTimeout(timeoutMs));
  if (maxInFlight > 0) app.use("/api/*", inFlightLimit(maxInFlight));
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (context) => context.json(errorBody("payload_too_large", `Request body must be at most ${formatBytes(maxBodyBytes)}.`), 413),
    }),
  );

  registerApiRoutes(app, engine, info, options);
  registerVerifyRoute(app, engine);
  registerPageRoutes(app, options);

  app.notFound((context) => context.json(errorBody("not_found", `No route for ${context.req.method} ${new URL(context.req.url).pathname}.`), 404));
  app.onError((error, context) => {
    if (isQaError(error)) return context.json(errorBody(error.code, error.message), STATUS_BY_CODE[error.code]);
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

function formatBytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
