import type { GeneratedSentence } from "../schemas/ask-response.js";
import type { GenerationSummary } from "./generation-summary.js";
import { formatMilliseconds, formatProportionPlain } from "./report-format.js";
import { codeSpan, escapeMarkdown, markdownTable } from "./markdown-text.js";

// report.md's (and the terminal's) account of the model path: what became of the answers and
// the gate's verdict on every sentence the model wrote.

const VERDICT_LABELS: Readonly<Record<GeneratedSentence["verdict"], string>> = {
  supported: "有据 (supported)",
  "partly-supported": "部分有据 (partly supported)",
  contradicted: "与报告矛盾 (contradicted)",
  "not-found": "报告中没有 (not found)",
};
const ACTION_LABELS: Readonly<Record<GeneratedSentence["action"], string>> = {
  kept: "保留 (kept)",
  repaired: "改引 (re-cited)",
  removed: "删除 (removed)",
};

const milliseconds = (value: number | null): string => (value === null ? "—" : formatMilliseconds(value));

/** The lines of the summary, without a heading (the terminal prints them under its own). */
export function generationLines(summary: GenerationSummary): string[] {
  const modes = summary.answerModes;
  const fallbacks = Object.entries(summary.fallbacks).map(([reason, count]) => `${codeSpan(reason)} ${count}`);
  const lines = [
    `- 经模型的题目 (questions through the model): ${summary.questions} — generative ${modes.generative} · mixed ${modes.mixed} · extractive ${modes.extractive}`,
    `- 回退 (fallbacks to the extractive answer): ${fallbacks.length > 0 ? fallbacks.join(" · ") : "无 (none)"}${summary.cutByLength > 0 ? ` · 被长度截断 (cut by the token limit) ${summary.cutByLength}` : ""}`,
    `- 模型耗时中位数 (median model time): ${milliseconds(summary.medianModelMs)} · 核验中位数 (median gate time): ${milliseconds(summary.medianGateMs)}`,
  ];
  if (summary.rewrites) {
    const rewrites = summary.rewrites;
    lines.push(
      `- 问句改写 (question rewrites): ${rewrites.calls} calls — rewritten ${rewrites.rewritten} · unchanged ${rewrites.unchanged} · fallback ${rewrites.fallback} · answered from the rewrite ${rewrites.answered} · median ${milliseconds(rewrites.medianMs)}`,
    );
  }
  lines.push("", `模型写出 ${summary.sentences} 句，逐句核验 (the gate's verdict on each of the ${summary.sentences} sentences the model wrote, 95% Wilson intervals):`, "");
  lines.push(
    markdownTable(
      ["核验结果 (verdict)", "占比 (share)"],
      Object.entries(summary.sentenceVerdicts).map(([verdict, value]) => [VERDICT_LABELS[verdict as GeneratedSentence["verdict"]], formatProportionPlain(value)]),
      ["left", "right"],
    ),
    "",
    markdownTable(
      ["处理 (action)", "占比 (share)"],
      Object.entries(summary.sentenceActions).map(([action, value]) => [ACTION_LABELS[action as GeneratedSentence["action"]], formatProportionPlain(value)]),
      ["left", "right"],
    ),
  );
  return lines;
}

export function generationSection(summary: GenerationSummary): string[] {
  return ["## 生成回答与逐句核验 (generated answers, verified sentence by sentence)", "", ...generationLines(summary), ""];
}

/** A failing question's model sentences, for its entry in the failures list. */
export function generatedSentenceLines(sentences: readonly GeneratedSentence[]): string[] {
  return sentences.map(
    (sentence) =>
      `- 模型句 (model sentence) ${sentence.action === "removed" ? "✗" : "✓"} ${VERDICT_LABELS[sentence.verdict]} · ${ACTION_LABELS[sentence.action]}: ${escapeMarkdown(sentence.text)}${sentence.reasons.length > 0 ? ` — ${escapeMarkdown(sentence.reasons.join("；"))}` : ""}`,
  );
}
