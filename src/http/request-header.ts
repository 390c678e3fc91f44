import type { Context } from "hono";

/** The part of Node's IncomingMessage the fast paths read (no node: import: duck-typed). */
export interface NodeIncoming {
  readonly headers: Record<string, string | string[] | undefined>;
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
}

/** The raw Node request when the app runs on @hono/node-server (it passes it as env.incoming); else undefined. */
export function nodeIncoming(context: Context): NodeIncoming | undefined {
  const incoming = (context.env as { incoming?: Partial<NodeIncoming> } | undefined)?.incoming;
  return incoming && typeof incoming[Symbol.asyncIterator] === "function" && typeof incoming.headers === "object" ? (incoming as NodeIncoming) : undefined;
}

/**
 * One request header. On Node it is read from the raw request's header object: the web
 * `Headers` that `context.req.header()` needs is built per request by @hono/node-server on
 * first use, and middleware that only checks whether a header is there (request id,
 * Accept-Encoding, Origin) should not pay for that. Elsewhere, the web request's headers.
 */
export function requestHeader(context: Context, lowerCaseName: string): string | undefined {
  const incoming = nodeIncoming(context);
  if (incoming === undefined) return context.req.header(lowerCaseName);
  const value = incoming.headers[lowerCaseName];
  return Array.isArray(value) ? value.join(", ") : value;
}
