import type { ChatMessage } from "../../ports/chat-model.js";
import type { RetrievedPassage } from "../../retrieval/retrieved-passage.js";
import { formatSectionPath } from "../../chunking/chunk.js";
import type { ConversationTurn } from "../../schemas/ask-request.js";

/**
 * The prompt of the generative answerer: the retrieved passages numbered [1], [2] … with
 * their section, instructions in Chinese (the model answers in the question's language), and
 * the rule that every sentence ends with the [n] of the passage it rests on. The gate checks
 * each sentence against the passage it cites, so the instructions only make that likely.
 */

const INSTRUCTIONS_ZH = [
  "你是江津区第十五次党代会报告解读的问答助手。",
  "只能依据下面编号的报告段落回答，不要使用段落以外的知识，不要推测。",
  "每一句话的句末都要用方括号标出它依据的段落编号，例如[1]或[2][3]。",
  "数字、年份、地名和名称必须与段落原文完全一致，不要换算或取整。",
  "回答简洁，一般不超过三句话。",
  "如果段落中没有答案，只回答：报告中没有找到相关内容。",
].join("\n");

const LANGUAGE_LINE = {
  zh: "用中文回答。",
  en: "The question is in English: answer in English, keep the report's figures exactly, and still end every sentence with its [n].",
} as const;

export interface PromptInput {
  readonly question: string;
  readonly history: readonly ConversationTurn[];
  readonly passages: readonly RetrievedPassage[];
  readonly language: "zh" | "en";
}

export function buildPrompt(input: PromptInput): ChatMessage[] {
  const numbered = input.passages.map((passage, index) => `[${index + 1}]（${formatSectionPath(passage.chunk.sectionPath) || "报告"}）${passage.chunk.text.trim()}`).join("\n\n");
  const history = input.history.slice(-4).map((turn): ChatMessage => ({ role: turn.role === "assistant" ? "assistant" : "user", content: turn.content }));
  return [
    { role: "system", content: `${INSTRUCTIONS_ZH}\n${LANGUAGE_LINE[input.language]}` },
    ...history,
    { role: "user", content: `报告段落：\n${numbered}\n\n问题：${input.question}` },
  ];
}
