import { z } from "zod";
import { CHAT_COMPLETIONS_PATH, MODELS_PATH } from "../openai-chat-route.js";
import { chatCompletionChunkSchema, chatCompletionRequestSchema, chatCompletionSchema, modelListSchema, modelSchema, openAiErrorSchema } from "../openai-chat-schemas.js";
import { GDP_QUESTION } from "./examples.js";
import { requestSchema, responseSchema, type RouteDoc } from "./route-doc.js";

const MODEL = "jiangjin-15th-congress-report";
const openAiError = responseSchema("OpenAiError", openAiErrorSchema);
/** What one `data:` line of the stream holds besides the closing `[DONE]`: a chunk, or an error that ends the stream. */
const chatStreamDataSchema = z.union([chatCompletionChunkSchema, openAiErrorSchema]);

/** The routes of openai-chat-route.ts: OpenAI's chat API over the report; errors in OpenAI's shape (openai-errors.ts). */
export const openAiRouteDocs: readonly RouteDoc[] = [
  {
    method: "POST",
    path: CHAT_COMPLETIONS_PATH,
    operationId: "createChatCompletion",
    summary: "OpenAI-compatible chat completion over the report",
    description:
      "For OpenAI clients (the official SDKs, Open WebUI, LibreChat …): the last user message is the question, earlier turns its conversation. " +
      "The answer is the one POST /api/ask gives, with its citations as `url_citation` annotations and, beside OpenAI's fields, `citations`, `search_results`, `abstained`, `answer_kind`. " +
      "Sampling options are accepted and ignored; `n` must be 1. With `stream: true`, `text/event-stream` of unnamed events whose data is a `chat.completion.chunk` " +
      "(role, then one chunk per sentence, then the finish chunk with the citation list, then a usage chunk with `stream_options.include_usage`), ending with `data: [DONE]`; " +
      "a failure after the stream began is `data: {\"error\": …}` and no [DONE]. `model` must be the id GET /v1/models lists (404 `model_not_found` otherwise).",
    tag: "OpenAI-compatible",
    access: "api",
    requestBody: {
      schema: requestSchema("ChatCompletionRequest", chatCompletionRequestSchema),
      examples: {
        question: { summary: "One question", value: { model: MODEL, messages: [{ role: "user", content: GDP_QUESTION }] } },
        streamed: { summary: "Streamed, with usage", value: { model: MODEL, stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "五大专项行动是哪五个?" }] } },
      },
    },
    responses: {
      200: {
        description: "The completion (`stream` false or absent), or the stream of chunks (`stream: true`).",
        content: {
          "application/json": { schema: responseSchema("ChatCompletion", chatCompletionSchema) },
          "text/event-stream": { events: { message: responseSchema("ChatCompletionStreamData", chatStreamDataSchema) } },
        },
      },
    },
    errors: [400, 404],
    errorSchema: openAiError,
  },
  {
    method: "GET",
    path: MODELS_PATH,
    operationId: "listModels",
    summary: "The one model served: the report",
    description: "Its id names the corpus; `created` is the index's build time (Unix seconds) when known, else 0.",
    tag: "OpenAI-compatible",
    access: "api",
    responses: {
      200: {
        description: "The model list.",
        content: {
          "application/json": {
            schema: responseSchema("ModelList", modelListSchema),
            examples: { one: { summary: "The report", value: { object: "list", data: [{ id: MODEL, object: "model", created: 1772352000, owned_by: "jiangjin-report-qa" }] } } },
          },
        },
      },
    },
    errorSchema: openAiError,
  },
  {
    method: "GET",
    path: `${MODELS_PATH}/:id`,
    operationId: "retrieveModel",
    summary: "One model by id",
    description: "404 `model_not_found` for any id but the served one.",
    tag: "OpenAI-compatible",
    access: "api",
    pathParameters: { id: { description: "The model id, as GET /v1/models lists it.", example: MODEL } },
    responses: { 200: { description: "The model.", content: { "application/json": { schema: responseSchema("Model", modelSchema) } } } },
    errors: [404],
    errorSchema: openAiError,
  },
];
