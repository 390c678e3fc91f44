import type { Context } from "hono";
import type { ClientKey } from "./limits.js";
import { requestHeader } from "./request-header.js";

// An IPv4 or IPv6 address (optionally with a port or brackets) as proxies write them; anything
// else in the header is not an address and is not used as a key.
const ADDRESS = /^[0-9A-Fa-f:.[\]%]{2,64}$/u;
// Bounds the work spent on a hostile header: only the rightmost entries are ever looked at.
const MAX_FORWARDED_LENGTH = 4096;

/**
 * The client address for the rate limit. With `trustProxy` 0 (the default) it is whatever
 * `socketKey` says (the peer of the TCP connection) and X-Forwarded-For is ignored entirely,
 * since any client can send one. With N trusted proxies in front, each of which appends the
 * address it received the request from, the client is the N-th address from the right of
 * X-Forwarded-For (fewer entries than N: the leftmost one). An absent or malformed header
 * falls back to the socket address.
 */
export function clientAddress(context: Context, socketKey: ClientKey, trustProxy = 0): string | undefined {
  if (trustProxy <= 0) return socketKey(context);
  const header = requestHeader(context, "x-forwarded-for");
  if (!header) return socketKey(context);
  const parts = header.slice(-MAX_FORWARDED_LENGTH).split(",");
  // A cut header may start mid-address: drop that fragment.
  if (header.length > MAX_FORWARDED_LENGTH) parts.shift();
  const entries = parts.map((entry) => entry.trim()).filter(Boolean);
  const chosen = entries[Math.max(0, entries.length - trustProxy)];
  return chosen !== undefined && ADDRESS.test(chosen) ? chosen : socketKey(context);
}
