import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { isQaError } from "../core/errors.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { registerApiRoutes } from "./api-routes.js";
import type { AppOptions, ServiceInfo } from "./app-options.js";
import { errorBody, STATUS_BY_CODE } from "./error-response.js";
import { registerPageRoutes } from "./page-routes.js";
import { registerVerifyRoute } from "./verify-route.js";

export type { AppOptions, ServiceInfo } from "./app-options.js";
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The whole HTTP surface over an injected engine: the API, the chat page, the demo page and
 * the widget bundles. Runtime-free (Hono only), so Node and Workers serve the same app.
 */
export function createApp(engine: QaEngine, info: ServiceInfo, options: AppOptions = {}): Hono {
  const app = new Hono();
  const allowedOrigins = new Set(options.allowedOrigins ?? []);

  // Node compresses itself; on Workers the platform does, and compressing twice garbles bodies.
  if (options.compress ?? true) app.use(compress());
  app.use(
    "/api/*",
    cors({
      // Only configured origins get CORS headers; same-origin requests need none.
      origin: (origin) => (allowedOrigins.has("*") || allowedOrigins.has(origin) ? origin : null),
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["Content-Type"],
      // The widget on another site reads Retry-After to tell the reader how long to wait.
      exposeHeaders: ["Retry-After"],
      maxAge: 600,
    }),
  );
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (context) => context.json(errorBody("payload_too_large", `Request body must be at most ${MAX_BODY_BYTES / 1024} KiB.`), 413),
    }),
  );

  registerApiRoutes(app, engine, info, options);
  registerVerifyRoute(app, engine);
  registerPageRoutes(app, options);

  app.notFound((context) => context.json(errorBody("not_found", `No route for ${context.req.method} ${new URL(context.req.url).pathname}.`), 404));
  app.onError((error, context) => {
    if (isQaError(error)) return context.json(errorBody(error.code, error.message), STATUS_BY_CODE[error.code]);
    // Unknown failures: a generic message to the client, the detail to the server log only.
    console.error(error);
    return context.json(errorBody("internal", "Internal error while answering; the server log has details."), 500);
  });
  return app;
}
