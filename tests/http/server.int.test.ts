import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { exchange, requestBytes } from "../../src/abuse/raw-http.js";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { childEnvironment, freePort, stackFrames, waitForExit, type ProcessResult, waitForHealth } from "../support/child-process.js";
import { projectRoot } from "../support/corpus.js";
import { expectExactCitations } from "../support/index-workspace.js";

const run = promisify(execFile);
const errorResponseSchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string().min(1) }) });

let server: ChildProcess | undefined;
let exited: Promise<ProcessResult>;
let baseUrl = "";

beforeAll(async () => {
  // `npm start` serves the esbuild bundle, so build it exactly as a user would first.
  await run("npm", ["run", "--silent", "build"], { cwd: projectRoot, env: childEnvironment() });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["dist/server.mjs"], {
    cwd: projectRoot,
    env: childEnvironment({ PORT: String(port), HOST: "127.0.0.1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  exited = waitForExit(server, 50_000);
  await waitForHealth(baseUrl, server, exited);
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGKILL");
    await exited.catch(() => undefined);
  }
});

describe("npm start (dist/server.mjs) over real HTTP", () => {
  it("reports health for the committed index", async () => {
    const health = z
      .object({ status: z.literal("ok"), chunks: z.number().int().positive(), embedder: z.string(), vectorIndex: z.string(), indexHash: z.string(), corpusHash: z.string() })
      .parse(await (await fetch(`${baseUrl}/api/health`)).json());
    // VECTOR_INDEX defaults to auto: the committed index (57 chunks) is below the crossover, so exact search.
    expect(health.vectorIndex).toBe("brute-force");
  });

  it("answers POST /api/ask with a cited AskResponse", async () => {
    const response = await fetch(`${baseUrl}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "到2026年江津区地区生产总值的目标是多少?", topK: 3 }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
    const answer = askResponseSchema.parse(await response.json());
    expect(answer.answer).toContain("1800亿元");
    expect(answer.passages).toHaveLength(3);
    expectExactCitations(answer);
  });

  it("turns a bad request and an oversized body into JSON errors over the wire", async () => {
    const malformed = await fetch(`${baseUrl}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
    expect(errorResponseSchema.parse(await malformed.json()).error.code).toBe("bad_request");

    const oversized = await fetch(`${baseUrl}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "森林覆盖率", padding: "x".repeat(70_000) }),
    });
    expect(oversized.status).toBe(413);
    expect(errorResponseSchema.parse(await oversized.json()).error.code).toBe("payload_too_large");

    // Streamed without a Content-Length (chunked): the limit holds while reading. Over a raw
    // socket: the server answers 413 and closes before the client has sent it all, and a client
    // like fetch may then fail on its next write (EPIPE) before it reads the answer it was sent.
    const chunked = `${Array.from({ length: 20 }, () => `1000\r\n${"x".repeat(4096)}\r\n`).join("")}0\r\n\r\n`;
    const streamed = await exchange({
      port: Number(new URL(baseUrl).port),
      localAddress: "127.0.0.1",
      pieces: [{ bytes: requestBytes("POST", "/api/ask", { Host: new URL(baseUrl).host, "Content-Type": "application/json", "Transfer-Encoding": "chunked" }) }, { bytes: chunked }],
      deadlineMs: 10_000,
    });
    expect(streamed).toMatchObject({ ending: "response", status: 413, code: "payload_too_large" });

    // A body in several chunks under the limit reads whole (multi-byte characters split across chunks).
    const question = new TextEncoder().encode(JSON.stringify({ question: "到2026年江津区地区生产总值的目标是多少?" }));
    const pieces = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < question.length; offset += 7) controller.enqueue(question.slice(offset, offset + 7));
        controller.close();
      },
    });
    const split = await fetch(`${baseUrl}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: pieces, duplex: "half" } as RequestInit);
    expect(split.status).toBe(200);
    expect(askResponseSchema.parse(await split.json()).answer).toContain("1800亿元");
  });

  it("exits with code 0 on SIGTERM", async () => {
    server?.kill("SIGTERM");
    const result = await exited;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("listening on");
    expect(stackFrames(result.stderr)).toEqual([]);
  });
});
