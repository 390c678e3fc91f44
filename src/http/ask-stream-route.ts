import type { Context, Hono } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { isQaError, QaError } from "../core/errors.js";
import { ask, type AskEvent } from "../core/pipeline/ask.js";
import type { EngineSource } from "../core/pipeline/engine-holder.js";
import { askRequestSchema } from "../core/schemas/ask-request.js";
import { resolveDocumentFilter } from "../core/pipeline/corpus-documents.js";
import { errorBody } from "./error-response.js";
import type { AskStreamEventData, AskStreamEventName } from "./ask-stream-events.js";
import type { InFlightBound } from "./limits.js";
import { firstIssue, readJsonObject } from "./request-body.js";

export const ASK_STREAM_PATH = "/api/ask/stream";

export interface AskStreamOptions {
  readonly bound?: InFlightBound;
  /** The stream's whole time (the request timeout of the JSON API); 0: none. */
  readonly timeoutMs: number;
}

/**
 * POST /api/ask/stream: the answer as Server-Sent Events, one protocol for every answerer.
 *
 *   event: sources   {passages}                  retrieved passages, before any text
 *   event: delta     {text}                      answer text as it is written (no marker before its sentence is verified)
 *   event: sentence  {index, …GeneratedSentence} each sentence of a generated answer with its verdict, as it closes
 *   event: replace   {answer, reason}            the shown answer changed: the verified text, a removed sentence, the extractive fallback
 *   event: done      AskResponse                 the full answer, as POST /api/ask returns it
 *   event: error     {error: {code, message}}    as the JSON API's errors; the stream ends
 *
 * A request that is no valid question is refused before the stream starts (4xx JSON, as
 * /api/ask). The stream holds an in-flight slot until it ends; a client that goes away aborts
 * the model call.
 */
export function registerAskStreamRoute(app: Hono, currentEngine: EngineSource, options: AskStreamOptions): void {
  app.post(ASK_STREAM_PATH, async (context) => {
    // The request timeout does not wrap a stream, so the body gets its own: an unfinished body
    // ends in a 503 timeout (and a closed connection) as on /api/ask, not at Node's 30 s backstop.
    const bodyDeadline = new AbortController();
    const bodyTimer = options.timeoutMs > 0 ? setTimeout(() => bodyDeadline.abort(new QaError("timeout", `The request body did not arrive within ${options.timeoutMs} ms.`)), options.timeoutMs) : undefined;
    context.set("deadline", bodyDeadline.signal);
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(context, `{"question": "到2026年地区生产总值目标是多少?"}`);
    } finally {
      clearTimeout(bodyTimer);
    }
    const parsed = askRequestSchema.safeParse(body);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "");
      throw new QaError(field === "question" ? "invalid_question" : "invalid_parameter", firstIssue(parsed.error));
    }
    const engine = currentEngine();
    // An unknown document is a 400 before the stream starts, not an error event inside it.
    if (parsed.data.documents) resolveDocumentFilter(engine.documents, parsed.data.documents);
    const release = options.bound ? options.bound.tryAcquire() : () => undefined;
    if (!release) return context.json(errorBody("overloaded", "The server is busy; try again in a moment."), 503, { "Retry-After": "1" });
    return streamAnswer(context, async (stream, signal) => {
      let wroteText = false;
      let streamedSentences = 0;
      const pending: Promise<void>[] = [];
      // Typed by the event map the OpenAPI description lists (ask-stream-events.ts).
      const send = <Name extends AskStreamEventName>(event: Name, data: AskStreamEventData<Name>): void => {
        pending.push(stream.writeSSE({ event, data: JSON.stringify(data) }));
      };
      const onEvent = (event: AskEvent): void => {
        if (event.type === "sources") send("sources", { passages: [...event.passages] });
        else if (event.type === "delta") {
          wroteText = true;
          if (event.text) send("delta", { text: event.text });
        } else if (event.type === "sentence") {
          streamedSentences++;
          send("sentence", { index: event.index, ...event.sentence });
        } else if (wroteText) send("replace", { answer: event.answer, reason: event.reason });
      };
      const response = await ask(engine, parsed.data, { onEvent, signal });
      // An answer written at once (the extractive answerer, a fallback before any text) is one delta.
      if (!wroteText) send("delta", { text: response.answer });
      // Sentences verified while the model wrote were sent then; the gate's verdicts on the rest (a last sentence without its full stop) now.
      response.sentences?.forEach((sentence, index) => {
        if (index >= streamedSentences) send("sentence", { index, ...sentence });
      });
      send("done", response);
      await Promise.all(pending);
    }, { release, timeoutMs: options.timeoutMs });
  });
}

function streamAnswer(
  context: Context,
  write: (stream: SSEStreamingApi, signal: AbortSignal) => Promise<void>,
  { release, timeoutMs }: { release: () => void; timeoutMs: number },
): Response {
  const controller = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(new QaError("timeout", `The answer took longer than ${timeoutMs} ms.`)), timeoutMs) : undefined;
  return streamSSE(context, async (stream) => {
    stream.onAbort(() => controller.abort(new QaError("timeout", "The client closed the stream.")));
    try {
      await Promise.race([
        write(stream, controller.signal),
        new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true })),
      ]);
    } catch (error) {
      if (!stream.aborted) {
        const known = isQaError(error) ? error : new QaError("internal", "The answer could not be completed.");
        const data: AskStreamEventData<"error"> = errorBody(known.code, known.message);
        await stream.writeSSE({ event: "error", data: JSON.stringify(data) });
      }
    } finally {
      if (timer) clearTimeout(timer);
      release();
    }
  });
}
