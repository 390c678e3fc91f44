import { connect, type Socket } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { errorCode, parseResponse, requestBytes } from "../../src/abuse/raw-http.js";
import { httpServerOptions } from "../../src/adapters/node/http-server-options.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { createApp, type AppOptions } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";
import { listen, type LocalServer } from "../support/local-server.js";

/**
 * Requests whose body never completes, over real sockets: each must give back its in-flight
 * slot when it ends (timeout, client hang-up, socket close), so that with MAX_IN_FLIGHT=1 the
 * next normal question is still answered. Issue 9, finding 1.
 */

const TIMEOUT_MS = 300;
const QUESTION = JSON.stringify({ question: "到2026年地区生产总值目标是多少?" });
const JSON_HEADERS = { Host: "127.0.0.1", "Content-Type": "application/json" };

let engine: QaEngine;
let server: LocalServer | undefined;

beforeAll(async () => {
  engine = await reportEngine();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: AppOptions = {}, serverOptions = httpServerOptions()): Promise<LocalServer> {
  server = await listen(createApp(engine, { vectorIndex: "brute-force" }, { maxInFlight: 1, requestTimeoutMs: TIMEOUT_MS, ...options }), serverOptions);
  return server;
}

interface OpenRequest {
  readonly socket: Socket;
  /** The response's status and error code, once it is complete. */
  readonly response: Promise<{ status: number; code: string | undefined }>;
  /** Resolves when the connection is closed (by either side). */
  readonly closed: Promise<void>;
}

/** Writes `bytes` on a fresh connection and leaves it open, silent, until the test or the server ends it. */
function openRequest(port: number, bytes: Uint8Array): OpenRequest {
  const socket = connect({ host: "127.0.0.1", port });
  const received: Buffer[] = [];
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.on("error", () => undefined);
  const response = new Promise<{ status: number; code: string | undefined }>((resolve, reject) => {
    const check = (connectionClosed: boolean): void => {
      const parsed = parseResponse(Buffer.concat(received), connectionClosed);
      if (parsed?.complete) resolve({ status: parsed.status, code: errorCode(parsed.body) });
      else if (connectionClosed) reject(new Error("the connection closed without a complete response"));
    };
    socket.on("data", (data: Buffer) => {
      received.push(data);
      check(false);
    });
    socket.once("close", () => check(true));
  });
  response.catch(() => undefined);
  socket.write(bytes);
  return { socket, response, closed };
}

const unfinishedLength = (): Uint8Array => requestBytes("POST", "/api/ask", { ...JSON_HEADERS, "Content-Length": "100" }, '{"q');
const unfinishedChunked = (): Uint8Array => requestBytes("POST", "/api/ask", { ...JSON_HEADERS, "Transfer-Encoding": "chunked" }, '3\r\n{"q\r\n');

async function ask(base: string): Promise<number> {
  const response = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: QUESTION });
  await response.arrayBuffer();
  return response.status;
}

async function health(base: string): Promise<unknown> {
  return (await fetch(`${base}/api/health`)).json();
}

describe("an unfinished request body (Content-Length or chunked, then silence)", () => {
  it.each([
    ["Content-Length: 100 and 3 bytes", unfinishedLength],
    ["a chunked body without its terminator", unfinishedChunked],
  ])("with %s: 503 timeout, the server closes the connection, and the slot is free for the next question", async (_name, bytes) => {
    const { port, baseUrl } = await start();
    const hostile = openRequest(port, bytes());
    expect(await hostile.response).toEqual({ status: 503, code: "timeout" });
    // The client stays silent and keeps its socket: the server itself hangs up (nothing more can be read on it).
    await hostile.closed;
    expect(await ask(baseUrl)).toBe(200);
  });

  it("frees the slot of a timed-out body whose client closes its socket after the 503, again and again", async () => {
    const { port, baseUrl } = await start({ maxInFlight: 2 });
    for (let round = 0; round < 3; round += 1) {
      const hostile = [openRequest(port, unfinishedLength()), openRequest(port, unfinishedChunked())];
      for (const request of hostile) {
        expect(await request.response).toMatchObject({ status: 503 });
        request.socket.destroy();
      }
    }
    expect(await ask(baseUrl)).toBe(200);
    expect(await ask(baseUrl)).toBe(200);
  });

  it.each([
    ["FIN", (socket: Socket) => socket.end()],
    ["RST", (socket: Socket) => socket.resetAndDestroy()],
  ])("frees the slot when the client hangs up (%s) mid-body, before the timeout", async (_name, hangUp) => {
    // No app timeout at all: only the hang-up can end these requests.
    const { port, baseUrl } = await start({ requestTimeoutMs: 0 });
    for (const bytes of [unfinishedLength(), unfinishedChunked()]) {
      const hostile = openRequest(port, bytes);
      // While it holds the only slot, health says so (it said "ok" throughout before).
      await expect.poll(() => health(baseUrl)).toMatchObject({ status: "degraded", checks: { inFlight: "saturated" } });
      hangUp(hostile.socket);
      await hostile.closed;
      await expect.poll(() => ask(baseUrl), { timeout: 2_000, interval: 50 }).toBe(200);
      expect(await health(baseUrl)).toMatchObject({ status: "ok", inFlight: 0 });
    }
  });
});

describe("slow headers (slowloris)", () => {
  it("are cut off by the server's headers timeout, and never hold a slot meanwhile", async () => {
    const { port, baseUrl } = await start({}, httpServerOptions({ headersMs: TIMEOUT_MS, requestMs: TIMEOUT_MS }));
    const hostile = Array.from({ length: 3 }, () => openRequest(port, Buffer.from("POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl", "latin1")));
    // While they dribble, normal questions are answered (MAX_IN_FLIGHT=1).
    expect(await ask(baseUrl)).toBe(200);
    for (const request of hostile) {
      // Node answers 408 and closes the connection.
      expect(await request.response).toMatchObject({ status: 408 });
      await request.closed;
    }
    expect(await ask(baseUrl)).toBe(200);
  });
});
