import { z } from "zod";

/**
 * The OpenAI-compatible surface (POST /v1/chat/completions, GET /v1/models): what we accept
 * and what we send, as zod schemas so the OpenAPI description can be generated from them.
 * Requests are read leniently — the many sampling and tool options OpenAI clients send are
 * accepted and ignored (an extractive or gated answer has nothing to sample) — but anything
 * we cannot honour without changing the answer's meaning is refused with a clear 400.
 */

/** One part of an array `content`: only text parts can be answered from a text report; others are refused by name, not dropped. */
const contentPartSchema = z.object({ type: z.string(), text: z.string().optional() }).superRefine((part, context) => {
  if (part.type !== "text") context.addIssue({ code: "custom", message: `content parts of type "${part.type}" are not supported; send text` });
  else if (part.text === undefined) context.addIssue({ code: "custom", message: "a text content part needs its text" });
});

/** `content` as OpenAI clients send it: a string, an array of text parts, or null (an assistant turn that only called tools). */
export const messageContentSchema = z.union([z.string(), z.array(contentPartSchema), z.null()]);

export const chatMessageSchema = z.object({
  role: z.enum(["system", "developer", "user", "assistant"], {
    error: "role must be system, developer, user or assistant (this service calls no tools)",
  }),
  content: messageContentSchema.optional(),
  name: z.string().optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Body of POST /v1/chat/completions. Unknown fields are dropped (zod's default), as OpenAI-compatible servers do. */
export const chatCompletionRequestSchema = z.object({
  model: z.string({ error: "model is required: GET /v1/models lists the served one" }).min(1, "model must not be empty"),
  messages: z.array(chatMessageSchema, { error: "messages must be an array of {role, content}" }).min(1, "messages must not be empty"),
  /** Omitted or false: one chat.completion JSON; true: chat.completion.chunk events ending with `data: [DONE]`. */
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  /** Only one answer exists per question: n > 1 would be n copies, so it is refused. */
  n: z
    .number()
    .int()
    .nullish()
    .refine((n) => n === undefined || n === null || n === 1, { message: "n must be 1: the report has one answer per question" }),
  // Accepted for compatibility and ignored: the extractive answer is deterministic and the generative
  // answerer's model settings are the server's; cutting an answer at max_tokens would separate a quote from its marker.
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  seed: z.number().int().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  user: z.string().nullish(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/**
 * One citation in OpenAI's `url_citation` shape (what the OpenAI SDK types and Open WebUI read),
 * extended with the report span. `start_index`/`end_index` locate the `[n]` marker in the
 * message content, end exclusive: `content.slice(start_index, end_index) === "[n]"`.
 */
export const reportUrlCitationSchema = z.object({
  url: z.string(),
  title: z.string(),
  start_index: z.number().int().nonnegative(),
  end_index: z.number().int().nonnegative(),
  /** The marker's number n in `[n]`. */
  marker: z.number().int().positive(),
  /** The corpus file the quote is from. */
  source: z.string(),
  /** The quote's outline path in the report, outermost first. */
  section: z.array(z.string()),
  /** The exact words of the report: reportText.slice(quoteStart, quoteEnd) === quote. */
  quote: z.string(),
  quoteStart: z.number().int().nonnegative(),
  quoteEnd: z.number().int().nonnegative(),
  chunkId: z.string(),
  /** verbatim: the answer quotes the span word for word (extractive); supported: a generated sentence the gate found supported by it. */
  verdict: z.enum(["verbatim", "supported"]),
});
export type ReportUrlCitation = z.infer<typeof reportUrlCitationSchema>;

export const annotationSchema = z.object({ type: z.literal("url_citation"), url_citation: reportUrlCitationSchema });
export type Annotation = z.infer<typeof annotationSchema>;

/** One cited span, once (Perplexity's `search_results` entry, extended): index i is marker i + 1. */
export const searchResultSchema = reportUrlCitationSchema.omit({ start_index: true, end_index: true }).extend({ snippet: z.string() });
export type SearchResult = z.infer<typeof searchResultSchema>;

/** Token counts are characters (see characterUsage in openai-completion.ts): no model tokenizer runs here. */
export const usageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof usageSchema>;

/** What the report said about the question, beside OpenAI's fields (a refusal is a normal message with these set). */
export const reportAnswerFieldsSchema = z.object({
  /** Perplexity's shape: the URL of each cited span, index i for marker [i + 1]. */
  citations: z.array(z.string()),
  /** Every cited span once, with the report offsets (Perplexity's field, extended); index i for marker [i + 1]. */
  search_results: z.array(searchResultSchema),
  /** true: the report does not answer this (the content says why); no citations then. */
  abstained: z.boolean(),
  answer_kind: z.enum(["direct", "related", "not-in-report"]),
  abstention_reason: z.string().optional(),
  answer_mode: z.enum(["generative", "mixed", "extractive"]),
});
export type ReportAnswerFields = z.infer<typeof reportAnswerFieldsSchema>;

const completionBase = {
  id: z.string(),
  created: z.number().int(),
  model: z.string(),
  /** Names the index that answered (its hash): another index, possibly another answer. */
  system_fingerprint: z.string(),
};

export const chatCompletionSchema = z.object({
  ...completionBase,
  object: z.literal("chat.completion"),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({
        role: z.literal("assistant"),
        /** The answer with its [n] markers. */
        content: z.string(),
        refusal: z.null(),
        annotations: z.array(annotationSchema),
      }),
      logprobs: z.null(),
      finish_reason: z.literal("stop"),
    }),
  ),
  usage: usageSchema,
}).extend(reportAnswerFieldsSchema.shape);
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

export const chatCompletionChunkSchema = z.object({
  ...completionBase,
  object: z.literal("chat.completion.chunk"),
  choices: z.array(
    z.object({
      index: z.number().int(),
      delta: z.object({
        role: z.literal("assistant").optional(),
        content: z.string().optional(),
        /** The annotations of the sentence this chunk closes (indices into the whole content). */
        annotations: z.array(annotationSchema).optional(),
      }),
      logprobs: z.null(),
      finish_reason: z.literal("stop").nullable(),
    }),
  ),
  /** null on every chunk but the last when stream_options.include_usage is set (OpenAI's convention). */
  usage: usageSchema.nullable().optional(),
})
  // On the chunk that finishes the answer (and on the usage chunk after it): the full citation list before [DONE].
  .extend(reportAnswerFieldsSchema.partial().shape);
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;

export const modelSchema = z.object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() });
export type Model = z.infer<typeof modelSchema>;

export const modelListSchema = z.object({ object: z.literal("list"), data: z.array(modelSchema) });
export type ModelList = z.infer<typeof modelListSchema>;

/** Every error on /v1/*, as OpenAI sends them (the SDK reads `message`, `type`, `param`, `code`). */
export const openAiErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    /** invalid_request_error for every 4xx but 429 (as OpenAI, whose 401 is one too, code invalid_api_key). */
    type: z.enum(["invalid_request_error", "rate_limit_error", "server_error"]),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});
export type OpenAiError = z.infer<typeof openAiErrorSchema>;
