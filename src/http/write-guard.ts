import type { Context, MiddlewareHandler } from "hono";
import { QaError } from "../core/errors.js";
import { hasNodeBody } from "./request-body.js";
import { requestHeader } from "./request-header.js";

// Methods that change nothing, and CORS preflights (answered by the CORS middleware).
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `application/json`, with any parameters, but a charset only if it is UTF-8 (the only one JSON has, RFC 8259). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type = "", ...parameters] = header.split(";");
  if (type.trim().toLowerCase() !== "application/json") return false;
  return parameters.every((parameter) => {
    const [name = "", value = ""] = parameter.split("=");
    return name.trim().toLowerCase() !== "charset" || /^"?utf-?8"?$/iu.test(value.trim());
  });
}

/**
 * Whether the request carries a body (a POST without one needs no Content-Type). On Node the
 * headers say so (HTTP/1.1 frames every body by Content-Length or Transfer-Encoding); a web
 * Request (Workers) may stream one without either, so there its body is asked.
 */
function carriesBody(context: Context, header: (name: string) => string | undefined): boolean {
  if (Number(header("content-length") ?? 0) > 0 || header("transfer-encoding") !== undefined || header("content-type") !== undefined) return true;
  return !hasNodeBody(context) && context.req.raw.body !== null;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined; // "null" (sandboxed frames, file: pages) and junk
  }
}

/**
 * Whether a browser sent this request from a page of another origin, as Go's
 * net/http.CrossOriginProtection decides it: Sec-Fetch-Site when the browser sends it (all
 * current ones do), else the Origin's host against the Host header. A request with neither
 * comes from no browser (curl, a server) and forgery cannot apply to it.
 */
function isCrossOrigin(header: (name: string) => string | undefined, fallbackHost: () => string): boolean {
  const site = header("sec-fetch-site");
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = header("origin");
  if (origin === undefined) return false;
  return hostOf(origin) !== (header("host") ?? fallbackHost()).toLowerCase();
}

/**
 * Refuses writes a page on another site could make its visitors' browsers send. A form post or
 * `fetch(…, {mode: "no-cors"})` can only send text/plain, form or multipart bodies without a CORS
 * preflight, so every request with a body must be `application/json` (else 415
 * `unsupported_media_type`); a JSON one from another origin needs the preflight, which only
 * ALLOWED_ORIGINS pass, and when it is sent anyway it is refused here (403 `origin_not_allowed`).
 */
export function writeGuard(allowedOrigins: ReadonlySet<string>): MiddlewareHandler {
  return async (context, next) => {
    if (SAFE_METHODS.has(context.req.method)) return next();
    const header = (name: string): string | undefined => requestHeader(context, name);
    const origin = header("origin");
    const allowed = origin !== undefined && (allowedOrigins.has("*") || allowedOrigins.has(origin));
    if (!allowed && isCrossOrigin(header, () => new URL(context.req.url).host)) {
      throw new QaError("origin_not_allowed", "Requests from pages of another site are accepted only from the origins in ALLOWED_ORIGINS.");
    }
    if (carriesBody(context, header) && !isJsonContentType(header("content-type"))) {
      throw new QaError("unsupported_media_type", "Send the request body as JSON, with Content-Type: application/json.");
    }
    return next();
  };
}
