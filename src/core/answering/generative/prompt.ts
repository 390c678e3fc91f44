import type { ChatMessage } from "../../ports/chat-model.js";
import type { RetrievedPassage } from "../../retrieval/retrieved-passage.js";
import { formatSectionPath } from "../../chunking/chunk.js";
import type { ConversationTurn } from "../../schemas/ask-request.js";

/**
 * The prompt of the generative answerer: the retrieved passages numbered [1], [2] … with
 * their section, instructions in Chinese (the model answers in the question's language), and
 * the rule that every sentence ends with the [n] of the passage it rests on. The gate checks
 * each sentence against the passage it cites, so the instructions only make that likely.
 * Over several documents the instructions name them and each passage carries its document's
 * short title (《…》), so a figure of one district is not read as another's; with one report
 * the prompt is as it always was.
 */

/** The role line with one report: the corpus this service was built for. */
const SINGLE_REPORT_ROLE = "你是江津区第十五次党代会报告解读的问答助手。";

const RULES_ZH = [
  "只能依据下面编号的报告段落回答，不要使用段落以外的知识，不要推测。",
  "每一句话的句末都要用方括号标出它依据的段落编号，例如[1]或[2][3]。",
  "数字、年份、地名和名称必须与段落原文完全一致，不要换算或取整。",
  "回答简洁，一般不超过三句话。",
  "如果段落中没有答案，只回答：报告中没有找到相关内容。",
];

/** What the prompt names of a document: its short title, and its source to find a passage's. */
export interface PromptDocument {
  readonly source: string;
  readonly shortTitle: string;
}

function instructions(documents: readonly PromptDocument[]): string {
  if (documents.length <= 1) return [SINGLE_REPORT_ROLE, ...RULES_ZH].join("\n");
  const titles = documents.map((document) => `《${document.shortTitle}》`).join("、");
  return [
    `你是以下${documents.length}份报告的问答助手：${titles}。`,
    "每个段落编号后的《》是它出自的报告；各报告讲的是各自的地区，某份报告的数字不能说成另一份报告所讲地区的。",
    ...RULES_ZH,
  ].join("\n");
}

const LANGUAGE_LINE = {
  zh: "用中文回答。",
  en: "The question is in English: answer in English, keep the report's figures exactly, and still end every sentence with its [n].",
} as const;

export interface PromptInput {
  readonly question: string;
  readonly history: readonly ConversationTurn[];
  readonly passages: readonly RetrievedPassage[];
  readonly language: "zh" | "en";
  /** The corpus's documents; with several, each passage is labelled with its own. */
  readonly documents?: readonly PromptDocument[];
}

export function buildPrompt(input: PromptInput): ChatMessage[] {
  const documents = input.documents ?? [];
  const label = (source: string): string => {
    if (documents.length <= 1) return "";
    const document = documents.find((candidate) => candidate.source === source);
    return document ? `《${document.shortTitle}》` : "";
  };
  const numbered = input.passages
    .map((passage, index) => `[${index + 1}]${label(passage.chunk.source)}（${formatSectionPath(passage.chunk.sectionPath) || "报告"}）${passage.chunk.text.trim()}`)
    .join("\n\n");
  const history = input.history.slice(-4).map((turn): ChatMessage => ({ role: turn.role === "assistant" ? "assistant" : "user", content: turn.content }));
  return [
    { role: "system", content: `${instructions(documents)}\n${LANGUAGE_LINE[input.language]}` },
    ...history,
    { role: "user", content: `报告段落：\n${numbered}\n\n问题：${input.question}` },
  ];
}
