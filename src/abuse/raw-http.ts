/**
 * A deliberately low-level HTTP/1.1 client over node:net: attacks need to send bytes no
 * well-behaved client would (a body shorter than its Content-Length, headers a byte at a
 * time, a chunked body with no terminator), from a chosen loopback source address so the
 * per-client rate limit sees many clients. It only ever connects to 127.0.0.1.
 */
import { connect, type Socket } from "node:net";

/** How an exchange ended. */
export type Ending =
  /** A complete response was read. */
  | "response"
  /** The server closed the connection (FIN) before a complete response. */
  | "closed"
  /** The connection failed or was reset (ECONNRESET, EPIPE …). */
  | "reset"
  /** The client hung up on purpose (the attack's plan), before any response. */
  | "hung-up"
  /** No complete response by the client's deadline; the client gave up. */
  | "gave-up";

export interface Exchange {
  readonly ending: Ending;
  /** The response's status; null when none arrived. */
  readonly status: number | null;
  /** `error.code` of a JSON error body, when there is one. */
  readonly code?: string;
  /** Milliseconds from connecting to the end of the exchange. */
  readonly ms: number;
}

/** One piece of what the client sends: bytes, written `afterMs` after the previous piece. */
export interface Piece {
  readonly bytes: string | Uint8Array;
  readonly afterMs?: number;
}

export interface ExchangePlan {
  readonly port: number;
  /** Loopback source address (127.0.0.0/8) the connection is made from. */
  readonly localAddress: string;
  readonly pieces: readonly Piece[];
  /** After the last piece: hang up this many ms later, with FIN ("end") or RST ("reset"). */
  readonly hangUp?: { readonly afterMs: number; readonly how: "end" | "reset" };
  /** Give up when no complete response came within this many ms of connecting. */
  readonly deadlineMs: number;
}

/** A request as bytes: the request line, the headers given (nothing added), and the body. */
export function requestBytes(method: string, target: string, headers: Readonly<Record<string, string>>, body: string | Uint8Array = ""): Uint8Array {
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  const bodyBytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return Buffer.concat([Buffer.from(head, "latin1"), bodyBytes]);
}

/** A complete, well-formed request with Content-Length and `Connection: close`. */
export function wholeRequest(method: string, target: string, headers: Readonly<Record<string, string>>, body?: string | Uint8Array): Uint8Array {
  const bodyBytes = body === undefined ? undefined : typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const all: Record<string, string> = { Host: "127.0.0.1", Connection: "close", ...headers };
  if (bodyBytes !== undefined) all["Content-Length"] = String(bodyBytes.byteLength);
  return requestBytes(method, target, all, bodyBytes);
}

interface ParsedResponse {
  readonly status: number;
  /** Whether the whole body is in (by Content-Length, chunked terminator, or the connection closing). */
  readonly complete: boolean;
  readonly body: Buffer;
}

/** Parses what arrived so far; undefined until the status line and headers are in. */
export function parseResponse(received: Buffer, connectionClosed: boolean): ParsedResponse | undefined {
  const headEnd = received.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const head = received.subarray(0, headEnd).toString("latin1");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/u.exec(head)?.[1] ?? Number.NaN);
  if (!Number.isInteger(status)) return undefined;
  const raw = received.subarray(headEnd + 4);
  const length = /\r\ncontent-length:\s*(\d+)/iu.exec(head)?.[1];
  if (length !== undefined) return { status, complete: raw.length >= Number(length), body: raw.subarray(0, Number(length)) };
  if (/\r\ntransfer-encoding:\s*chunked/iu.test(head)) {
    const chunks: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const lineEnd = raw.indexOf("\r\n", offset);
      if (lineEnd < 0) return { status, complete: connectionClosed, body: Buffer.concat(chunks) };
      const size = Number.parseInt(raw.subarray(offset, lineEnd).toString("latin1"), 16);
      if (!Number.isFinite(size) || raw.length < lineEnd + 2 + size + 2) return { status, complete: connectionClosed, body: Buffer.concat(chunks) };
      if (size === 0) return { status, complete: true, body: Buffer.concat(chunks) };
      chunks.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
  }
  // No length: 1xx/204/304 have no body; otherwise the body runs to the end of the connection.
  const bodiless = status < 200 || status === 204 || status === 304;
  return { status, complete: bodiless || connectionClosed, body: raw };
}

/** `error.code` of a JSON error body (`{"error": {"code": …}}`), when there is one. */
export function errorCode(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === "string" ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one planned exchange; never rejects (every way it can end is an `Ending`). */
export function exchange(plan: ExchangePlan): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    const received: Buffer[] = [];
    let settled = false;
    let hungUp = false;
    let socket: Socket;
    const finish = (how: Ending, closed: boolean): void => {
      if (settled) return;
      settled = true;
      // Once the client has hung up, the connection closing is its own doing.
      const ending = hungUp && (how === "closed" || how === "reset") ? "hung-up" : how;
      for (const timer of timers) clearTimeout(timer);
      const parsed = parseResponse(Buffer.concat(received), closed);
      const code = parsed ? errorCode(parsed.body) : undefined;
      // A status line that arrived counts even if the body was cut off.
      resolve({ ending: parsed?.complete ? "response" : ending, status: parsed?.status ?? null, ...(code ? { code } : {}), ms: performance.now() - started });
      socket.destroy();
    };
    socket = connect({ host: "127.0.0.1", port: plan.port, localAddress: plan.localAddress });
    socket.on("data", (data: Buffer) => {
      received.push(data);
      const parsed = parseResponse(Buffer.concat(received), false);
      if (parsed?.complete) finish("response", false);
    });
    socket.on("end", () => finish("closed", true));
    socket.on("error", () => finish("reset", true));
    socket.on("close", () => finish("closed", true));
    timers.push(setTimeout(() => finish("gave-up", false), plan.deadlineMs));
    socket.once("connect", () => {
      let at = 0;
      for (const piece of plan.pieces) {
        at += piece.afterMs ?? 0;
        timers.push(setTimeout(() => socket.writable && socket.write(piece.bytes), at));
      }
      if (plan.hangUp) {
        const { how } = plan.hangUp;
        timers.push(
          setTimeout(() => {
            if (settled) return;
            hungUp = true;
            // RST ends it at once; after a FIN the server may still answer, until it closes too.
            if (how === "reset") {
              socket.resetAndDestroy();
              finish("hung-up", true);
            } else socket.end();
          }, at + plan.hangUp.afterMs),
        );
      }
    });
  });
}
