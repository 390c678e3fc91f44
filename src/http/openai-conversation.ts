import { MAX_QUESTION_CHARACTERS, type AskRequest, type ConversationTurn } from "../core/schemas/ask-request.js";
import type { ChatMessage } from "./openai-chat-schemas.js";
import { OpenAiRequestError } from "./openai-errors.js";

// The engine reads at most 20 history turns of at most 4,000 characters (ask-request.ts). An
// OpenAI client sends the whole conversation every time, so the oldest turns are dropped and
// long ones cut, as the widget does (src/widget/conversation-history.ts): a follow-up is
// resolved against the latest turns.
const MAX_TURNS = 20;
const MAX_TURN_CHARACTERS = 4000;

/** A message's text: the string, or its text parts joined (the schema refused every other kind of part). */
export function messageText(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => part.text ?? "").join("");
}

/**
 * An OpenAI conversation as one question to the engine: the last message must be the user's,
 * and it is the question; the user and assistant turns before it are the `history` follow-ups
 * are read against (the assistant turns as the client shows them, markers and all — the same
 * text /api/ask's history carries from the widget). System and developer messages are left
 * out: the answer is the report's words, or a model held to them, and no instruction changes
 * what the report says.
 */
export function askRequestFromMessages(messages: readonly ChatMessage[]): AskRequest {
  const conversation = messages.filter((message) => message.role === "user" || message.role === "assistant");
  const last = conversation.at(-1);
  if (!last) throw new OpenAiRequestError(400, "messages must contain a user message: the last one is the question.", "invalid_value", "messages");
  if (last.role !== "user") throw new OpenAiRequestError(400, "The last message must be the user's question (assistant prefill is not supported).", "invalid_value", "messages");
  const question = messageText(last).trim();
  if (!question) throw new OpenAiRequestError(400, "The last user message must not be empty.", "invalid_value", "messages");
  if (question.length > MAX_QUESTION_CHARACTERS) {
    throw new OpenAiRequestError(400, `The question (the last user message) must be at most ${MAX_QUESTION_CHARACTERS} characters.`, "string_above_max_length", "messages");
  }
  const history: ConversationTurn[] = [];
  for (const message of conversation.slice(0, -1)) {
    const content = messageText(message).trim().slice(0, MAX_TURN_CHARACTERS);
    // An assistant turn that only called tools, or an empty one, says nothing a follow-up could refer to.
    if (content && (message.role === "user" || message.role === "assistant")) history.push({ role: message.role, content });
  }
  const recent = history.slice(-MAX_TURNS);
  return recent.length > 0 ? { question, history: recent } : { question };
}
