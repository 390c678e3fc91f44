import type { ChatMessage } from "../../ports/chat-model.js";
import type { ConversationTurn } from "../../schemas/ask-request.js";

/**
 * The one small call before retrieval: the model turns the user's turn into one standalone
 * Chinese question in the wording a government work report uses — a follow-up completed from
 * the conversation, colloquial, dialect or English wording put into formal terms. It is told
 * not to answer and not to add a year, place or figure the user did not say: the rewrite only
 * widens what retrieval looks for, and src/core/pipeline/rewritten-retrieval.ts keeps what the
 * user's own words found.
 */
const INSTRUCTIONS = [
  "你的任务是改写检索问句，不是回答问题。",
  "把用户最后一句话改写成一个可以单独理解的中文问句，用政府工作报告的正式用语（例如“挣钱”写成“收入”，“修路”写成“交通基础设施建设”）。",
  "如果这句话承接前面的对话（如“那…呢”“还有吗”），把省略的主题补全。",
  "英文问题翻译成中文问句。",
  "不要添加用户没有说过的年份、地名、数字或名称，不要回答，不要解释。",
  "只输出改写后的一句问句。",
].join("\n");

/** Earlier turns the rewrite may draw on: enough for a follow-up, little enough to keep the call small. */
const HISTORY_TURNS = 4;
/** An earlier answer is context, not content: its first characters say what it was about. */
const HISTORY_ANSWER_CHARACTERS = 160;

export function buildRewritePrompt(question: string, history: readonly ConversationTurn[]): ChatMessage[] {
  const turns = history.slice(-HISTORY_TURNS).map((turn) => `${turn.role === "assistant" ? "助手" : "用户"}：${turn.role === "assistant" ? turn.content.slice(0, HISTORY_ANSWER_CHARACTERS) : turn.content}`);
  const conversation = turns.length > 0 ? `对话：\n${turns.join("\n")}\n\n` : "";
  return [
    { role: "system", content: INSTRUCTIONS },
    { role: "user", content: `${conversation}用户最后一句话：${question}\n\n改写后的问句：` },
  ];
}
