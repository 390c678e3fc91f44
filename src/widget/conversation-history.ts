import type { AskResponse, ConversationTurn } from "./api-types.js";

// The API accepts at most 20 history turns of at most 4,000 characters each; older turns
// matter least for a follow-up, so the oldest are dropped and long ones are cut.
const MAX_TURNS = 20;
const MAX_TURN_CHARACTERS = 4000;

/**
 * The `history` of the next request: each answered exchange as a user turn and an assistant
 * turn (the answer text). Failed exchanges are left out: the server never saw them answered.
 */
export function historyFrom(answered: readonly AskResponse[]): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  for (const response of answered) {
    turns.push({ role: "user", content: response.question.slice(0, MAX_TURN_CHARACTERS) });
    turns.push({ role: "assistant", content: response.answer.slice(0, MAX_TURN_CHARACTERS) });
  }
  return turns.slice(-MAX_TURNS);
}
