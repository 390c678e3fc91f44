import type { Context } from "hono";
import type { z } from "zod";
import { QaError } from "../core/errors.js";
import { nodeIncoming } from "./request-header.js";

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

/**
 * The body as text. On Node it is read straight from the IncomingMessage, stopping with 413 as
 * soon as it exceeds the limit: asking the web Request for its body makes @hono/node-server
 * build a full Request and a ReadableStream per call, which cost more than answering a cached
 * question. Elsewhere (Workers) the web Request is read, behind Hono's bodyLimit.
 */
async function readBodyText(context: Context): Promise<string> {
  const incoming = nodeIncoming(context);
  if (!incoming) return context.req.text();
  const maxBytes = context.get("maxBodyBytes");
  const declared = Number(incoming.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of incoming) {
    received += chunk.byteLength;
    if (received > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
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
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const field = issue.path.map(String).join(".");
  return issue.message.startsWith(field) || !field ? issue.message : `${field}: ${issue.message}`;
}
