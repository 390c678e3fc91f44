import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { ChatModelError, type ChatModel, type ChatReply, type ChatRequest } from "../core/ports/chat-model.js";

// Portable (no node: imports): the same client runs in Node and in Cloudflare Workers, so it
// lives in src/adapters/ itself, beside node/ and worker/, not inside either.

export interface OpenAiCompatibleChatModelOptions {
  /** The API root, ending in /v1 for most servers: http://127.0.0.1:11434/v1 (Ollama), https://api.deepseek.com/v1. */
  readonly baseURL: string;
  /** The model name as the server knows it: "qwen2.5:7b-instruct", "deepseek-chat". */
  readonly model: string;
  /** Sent as Authorization: Bearer <apiKey>; omitted, no Authorization header is sent (local servers need none). */
  readonly apiKey?: string;
  /** The whole call, retry included: past it the call rejects with "timeout". Default 20 000 ms. */
  readonly timeoutMs?: number;
  /** Longest wait, from the start of the call, for the first generated token; past it "timeout". Default: only timeoutMs. */
  readonly firstTokenTimeoutMs?: number;
  /** Default 0: the same passages should give the same answer. */
  readonly temperature?: number;
  /** Retries of a 429 or 5xx answer: 1 (default) or 0. A retry is made only if its wait leaves ≥ 1 s before the deadlines. */
  readonly maxRetries?: 0 | 1;
  /** The fetch to use (tests, proxies, Workers' service bindings); default globalThis.fetch. */
  readonly fetch?: typeof fetch;
}

export const DEFAULT_CHAT_TIMEOUT_MS = 20_000;
/** A retry is only worth making with at least this long left before a deadline. */
const RETRY_MIN_REMAINING_MS = 1_000;
/** The wait before a retry when the server gives no Retry-After. */
const DEFAULT_RETRY_DELAY_MS = 250;
/** Provider messages are cut to this length: enough to read, not a page of HTML. */
const MESSAGE_MAX_CHARACTERS = 300;

/**
 * A ChatModel over any OpenAI-compatible /chat/completions endpoint (Ollama, llama.cpp,
 * vLLM, DeepSeek, DashScope, OpenAI), through the official `openai` client. Always streams;
 * every failure becomes a ChatModelError:
 *
 * - non-2xx, or an error event inside the stream → "http-error" (with the status when there is one)
 * - timeoutMs or firstTokenTimeoutMs passed → "timeout"; the caller's signal → "aborted"
 * - no connection (refused, DNS, reset before an answer) → "network"
 * - the stream ends without a finish_reason or breaks off → "cut-stream"
 * - a chunk that is not JSON, or not shaped as a completion chunk → "malformed"
 *
 * No message contains the API key (it is replaced by "***" if a server echoes it).
 */
