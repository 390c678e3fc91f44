import type { Context } from "hono";

/** The part of Node's IncomingMessage the fast paths read (no node: import: duck-typed). */
export interface NodeIncoming {
  readonly headers: Record<string, string | string[] | undefined>;
  /** Whether the whole request, body included, has arrived. */
  readonly complete: boolean;
  /** The connection; null once Node has detached it. */
  readonly socket: NodeEvents | null;
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end" | "error" | "close", listener: () => void): unknown;
  off(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  off(event: "end" | "error" | "close", listener: () => void): unknown;
  pause(): unknown;
  destroy(): unknown;
  readonly destroyed: boolean;
}

interface NodeEvents {
  once(event: "close", listener: () => void): unknown;
  off(event: "close", listener: () => void): unknown;
}

/** The raw Node request when the app runs on @hono/node-server (it passes it as env.incoming); else undefined. */
export function nodeIncoming(context: Context): NodeIncoming | undefined {
  const incoming = (context.env as { incoming?: Partial<NodeIncoming> } | undefined)?.incoming;
  return incoming && typeof incoming.on === "function" && typeof incoming.headers === "object" ? (incoming as NodeIncoming) : undefined;
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
