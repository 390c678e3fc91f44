import { errorCodesForStatus, errorResponseSchemaForStatus } from "../error-schema.js";
import { responseSchema, type HeaderDoc, type NamedSchema, type ResponseDoc, type RouteDoc } from "./route-doc.js";

/**
 * The error statuses the app's middleware (create-app.ts) can answer a route with, beyond the
 * handler's own: kept beside the middleware order it mirrors, so the description of a route
 * says what a client really meets.
 */
export function middlewareErrorStatuses(route: RouteDoc): number[] {
  // Every route: a Host not in ALLOWED_HOSTS (host-guard.ts), and the generic 500.
  const statuses = new Set([403, 500]);
  // The API and the OpenAI-compatible API share every guard and limit (create-app.ts SERVICE_PATHS).
  const isApi = route.path.startsWith("/api/") || route.path.startsWith("/v1/");
  // /api/health is exempt from the rate limit, the in-flight bound and the timeout.
  if (isApi && route.path !== "/api/health") {
    statuses.add(429); // RATE_LIMIT_PER_MINUTE
    statuses.add(503); // MAX_IN_FLIGHT saturated (overloaded) or REQUEST_TIMEOUT_MS (timeout)
  }
  if (route.access !== "public") statuses.add(401);
  if (isApi && route.method === "POST") {
    statuses.add(403); // origin_not_allowed (write-guard.ts)
    statuses.add(413); // body over MAX_BODY_BYTES
    statuses.add(415); // not Content-Type: application/json
  }
  // Routes that read a JSON body refuse one that is not a JSON object (request-body.ts).
  if (route.requestBody) statuses.add(400);
  return [...statuses];
}

const RETRY_AFTER: HeaderDoc = { description: "Seconds to wait before trying again.", schema: { type: "string", pattern: "^\\d+$" } };
const WWW_AUTHENTICATE: HeaderDoc = { description: 'The Bearer challenge: realm "api" or "admin", with error="invalid_token" when a wrong key was sent.', schema: { type: "string" } };

/**
 * The response of an error status: the codes it carries (from STATUS_BY_CODE) and its body
 * schema, `{"error": {"code", "message"}}` with those codes unless the route names another shape.
 */
export function errorResponse(status: number, shape?: NamedSchema): ResponseDoc {
  const codes = errorCodesForStatus(status).map((code) => `\`${code}\``);
  const headers: Record<string, HeaderDoc> = {};
  if (status === 429 || status === 503) headers["Retry-After"] = RETRY_AFTER;
  if (status === 401) headers["WWW-Authenticate"] = WWW_AUTHENTICATE;
  return {
    description: shape ? `Error${codes.length > 0 ? ` (${codes.join(", ")} in the API's own terms)` : ""}, in this route's error shape.` : `Error: ${codes.join(", ")}.`,
    content: { "application/json": { schema: shape ?? responseSchema(`Error${status}`, errorResponseSchemaForStatus(status)) } },
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}
