/**
 * A scripted OpenAI-compatible chat server for tests and the bench (`npm run bench -- --only
 * generative`; tests import it through tests/support/scripted-llm-server.ts): real HTTP on 127.0.0.1 (a free port),
 * `POST /v1/chat/completions`, streaming (SSE `data: {chunk}\n\n` … `data: [DONE]`) when the
 * request says `stream: true`, one JSON completion otherwise. Each request is answered by the
 * next scenario of the script and recorded.
 *
 *   const llm = await startScriptedLlmServer({ reply: "江津区森林覆盖率达52%。" });
 *   const model = createOpenAiCompatibleChatModel({ baseURL: llm.baseUrl, model: "qwen2.5:7b" });
 *   await model.complete({ messages: [{ role: "user", content: "森林覆盖率?" }] });
 *   llm.requests[0]?.messages;           // what the model was asked
 *   llm.script([{ status: 500 }, { reply: "ok" }]);   // the next two requests
 *   llm.script((request) => ({ reply: request.messages.at(-1)?.content ?? "" }));
 *   await llm.close();
 *
 * A scenario (ScriptedScenario; all fields optional, `{}` is an empty reply):
 * - `reply`: the text; a string is sent in pieces of `chunkSize` characters (default 2), an
 *   array as exactly those deltas. "" is an empty reply: a role chunk, then finish_reason.
 * - `status` ≥ 400: an error answer instead, with `body` (an object is sent as JSON, a string as
 *   text; default `{ error: { message, type, code } }` as OpenAI sends) and `headers` (e.g. Retry-After).
 * - `firstByteDelayMs`: wait before the status line (a model loading, a slow first token).
 * - `chunkDelayMs`: wait before each chunk after the headers (a slow model).
 * - `cutAfterChunks: n`: destroy the socket after n content chunks (no finish_reason, no [DONE]).
 * - `malformedAfterChunks: n`: after n content chunks send `data: {not json`, then carry on.
 * - `omitFinishReason`: end with [DONE] but never send a finish_reason.
 * - `finishReason`: default "stop".
 *
 * The script is one scenario (every request), a queue (one each, in order; a request past the
 * end gets 500 "no scenario left", so a test that calls too often fails visibly) or a function
 * of the request (`(request, index) => scenario`). `requests` records every chat request (model,
 * messages, stream, maxTokens, temperature, headers, authorization); `openResponses` counts
 * responses still being written (0 after a client hung up mid-stream). close() cuts the
 * connections still open, so a hanging stream cannot keep a test waiting.
 * `refusedBaseUrl()` gives a base URL on a port nothing listens on (connection refused).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ScriptedScenario {
  readonly reply?: string | readonly string[];
  readonly chunkSize?: number;
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly firstByteDelayMs?: number;
  readonly chunkDelayMs?: number;
  readonly cutAfterChunks?: number;
  readonly malformedAfterChunks?: number;
  readonly omitFinishReason?: boolean;
  readonly finishReason?: string;
}

export interface ScriptedMessage {
  readonly role: string;
  readonly content: string;
}

/** One request as the server got it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The Authorization header, or undefined when none was sent. */
  readonly authorization: string | undefined;
  /** The parsed JSON body (undefined if it was not JSON). */
  readonly body: unknown;
  readonly model: string | undefined;
  readonly messages: readonly ScriptedMessage[];
  readonly stream: boolean;
  /** `max_tokens` or `max_completion_tokens`, when sent. */
  readonly maxTokens: number | undefined;
  readonly temperature: number | undefined;
}

export type Script = ScriptedScenario | readonly ScriptedScenario[] | ((request: RecordedRequest, index: number) => ScriptedScenario);

export interface ScriptedLlmServer {
  /** `http://127.0.0.1:<port>/v1`: the baseURL to give an OpenAI-compatible client. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Replaces the script (and its queue) for the requests that follow; requests already recorded stay. */
  script(next: Script): void;
  /** Responses started and not finished (a client that disconnected counts as finished). */
  readonly openResponses: number;
  close(): Promise<void>;
}

