import { formatSectionPath } from "../core/chunking/chunk.js";
import type { AskResponse, Passage } from "../core/schemas/ask-response.js";

/** An AskResponse as a person reads it in a terminal: the answer, then each source with its section. */
export function formatAnswer(response: AskResponse): string {
  const english = response.language === "en";
  const lines = [`${english ? "Q: " : "问："}${response.question}`, `${english ? "A: " : "答："}${response.answer}`];
  // A related answer is the report's nearest content, not an answer in so many words: the terminal says so too.
  if (response.answerKind === "related") lines.push(english ? "(not answered directly: the most relevant passages)" : "（报告没有直接回答：以下是最相关的内容）");
  lines.push(...generationLines(response, english));
  if (response.citations.length > 0) {
    lines.push("", english ? "Sources:" : "出处：");
    for (const citation of response.citations) {
      lines.push(`  [${citation.marker}] ${formatSectionPath(citation.section)}`);
      // Over a corpus of several documents the citation names its document; one report's output is as it was.
      const document = citation.document ? `${citation.document.shortTitle}${citation.document.published ? ` ${citation.document.published}` : ""} · ` : "";
      lines.push(`      “${citation.quote.replace(/\s*\n+\s*/gu, " ")}”  (${document}${citation.source} ${citation.quoteStart}–${citation.quoteEnd})`);
    }
  }
  if (response.suggestions && response.suggestions.length > 0) {
    lines.push("", english ? "Related sections:" : "相关章节：");
    for (const suggestion of response.suggestions) lines.push(`  · ${formatSectionPath(suggestion.section)}`);
  }
  lines.push("", `(${response.engine.embedder} · ${response.engine.retriever} · ${response.timings.totalMs} ms)`);
  return `${lines.join("\n")}\n`;
}

/** What a model did with the answer: written and verified, sentences removed, or the quotes instead and why. */
function generationLines(response: AskResponse, english: boolean): string[] {
  const generation = response.generation;
  if (!generation) return [];
  const model = `${generation.provider}:${generation.model}`;
  if (generation.status === "fallback") {
    return [english ? `(${model} answer not used: ${generation.reason}; quoting the report instead)` : `（${model} 的回答未采用：${generation.reason}；以下为报告原文）`];
  }
  const removed = (response.sentences ?? []).filter((sentence) => sentence.action === "removed");
  const lines = [english ? `(written by ${model}, every sentence checked against the report)` : `（由 ${model} 生成，逐句对照报告核对）`];
  for (const sentence of removed) lines.push(english ? `  removed, ${sentence.verdict}: ${sentence.text}` : `  已删除（${sentence.verdict}）：${sentence.text}`);
  return lines;
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
