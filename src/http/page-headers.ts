import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppOptions } from "./app-options.js";

/**
 * The headers of every HTML page (the chat, the demo, the API reference): scripts only from this
 * origin (no inline scripts anywhere), framing only where configured.
 */
export function pageHeaders(options: AppOptions): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      frameAncestors: options.frameAncestors && options.frameAncestors.length > 0 ? [...options.frameAncestors] : ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
    referrerPolicy: "strict-origin-when-cross-origin",
    xFrameOptions: false,
    // Sent by create-app.ts, and only over HTTPS.
    strictTransportSecurity: false,
  });
}
