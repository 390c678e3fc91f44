import type { Context } from "hono";
import { addressKey } from "./ip-address.js";
import type { ClientKey } from "./limits.js";
import { requestHeader } from "./request-header.js";

// Bounds the work spent on a hostile header: only the rightmost entries are ever looked at.
const MAX_FORWARDED_LENGTH = 4096;

/**
 * The entry of a comma-separated X-Forwarded-* header written by the outermost of `trustProxy`
 * proxies, each of which appends one: the N-th from the right (fewer entries than N: the
 * leftmost). Entries further left are whatever the client sent and are never used.
 */
export function trustedForwardedEntry(context: Context, name: string, trustProxy: number): string | undefined {
  if (trustProxy <= 0) return undefined;
  const header = requestHeader(context, name);
  if (!header) return undefined;
  const parts = header.slice(-MAX_FORWARDED_LENGTH).split(",");
  // A cut header may start mid-entry: drop that fragment.
  if (header.length > MAX_FORWARDED_LENGTH) parts.shift();
  const entries = parts.map((entry) => entry.trim()).filter(Boolean);
  return entries[Math.max(0, entries.length - trustProxy)];
}

/**
 * The client key for the rate limit. With `trustProxy` 0 (the default) it is the peer of the
 * TCP connection (`socketKey`) and X-Forwarded-For is ignored entirely, since any client can
 * send one. With N trusted proxies in front it is the address the outermost one saw (see
 * trustedForwardedEntry); an absent or invalid one falls back to the socket's. IP addresses
 * become one key per client however they are spelled (ip-address.ts); other keys pass as they are.
 */
export function clientAddress(context: Context, socketKey: ClientKey, trustProxy = 0): string | undefined {
  const forwarded = trustedForwardedEntry(context, "x-forwarded-for", trustProxy);
  const key = (forwarded === undefined ? undefined : addressKey(forwarded)) ?? socketKey(context);
  return key === undefined ? undefined : (addressKey(key) ?? key);
}

/**
 * Whether the client reached us over HTTPS: this server's own URL (TLS terminated here), or the
 * outermost trusted proxy's X-Forwarded-Proto. Never a client's word when no proxy is trusted.
 */
export function isSecureRequest(context: Context, trustProxy = 0): boolean {
  if (context.req.url.startsWith("https:")) return true;
  return trustedForwardedEntry(context, "x-forwarded-proto", trustProxy)?.toLowerCase() === "https";
}
