import type { MiddlewareHandler } from "hono";
import { errorBody } from "./error-response.js";
import { addressKey } from "./ip-address.js";
import { requestHeader } from "./request-header.js";

/** Host names a server bound to loopback answers to when no ALLOWED_HOSTS is set. */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "::1"];

/** The host name of a Host header, lower case, without port or IPv6 brackets. */
export function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(1, value.indexOf("]") < 0 ? undefined : value.indexOf("]"));
  return value.replace(/:\d*$/u, "").replace(/\.$/u, "");
}

/**
 * Whether a host name is allowed: an IP address (rebinding needs a DNS name, so an address
 * typed as such is always what the user meant), listed, or under a listed `.domain`.
 */
export function hostAllowed(name: string, allowed: readonly string[]): boolean {
  if (addressKey(name) !== undefined) return true;
  return allowed.some((entry) => entry === "*" || entry === name || (entry.startsWith(".") && (name.endsWith(entry) || name === entry.slice(1))));
}

/**
 * DNS rebinding: a page on a name its owner points at 127.0.0.1 is same-origin with a
 * server on loopback, so the browser lets it read the API and the origin check cannot tell
 * (its Origin matches its Host). Answering only to the host names the server is meant to be
 * reached by closes that, as dev servers bound to loopback do. A request without Host
 * (HTTP/1.0, not a browser) passes.
 */
export function hostGuard(allowed: readonly string[]): MiddlewareHandler {
  return async (context, next) => {
    const host = requestHeader(context, "host");
    if (host !== undefined && !hostAllowed(hostName(host), allowed)) {
      return context.json(errorBody("host_not_allowed", `This server does not answer to the host "${hostName(host)}". Add it to ALLOWED_HOSTS.`), 403);
    }
    await next();
    return undefined;
  };
}
