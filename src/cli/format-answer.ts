import { formatSectionPath } from "../core/chunking/chunk.js";
import type { AskResponse, Passage } from "../core/schemas/ask-response.js";

/** An AskResponse as a person reads it in a terminal: the answer, then each source with its section. */
export function formatAnswer(response: AskResponse): string {
  const english = response.language === "en";
  const lines = [`${english ? "Q: " : "问："}${response.question}`, `${english ? "A: " : "答："}${response.answer}`];
  // A related answer is the report's nearest content, not an answer in so many words: the terminal says so too.
  if (response.answerKind === "related") lines.push(english ? "(not answered directly: the most relevant passages)" : "（报告没有直接回答：以下是最相关的内容）");
  if (response.citations.length > 0) {
    lines.push("", english ? "Sources:" : "出处：");
    for (const citation of response.citations) {
      lines.push(`  [${citation.marker}] ${formatSectionPath(citation.section)}`);
      lines.push(`      “${citation.quote.replace(/\s*\n+\s*/gu, " ")}”  (${citation.source} ${citation.quoteStart}–${citation.quoteEnd})`);
    }
  }
  if (response.suggestions && response.suggestions.length > 0) {
    lines.push("", english ? "Related sections:" : "相关章节：");
    for (const suggestion of response.suggestions) lines.push(`  · ${formatSectionPath(suggestion.section)}`);
  }
  lines.push("", `(${response.engine.embedder} · ${response.engine.retriever} · ${response.timings.totalMs} ms)`);
  return `${lines.join("\n")}\n`;
}

/** Ranked passages for `npm run search`. */
export function formatPassages(query: string, passages: readonly Passage[]): string {
  const lines = [`检索：${query}`, ""];
  passages.forEach((passage, index) => {
    lines.push(`${index + 1}. [${passage.score.toFixed(4)}] ${formatSectionPath(passage.section)}  (${passage.chunkId})`);
    const text = passage.text.replace(/\s*\n+\s*/gu, " ");
    lines.push(`   ${text.length > 120 ? `${text.slice(0, 120)}…` : text}`, "");
  });
  return `${lines.join("\n")}\n`;
}