export function createOpenAiCompatibleChatModel(options: OpenAiCompatibleChatModelOptions): ChatModel {
  const timeoutMs = positiveMs("timeoutMs", options.timeoutMs ?? DEFAULT_CHAT_TIMEOUT_MS);
  const firstTokenTimeoutMs = options.firstTokenTimeoutMs === undefined ? undefined : positiveMs("firstTokenTimeoutMs", options.firstTokenTimeoutMs);
  const temperature = options.temperature ?? 0;
  const maxRetries = options.maxRetries ?? 1;
  const apiKey = options.apiKey === "" ? undefined : options.apiKey;
  const model = options.model.trim();
  if (model === "") throw new TypeError("model must be a model name");
  const host = hostOf(options.baseURL);
  const redact = (text: string): string => (apiKey ? text.split(apiKey).join("***") : text);
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  // Error bodies, by the response's headers (which the client's APIError keeps), read here
  // because the client keeps only their `error` field: vLLM puts its message at the top level.
  const errorBodies = new WeakMap<Headers, string>();
  const capturingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await baseFetch(input, init);
    if (response.ok) return response;
    const body = await response.text().catch(() => "");
    const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    errorBodies.set(copy.headers, body);
    return copy;
  };

  const client = new OpenAI({
    baseURL: options.baseURL,
    // The client insists on a key; without one the header is removed below, so none is sent.
    apiKey: apiKey ?? "unused",
    ...(apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
    // Not OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment: those are OpenAI's, not this server's.
    organization: null,
    project: null,
    maxRetries: 0,
    // A backstop only: this adapter's own timers end the call first.
    timeout: timeoutMs + 1_000,
    fetch: capturingFetch,
    logLevel: "off",
  });

  async function attempt(request: ChatRequest, call: Call): Promise<ChatReply> {
    call.phase = "connecting";
    const stream = await client.chat.completions.create(
      {
        model,
        messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
        stream: true,
        temperature,
        ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
      },
      { signal: call.controller.signal },
    );
    call.phase = "streaming";
    let text = "";
    let finished: string | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<unknown>) {
        if (call.stopped) break;
        const piece = readChunk(chunk);
        if (piece.generating) call.firstToken();
        if (piece.content !== "") {
          text += piece.content;
          request.onDelta?.(piece.content);
        }
        if (piece.finished !== undefined) finished = piece.finished;
      }
    } catch (error) {
      // A finish_reason is the end of the reply: what breaks after it (the [DONE] line) is not lost text.
      if (finished === undefined || error instanceof CallerError) throw error;
    }
    if (call.stopped) throw call.stopped;
    if (finished === undefined) throw new ChatModelError("cut-stream", `The reply from ${host} ended without a finish_reason (after ${text.length} characters)`);
    return { text, finishReason: finished === "stop" || finished === "length" ? finished : "other" };
  }

  function failureOf(error: unknown, call: Call): ChatModelError | CallerError {
    if (call.stopped) return call.stopped;
    if (error instanceof ChatModelError || error instanceof CallerError) return error;
    if (error instanceof APIUserAbortError) return new ChatModelError("aborted", "The model call was aborted");
    if (error instanceof APIConnectionTimeoutError) return new ChatModelError("timeout", `${host} did not answer within ${timeoutMs} ms`);
    if (error instanceof APIConnectionError) return new ChatModelError("network", `Could not reach ${host}${causeCode(error)}`);
    if (error instanceof APIError) {
      const body = error.headers === undefined ? undefined : errorBodies.get(error.headers);
      const message = redact(cut(providerMessage(error, body)));
      return error.status === undefined
        ? new ChatModelError("http-error", `${host} reported an error in the stream: ${message}`)
        : new ChatModelError("http-error", `${host} answered ${error.status}: ${message}`, error.status);
    }
    if (call.phase === "streaming") {
      if (error instanceof SyntaxError) return new ChatModelError("malformed", `${host} sent a chunk that is not JSON`);
      return new ChatModelError("cut-stream", `The reply from ${host} broke off: ${redact(cut(messageOf(error)))}`);
    }
    return new ChatModelError("network", `Could not reach ${host}: ${redact(cut(messageOf(error)))}`);
  }

  return {
    provider: "openai-compatible",
    model,
    async complete(request: ChatRequest): Promise<ChatReply> {
      if (request.signal?.aborted) throw new ChatModelError("aborted", "The model call was aborted before it started");
      const call = new Call(timeoutMs, firstTokenTimeoutMs, request.signal, host);
      const guarded: ChatRequest = {
        ...request,
        // A throwing onDelta is the caller's error: stop the call and hand it back unchanged.
        onDelta: request.onDelta
          ? (text) => {
              try {
                request.onDelta!(text);
              } catch (error) {
                throw new CallerError(error);
              }
            }
          : undefined,
      };
      try {
        for (let retry = 0; ; retry++) {
          try {
            return await call.race(attempt(guarded, call));
          } catch (error) {
            const failure = failureOf(error, call);
            const wait = failure instanceof ChatModelError ? retryDelay(failure, error, retry) : undefined;
            if (wait === undefined || !call.leaves(wait + RETRY_MIN_REMAINING_MS)) throw failure;
            await call.race(sleep(wait, call.controller.signal));
          }
        }
      } catch (error) {
        throw error instanceof CallerError ? error.error : error;
      } finally {
        call.dispose();
      }
    },
  };

  function retryDelay(failure: ChatModelError, error: unknown, retry: number): number | undefined {
    if (retry >= maxRetries || failure.failure !== "http-error" || failure.status === undefined) return undefined;
    if (failure.status !== 429 && failure.status < 500) return undefined;
    return retryAfterMs(error instanceof APIError ? error.headers : undefined) ?? DEFAULT_RETRY_DELAY_MS;
  }
}

/** An error thrown by the caller's onDelta, carried through the client untouched. */
class CallerError extends Error {
  constructor(readonly error: unknown) {
    super("onDelta threw");
  }
}

/**
 * One complete() call: the abort controller handed to the client, the deadlines, and the
 * promise that rejects the moment the call is stopped (timeout, caller's abort) — raced
 * against the client, so a stop is prompt even if a fetch ignores its signal.
 */
class Call {
  readonly controller = new AbortController();
  phase: "connecting" | "streaming" = "connecting";
  stopped: ChatModelError | undefined;
  private readonly startedAt = Date.now();
  private readonly stoppedPromise: Promise<never>;
  private rejectStopped: (error: ChatModelError) => void = () => {};
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private firstTokenTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = (): void => this.stop(new ChatModelError("aborted", "The model call was aborted"));

  constructor(
    private readonly timeoutMs: number,
    private readonly firstTokenTimeoutMs: number | undefined,
    private readonly signal: AbortSignal | undefined,
    host: string,
  ) {
    this.stoppedPromise = new Promise<never>((_, reject) => (this.rejectStopped = reject));
    this.stoppedPromise.catch(() => {});
    this.timers.push(setTimeout(() => this.stop(new ChatModelError("timeout", `No complete reply from ${host} within ${timeoutMs} ms`)), timeoutMs));
    if (firstTokenTimeoutMs !== undefined) {
      this.firstTokenTimer = setTimeout(() => this.stop(new ChatModelError("timeout", `No first token from ${host} within ${firstTokenTimeoutMs} ms`)), firstTokenTimeoutMs);
    }
    signal?.addEventListener("abort", this.onCallerAbort, { once: true });
  }

