import type { Context } from "hono";
import { QaError } from "../core/errors.js";
import { nodeIncoming, type NodeIncoming } from "./request-header.js";

declare module "hono" {
  interface ContextVariableMap {
    /** Largest accepted request body, set by the app (see create-app.ts). */
    maxBodyBytes: number;
  }
}

export function tooLarge(maxBytes: number): QaError {
  const size = maxBytes % 1024 === 0 ? `${maxBytes / 1024} KiB` : `${maxBytes} bytes`;
  return new QaError("payload_too_large", `Request body must be at most ${size}.`);
}

/** Whether the request comes through @hono/node-server, whose raw Node request this module reads itself. */
export function hasNodeBody(context: Context): boolean {
  return nodeIncoming(context) !== undefined;
}

/** Whether the request's body has not fully arrived (Node only): the connection then cannot carry another request. */
export function bodyUnfinished(context: Context): boolean {
  return nodeIncoming(context)?.complete === false;
}

const closedEarly = (): QaError => new QaError("bad_request", "The connection closed before the request body was complete.");

/**
 * Node's request body, at most `maxBytes` (413 as soon as it is over). Reading stops, with its
 * listeners removed, when the body ends, fails, gets too large, the request's `deadline` passes
 * (requestTimeout in limits.ts) or the connection closes. Without the last two, a body that
 * never completes would keep its handler, and so its in-flight slot, forever: once a response
 * (the 503 timeout) has gone out, Node no longer aborts the request when its socket closes.
 */
function readNodeBody(incoming: NodeIncoming, maxBytes: number, deadline: AbortSignal | undefined): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let received = 0;
    const socket = incoming.socket;
    const stop = (error?: unknown): void => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onClosed);
      incoming.off("close", onClosed);
      socket?.off("close", onSocketClosed);
      deadline?.removeEventListener("abort", onDeadline);
      if (error === undefined) return resolve(concatenate(chunks, received));
      // Whatever else arrives stays unread (Node buffers a little, then stops reading the socket).
      incoming.pause();
      reject(error);
    };
    const onData = (chunk: Uint8Array): void => {
      received += chunk.byteLength;
      if (received > maxBytes) return stop(tooLarge(maxBytes));
      chunks.push(chunk);
    };
    const onEnd = (): void => stop();
    const onClosed = (): void => stop(closedEarly());
    const onSocketClosed = (): void => {
      stop(closedEarly());
      // Detached from its socket, the stream would otherwise wait for data that cannot come.
      incoming.destroy();
    };
    const onDeadline = (): void => stop(deadline?.reason);
    if (deadline?.aborted) return onDeadline();
    if (incoming.destroyed) return onClosed();
    deadline?.addEventListener("abort", onDeadline, { once: true });
    socket?.once("close", onSocketClosed);
    incoming.on("error", onClosed);
    incoming.on("close", onClosed);
    incoming.on("end", onEnd);
    incoming.on("data", onData);
  });
}

function concatenate(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The body as text. On Node it is read straight from the IncomingMessage: asking the web
 * Request for its body makes @hono/node-server build a full Request and a ReadableStream per
 * call, which cost more than answering a cached question. Elsewhere (Workers) the web Request
 * is read, behind Hono's bodyLimit.
 */
async function readBodyText(context: Context): Promise<string> {
  const incoming = nodeIncoming(context);
  if (!incoming) return context.req.text();
  const maxBytes = context.get("maxBodyBytes");
  const declared = Number(incoming.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  return new TextDecoder().decode(await readNodeBody(incoming, maxBytes, context.get("deadline")));
}

/** The request body as a JSON object, or a 400 that shows an example of what was expected. */
export async function readJsonObject(context: Context, example: string): Promise<Record<string, unknown>> {
  const text = await readBodyText(context);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new QaError("bad_request", `Request body must be JSON, e.g. ${example}.`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new QaError("bad_request", `Request body must be a JSON object, e.g. ${example}.`);
  return body as Record<string, unknown>;
}

/** The first validation problem, led by the field it concerns ("topK: …"), for an error message. */
export { firstIssue } from "../core/schemas/first-issue.js";
