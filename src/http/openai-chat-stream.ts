import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { isQaError, QaError } from "../core/errors.js";
import type { AskRequest } from "../core/schemas/ask-request.js";
import type { AskResponse } from "../core/schemas/ask-response.js";
import { STATUS_BY_CODE } from "./error-response.js";
import { toOpenAiAnswer } from "./openai-citations.js";
import { characterUsage, deltaChunk, reportAnswerFields, type CompletionIdentity } from "./openai-completion.js";
import { openAiErrorBody } from "./openai-errors.js";

export interface ChatStreamOptions {
  readonly identity: CompletionIdentity;
  readonly request: AskRequest;
  readonly origin: string;
  readonly includeUsage: boolean;
  /** The answer, settled when the engine is done; it rejects when `abort` fires (client gone, time up). */
  readonly answer: (signal: AbortSignal) => Promise<AskResponse>;
  /** Aborts the engine's work; the stream's end (any way it ends) must call it or `finish`. */
  readonly controller: AbortController;
  /** Called once the stream has ended, however it ended (stops the deadline timer). */
  readonly finish: () => void;
  /** Told of an unexpected failure (the client only gets a generic message). */
  readonly logFailure: (error: unknown) => void;
}

/**
 * `stream: true`: the answer as `chat.completion.chunk` events, then `data: [DONE]`.
 *
 *   role chunk        {delta: {role: "assistant", content: ""}}, at once
 *   sentence chunks   {delta: {content, annotations}}: each sentence of the answer, with its markers' url_citations
 *   finish chunk      {delta: {}, finish_reason: "stop"} + the full citation list (citations, search_results, abstained…)
 *   usage chunk       {choices: [], usage} + the full list again, only with stream_options.include_usage
 *   data: [DONE]
 *
 * An OpenAI stream is append-only: text once sent cannot be taken back. A generated answer is
 * final only after the gate has judged the whole reply — a sentence the watcher passed can
 * still go, the whole reply can fall back to the extractive answer, markers are numbered over
 * the whole answer — so the text is sent once the answerer is done, one sentence per chunk,
 * and the concatenated chunks are exactly the non-stream content. (POST /api/ask/stream is the
 * protocol with `replace` events, for clients that show the model's unverified text live.) A
 * failure after the stream began is `data: {"error": …}` and no [DONE], as OpenAI does; the
 * SDK raises it.
 */
export function streamChatCompletion(context: Context, options: ChatStreamOptions): Response {
  const { identity, controller, includeUsage } = options;
  return streamSSE(context, async (stream) => {
    stream.onAbort(() => controller.abort(new QaError("timeout", "The client closed the stream.")));
    const send = (data: unknown): Promise<void> => stream.writeSSE({ data: typeof data === "string" ? data : JSON.stringify(data) });
    try {
      await send(deltaChunk(identity, { role: "assistant", content: "" }, { includeUsage }));
      const response = await options.answer(controller.signal);
      const answer = toOpenAiAnswer(response, options.origin);
      for (const sentence of answer.sentences) await send(deltaChunk(identity, { content: sentence.text, annotations: sentence.annotations }, { includeUsage }));
      const fields = reportAnswerFields(response, answer);
      await send({ ...deltaChunk(identity, {}, { finish: true, includeUsage }), ...fields });
      if (includeUsage) await send({ ...identity, object: "chat.completion.chunk", choices: [], usage: characterUsage(options.request, answer.content), ...fields });
      await send("[DONE]");
    } catch (error) {
      if (!stream.aborted) {
        if (!isQaError(error)) options.logFailure(error);
        const known = isQaError(error) ? error : new QaError("internal", "The answer could not be completed.");
        await send(openAiErrorBody(STATUS_BY_CODE[known.code], known.message, known.code));
      }
    } finally {
      options.finish();
    }
  });
}
