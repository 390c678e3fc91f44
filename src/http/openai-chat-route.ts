import type { Context, Hono } from "hono";
import type { z } from "zod";
import { QaError } from "../core/errors.js";
import { AnswerCache, DEFAULT_ANSWER_CACHE_ENTRIES, type Schedule } from "../core/pipeline/answer-cache.js";
import type { EngineSource } from "../core/pipeline/engine-holder.js";
import type { AskResponse } from "../core/schemas/ask-response.js";
import { firstIssue } from "../core/schemas/first-issue.js";
import { isSecureRequest } from "./client-address.js";
import { errorBody } from "./error-response.js";
import type { InFlightBound } from "./limits.js";
import { chatCompletionRequestSchema } from "./openai-chat-schemas.js";
import { streamChatCompletion } from "./openai-chat-stream.js";
import { toOpenAiAnswer } from "./openai-citations.js";
import { chatCompletion, completionIdentity } from "./openai-completion.js";
import { askRequestFromMessages } from "./openai-conversation.js";
import { openAiErrorBody, OpenAiRequestError } from "./openai-errors.js";
import { modelList, servedModels } from "./openai-models.js";
import type { LogSink } from "./request-log.js";
import { readJsonObject } from "./request-body.js";

export const CHAT_COMPLETIONS_PATH = "/v1/chat/completions";
export const MODELS_PATH = "/v1/models";

export interface OpenAiRouteOptions {
  readonly bound?: InFlightBound;
  /** The whole request's time, body read and answer (streamed or not); 0: none. */
  readonly timeoutMs: number;
  /** Proxies trusted to say the request came over HTTPS (citation URLs then start with https:). */
  readonly trustProxy: number;
  /** The index's build time, for the model's `created`. */
  readonly builtAt?: () => string | undefined;
  /** The whole corpus's model id when configured (CORPUS_MODEL_ID), else one named after its documents (openai-models.ts). */
  readonly corpusModelId?: string;
  readonly answerCacheEntries?: number;
  readonly scheduleAnswer?: Schedule;
  readonly logger?: LogSink;
}

const EXAMPLE = `{"model": "jiangjin-15th-congress-report", "messages": [{"role": "user", "content": "到2026年地区生产总值目标是多少?"}]}`;

/** A schema failure as OpenAI names it: the field's path as `param`. */
function invalidRequest(error: z.ZodError): OpenAiRequestError {
  const path = error.issues[0]?.path.map(String).join(".") ?? "";
  return new OpenAiRequestError(400, firstIssue(error), "invalid_value", path || null);
}

/** Rejects with the signal's reason once it aborts: raced against work that may not listen to it (retrieval, the extractive answerer). */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/**
 * GET /v1/models, GET /v1/models/:id and POST /v1/chat/completions: the engine behind OpenAI's
 * chat API, so OpenAI clients (the official SDKs, Open WebUI, LibreChat …) can use the report as
 * a "model". The route holds its in-flight slot and keeps its own deadline (like
 * /api/ask/stream) in both modes, because whether it streams is only known from the body: the
 * slot is given back when the engine's work ends — a client that goes away, or a deadline that
 * passes, aborts that work (the model call of a generative answerer).
 */
export function registerOpenAiRoutes(app: Hono, currentEngine: EngineSource, options: OpenAiRouteOptions): void {
  // Answers are cached as on /api/ask (keyed on index, answerer, question, history), streamed or not:
  // a stream sends the finished answer anyway (openai-chat-stream.ts), so both modes give the same text.
  const answerCache = new AnswerCache(options.answerCacheEntries ?? DEFAULT_ANSWER_CACHE_ENTRIES, options.scheduleAnswer);

  app.get(MODELS_PATH, (context) => context.json(modelList(currentEngine(), options.builtAt?.(), options.corpusModelId)));
  app.get(`${MODELS_PATH}/:id`, (context) => {
    const list = modelList(currentEngine(), options.builtAt?.(), options.corpusModelId);
    const model = list.data.find((candidate) => candidate.id === context.req.param("id"));
    if (!model) return context.json(openAiErrorBody(404, `The model "${context.req.param("id")}" does not exist; this server serves "${list.data[0]?.id}".`, "model_not_found", "model"), 404);
    return context.json(model);
  });

  app.post(CHAT_COMPLETIONS_PATH, async (context) => {
    const controller = new AbortController();
    const timer = options.timeoutMs > 0 ? setTimeout(() => controller.abort(new QaError("timeout", `The request took longer than ${options.timeoutMs} ms.`)), options.timeoutMs) : undefined;
    // Reading an unfinished body stops at the deadline too (request-body.ts).
    context.set("deadline", controller.signal);
    let streaming = false;
    try {
      const body = await readJsonObject(context, EXAMPLE);
      const parsed = chatCompletionRequestSchema.safeParse(body);
      if (!parsed.success) throw invalidRequest(parsed.error);
      const engine = currentEngine();
      const models = servedModels(engine, options.corpusModelId);
      const served = models.find((candidate) => candidate.id === parsed.data.model);
      if (!served) {
        const names = models.map((candidate) => `"${candidate.id}"`).join(", ");
        throw new OpenAiRequestError(404, `The model "${parsed.data.model}" does not exist; this server serves ${names} (GET /v1/models).`, "model_not_found", "model");
      }
      const model = served.id;
      // A document's model answers from that document alone: the model id is the documents filter.
      const asked = askRequestFromMessages(parsed.data.messages);
      const request = served.documents ? { ...asked, documents: [...served.documents] } : asked;
      const release = options.bound ? options.bound.tryAcquire() : () => undefined;
      if (!release) return context.json(errorBody("overloaded", "The server is busy; try again in a moment."), 503, { "Retry-After": "1" });
      const answer = (signal: AbortSignal): Promise<AskResponse> => {
        const work = answerCache.answer(engine, request, signal).then(({ json }) => JSON.parse(json) as AskResponse);
        // The slot is held until the engine's work ends, not merely until the client stops waiting.
        work.then(release, release);
        return Promise.race([work, aborted(signal)]);
      };
      const identity = completionIdentity(model, engine.manifest.indexHash);
      const origin = originOf(context, options.trustProxy);
      if (parsed.data.stream === true) {
        streaming = true;
        return streamChatCompletion(context, {
          identity,
          request,
          origin,
          includeUsage: parsed.data.stream_options?.include_usage === true,
          answer,
          controller,
          finish: () => clearTimeout(timer),
          logFailure: (error) => logFailure(options.logger, context, error),
        });
      }
      const response = await answer(controller.signal);
      return context.json(chatCompletion(identity, request, response, toOpenAiAnswer(response, origin)));
    } catch (error) {
      if (error instanceof OpenAiRequestError) return context.json(openAiErrorBody(error.status, error.message, error.code, error.param), error.status);
      throw error; // app.onError answers; openai-errors.ts gives it OpenAI's shape
    } finally {
      if (!streaming) clearTimeout(timer);
    }
  });
}

/** This server as the client reached it, for citation URLs; https when the request came over it (or a trusted proxy says so). */
function originOf(context: Context, trustProxy: number): string {
  const url = new URL(context.req.url);
  return `${isSecureRequest(context, trustProxy) ? "https:" : url.protocol}//${url.host}`;
}

function logFailure(logger: LogSink | undefined, context: Context, error: unknown): void {
  const detail = error instanceof Error ? { error: error.name, message: error.message, stack: error.stack } : { error: String(error) };
  if (!logger) return console.error(error);
  logger(JSON.stringify({ time: new Date().toISOString(), level: "error", requestId: context.get("requestId"), method: context.req.method, path: context.req.path, ...detail }));
}