export async function startScriptedLlmServer(initial: Script = {}, { port: listenPort = 0 }: { readonly port?: number } = {}): Promise<ScriptedLlmServer> {
  let current: Script = initial;
  let queue: ScriptedScenario[] = Array.isArray(initial) ? [...(initial as readonly ScriptedScenario[])] : [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let open = 0;

  const next = (request: RecordedRequest, index: number): ScriptedScenario => {
    if (typeof current === "function") return current(request, index);
    if (Array.isArray(current)) return queue.shift() ?? { status: 500, body: { error: { message: "scripted server: no scenario left" } } };
    return current as ScriptedScenario;
  };

  const server = createServer((request, response) => {
    open++;
    response.on("close", () => open--);
    void handle(request, response).catch(() => response.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (request.method !== "POST" || path !== "/v1/chat/completions") {
      sendJson(response, 404, { error: { message: `scripted server: no route ${request.method} ${path}`, type: "not_found" } });
      return;
    }
    const recorded = record(request, path, raw);
    requests.push(recorded);
    const scenario = next(recorded, requests.length - 1);
    await answer(recorded, scenario, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get openResponses() {
      return open;
    },
    script(nextScript: Script) {
      current = nextScript;
      queue = Array.isArray(nextScript) ? [...(nextScript as readonly ScriptedScenario[])] : [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A base URL nothing listens on (a port just freed): connecting is refused. */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

async function answer(request: RecordedRequest, scenario: ScriptedScenario, response: ServerResponse): Promise<void> {
  const gone = (): boolean => response.destroyed || response.writableEnded;
  if (scenario.firstByteDelayMs) await delay(scenario.firstByteDelayMs, response);
  if (gone()) return;

  if (scenario.status !== undefined && scenario.status >= 400) {
    const body = scenario.body ?? { error: { message: `scripted error ${scenario.status}`, type: "server_error", code: scenario.status } };
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(scenario.status, { "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json", ...scenario.headers });
    response.end(text);
    return;
  }

  const pieces = replyPieces(scenario);
  const id = `chatcmpl-scripted-${Math.random().toString(36).slice(2, 10)}`;
  const created = Math.floor(Date.now() / 1000);
  const model = request.model ?? "scripted";
  const finishReason = scenario.omitFinishReason ? null : (scenario.finishReason ?? "stop");

  if (!request.stream) {
    if (scenario.cutAfterChunks !== undefined) {
      response.writeHead(200, { "content-type": "application/json", ...scenario.headers });
      response.flushHeaders();
      response.socket?.destroy();
      return;
    }
    if (scenario.malformedAfterChunks !== undefined) {
      response.writeHead(200, { "content-type": "application/json", ...scenario.headers });
      response.end("{not json");
      return;
    }
    sendJson(response, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: pieces.join("") }, finish_reason: finishReason }],
      usage: { prompt_tokens: 0, completion_tokens: pieces.length, total_tokens: pieces.length },
    }, scenario.headers);
    return;
  }

  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", ...scenario.headers });
  response.flushHeaders();
  const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

  if (!(await send(response, chunk({ role: "assistant", content: "" }, null), scenario.chunkDelayMs))) return;
  for (const [index, piece] of pieces.entries()) {
    if (scenario.malformedAfterChunks === index && !(await send(response, "data: {not json\n\n", 0))) return;
    if (scenario.cutAfterChunks === index) return cut(response);
    if (!(await send(response, chunk({ content: piece }, null), scenario.chunkDelayMs))) return;
  }
  if (scenario.malformedAfterChunks !== undefined && scenario.malformedAfterChunks >= pieces.length && !(await send(response, "data: {not json\n\n", 0))) return;
  if (scenario.cutAfterChunks !== undefined) return cut(response);
  if (finishReason !== null && !(await send(response, chunk({}, finishReason), scenario.chunkDelayMs))) return;
  if (!(await send(response, "data: [DONE]\n\n", 0))) return;
  response.end();
}

function replyPieces(scenario: ScriptedScenario): string[] {
  const reply = scenario.reply ?? "";
  if (typeof reply !== "string") return [...reply];
  const size = Math.max(1, scenario.chunkSize ?? 2);
  const characters = [...reply];
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += size) pieces.push(characters.slice(start, start + size).join(""));
  return pieces;
}

/** Writes after `waitMs`, resolving once the bytes are handed to the socket; false if the client has gone. */
async function send(response: ServerResponse, data: string, waitMs: number | undefined): Promise<boolean> {
  if (waitMs) await delay(waitMs, response);
  if (response.destroyed || response.writableEnded) return false;
  await new Promise<void>((resolve) => response.write(data, () => resolve()));
  return !response.destroyed;
}

/** The connection dies mid-reply: the chunked body never gets its last chunk. */
function cut(response: ServerResponse): void {
  response.socket?.destroy();
}

function delay(ms: number, response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      response.off("close", done);
      resolve();
    }
    response.once("close", done);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    request.on("error", reject);
  });
}

function record(request: IncomingMessage, path: string, raw: string): RecordedRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    body = undefined;
  }
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const messages = Array.isArray(fields["messages"])
    ? (fields["messages"] as unknown[]).map((message) => {
        const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
        return { role: String(role), content: typeof content === "string" ? content : JSON.stringify(content) };
      })
    : [];
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const maxTokens = fields["max_tokens"] ?? fields["max_completion_tokens"];
  return {
    method: request.method ?? "",
    path,
    headers,
    authorization: headers["authorization"],
    body,
    model: typeof fields["model"] === "string" ? fields["model"] : undefined,
    messages,
    stream: fields["stream"] === true,
    maxTokens: typeof maxTokens === "number" ? maxTokens : undefined,
    temperature: typeof fields["temperature"] === "number" ? fields["temperature"] : undefined,
  };
}
