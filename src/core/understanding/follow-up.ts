import type { ConversationTurn } from "../schemas/ask-request.js";
import { FOLLOW_UP_OPENERS } from "../answering/question-vocabulary.js";

/** "还有别的吗?", "其他的呢": asks for more than the previous answer gave. */
const ASKS_FOR_MORE = /还有|别的|其他|其它|另外|此外|除了/u;
const ENDS_WITH_NE = /呢(?:[\s,，?？。!！]|$)/u;

/**
 * Whether a turn leans on the conversation: it opens with 那/还有/它…, asks "X呢", or
 * carries no content words of its own ("具体是什么?", "为什么?", "有几个?") or only one
 * with no question word ("白沙?"). A question with a topic of its own stands alone.
 */
export function isElliptical(normalized: string, ownTermCount: number, hasQuestionWord: boolean): boolean {
  if (FOLLOW_UP_OPENERS.test(normalized) || ENDS_WITH_NE.test(normalized)) return true;
  if (ownTermCount === 0) return true;
  return ownTermCount === 1 && !hasQuestionWord && [...normalized.replace(/[\s\p{P}]/gu, "")].length <= 6;
}

export function asksForMore(normalized: string): boolean {
  return ASKS_FOR_MORE.test(normalized);
}

/** The assistant's reply just before the last user turn: what "还有别的吗" wants more than. */
export function previousAnswer(history: readonly ConversationTurn[]): string | undefined {
  return [...history].reverse().find((turn) => turn.role === "assistant")?.content;
}