  firstToken(): void {
    if (this.firstTokenTimer !== undefined) clearTimeout(this.firstTokenTimer);
    this.firstTokenTimer = undefined;
  }

  /** Whether `ms` from now is still before every deadline still running. */
  leaves(ms: number): boolean {
    const elapsed = Date.now() - this.startedAt;
    const budgets = [this.timeoutMs, ...(this.firstTokenTimer !== undefined && this.firstTokenTimeoutMs !== undefined ? [this.firstTokenTimeoutMs] : [])];
    return budgets.every((budget) => elapsed + ms <= budget);
  }

  race<T>(work: Promise<T>): Promise<T> {
    work.catch(() => {});
    return Promise.race([work, this.stoppedPromise]);
  }

  stop(error: ChatModelError): void {
    if (this.stopped) return;
    this.stopped = error;
    this.controller.abort();
    this.rejectStopped(error);
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.firstToken();
    this.signal?.removeEventListener("abort", this.onCallerAbort);
    // Ends a stream still open (a retry abandoned, onDelta threw); nothing else listens any more.
    this.controller.abort();
  }
}

interface ChunkPiece {
  readonly content: string;
  /** The model produced something: text, reasoning (DeepSeek R1, Qwen3 thinking) or its end. */
  readonly generating: boolean;
  /** The chunk's finish_reason ("stop", "length", …), undefined while the reply goes on. */
  readonly finished: string | undefined;
}

/** Reads one streamed chunk; anything not shaped as a chat.completion.chunk is "malformed". */
function readChunk(chunk: unknown): ChunkPiece {
  const malformed = (what: string): ChatModelError => new ChatModelError("malformed", `The server sent a chunk that is not a chat completion chunk: ${what}`);
  if (typeof chunk !== "object" || chunk === null) throw malformed("not an object");
  const choices = (chunk as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) throw malformed("no choices array");
  // Usage-only chunks have no choices; only the first choice is asked for.
  const choice: unknown = choices[0];
  if (choice === undefined) return { content: "", generating: false, finished: undefined };
  if (typeof choice !== "object" || choice === null) throw malformed("a choice is not an object");
  const { delta, finish_reason: finishReason } = choice as { delta?: unknown; finish_reason?: unknown };
  if (finishReason !== undefined && finishReason !== null && typeof finishReason !== "string") throw malformed("finish_reason is not a string");
  if (delta !== undefined && delta !== null && typeof delta !== "object") throw malformed("delta is not an object");
  const fields = (delta ?? {}) as { content?: unknown; reasoning_content?: unknown; reasoning?: unknown };
  if (fields.content !== undefined && fields.content !== null && typeof fields.content !== "string") throw malformed("content is not a string");
  const content = typeof fields.content === "string" ? fields.content : "";
  const reasoning = [fields.reasoning_content, fields.reasoning].some((value) => typeof value === "string" && value !== "");
  const finished = typeof finishReason === "string" && finishReason !== "" ? finishReason : undefined;
  return { content, generating: content !== "" || reasoning || finished !== undefined, finished };
}

/** The provider's own words: `error.message` (OpenAI, DeepSeek), `error` as a string (Ollama), a top-level `message` (vLLM), or the text. */
function providerMessage(error: APIError, body: string | undefined): string {
  const fromBody = body === undefined || body.trim() === "" ? undefined : messageInBody(body);
  if (fromBody) return fromBody;
  const inner = error.error as { message?: unknown } | string | undefined;
  if (typeof inner === "string" && inner.trim() !== "") return inner;
  if (inner && typeof inner === "object" && typeof inner.message === "string") return inner.message;
  return error.status === undefined ? error.message : "(no error message)";
}

function messageInBody(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim();
  }
  if (typeof parsed !== "object" || parsed === null) return body.trim();
  const { error, message, detail } = parsed as { error?: unknown; message?: unknown; detail?: unknown };
  if (typeof error === "string") return error;
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
  if (typeof message === "string") return message;
  if (typeof detail === "string") return detail;
  return body.trim();
}

/** Retry-After-Ms or Retry-After (seconds or an HTTP date), in ms. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function causeCode(error: APIConnectionError): string {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 3 && cause; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return ` (${code})`;
    cause = (cause as { cause?: unknown }).cause;
  }
  return "";
}

function hostOf(baseURL: string): string {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new TypeError("baseURL must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError("baseURL must be an absolute http(s) URL");
  // The host only: never user:password@ from the URL in a message.
  return url.host;
}

function positiveMs(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number of milliseconds`);
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function cut(text: string): string {
  const single = text.replace(/\s+/gu, " ").trim();
  return single.length > MESSAGE_MAX_CHARACTERS ? `${single.slice(0, MESSAGE_MAX_CHARACTERS)}…` : single;
}

/** Waits `ms`, or less if the call stops first (its timer then does not outlive the call). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
