import type { MiddlewareHandler } from "hono";
import { errorBody } from "./error-response.js";
import { requestHeader } from "./request-header.js";

const encoder = new TextEncoder();

/**
 * Equality whose running time depends only on the lengths, not on where the strings differ,
 * so a key cannot be guessed byte by byte from response times. Portable (no node:crypto).
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const left = encoder.encode(actual);
  const right = encoder.encode(expected);
  const length = Math.max(left.length, right.length);
  let difference = left.length ^ right.length;
  for (let index = 0; index < length; index += 1) difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/iu.exec(header ?? "");
  return match?.[1];
}

/**
 * Requires `Authorization: Bearer <key>`; otherwise 401 `unauthorized` with WWW-Authenticate.
 * `isOpen` names requests that need no key (health checks).
 */
export function requireBearer(key: string, isOpen: (path: string) => boolean = () => false): MiddlewareHandler {
  return async (context, next) => {
    if (isOpen(context.req.path)) return next();
    const header = requestHeader(context, "authorization");
    const token = bearerToken(header);
    if (token !== undefined && constantTimeEqual(token, key)) return next();
    const challenge = header === undefined ? 'Bearer realm="api"' : 'Bearer realm="api", error="invalid_token"';
    return context.json(errorBody("unauthorized", "This API needs a key: send Authorization: Bearer <key>."), 401, { "WWW-Authenticate": challenge });
  };
}
