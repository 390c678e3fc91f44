import type { AskRequest } from "../core/schemas/ask-request.js";
import type { AskResponse } from "../core/schemas/ask-response.js";
import type { Annotation, ChatCompletion, ChatCompletionChunk, ReportAnswerFields, Usage } from "./openai-chat-schemas.js";
import type { OpenAiAnswer } from "./openai-citations.js";

/** What every completion and chunk of one answer share. */
export interface CompletionIdentity {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly system_fingerprint: string;
}

export function completionIdentity(model: string, indexHash: string): CompletionIdentity {
  return {
    id: `chatcmpl-${crypto.randomUUID().replaceAll("-", "")}`,
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: `fp_${indexHash.slice(0, 12)}`,
  };
}

/**
 * Usage in characters, not tokens: no model tokenizer runs here (the extractive answerer has
 * none, and a generative model's own count is of its prompt, not of what the client sent). For
 * Chinese text a character is close to one token of common tokenizers; English runs about four
 * characters a token, so English counts are high. Clients that bill by usage should know.
 */
export function characterUsage(request: AskRequest, content: string): Usage {
  const prompt = request.question.length + (request.history ?? []).reduce((sum, turn) => sum + turn.content.length, 0);
  return { prompt_tokens: prompt, completion_tokens: content.length, total_tokens: prompt + content.length };
}

/** The report fields beside OpenAI's: the citation list, and whether (and why) the report does not answer. */
export function reportAnswerFields(response: AskResponse, answer: OpenAiAnswer): ReportAnswerFields {
  return {
    citations: answer.searchResults.map((result) => result.url),
    search_results: [...answer.searchResults],
    abstained: response.abstained,
    answer_kind: response.answerKind,
    ...(response.abstentionReason ? { abstention_reason: response.abstentionReason } : {}),
    answer_mode: response.answerMode ?? "extractive",
  };
}

/** The non-streamed answer: one `chat.completion`. A refusal is a normal message (its text), with no citations and `abstained: true`. */
export function chatCompletion(identity: CompletionIdentity, request: AskRequest, response: AskResponse, answer: OpenAiAnswer): ChatCompletion {
  return {
    ...identity,
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content: answer.content, refusal: null, annotations: [...answer.annotations] }, logprobs: null, finish_reason: "stop" }],
    usage: characterUsage(request, answer.content),
    ...reportAnswerFields(response, answer),
  };
}

/** One `chat.completion.chunk` with a delta; `usage: null` on each when the client asked for a usage chunk at the end (OpenAI's convention). */
export function deltaChunk(
  identity: CompletionIdentity,
  delta: { role?: "assistant"; content?: string; annotations?: readonly Annotation[] },
  options: { finish?: boolean; includeUsage: boolean },
): ChatCompletionChunk {
  const { annotations, ...rest } = delta;
  return {
    ...identity,
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta: { ...rest, ...(annotations && annotations.length > 0 ? { annotations: [...annotations] } : {}) }, logprobs: null, finish_reason: options.finish ? "stop" : null }],
    ...(options.includeUsage ? { usage: null } : {}),
  };
}
