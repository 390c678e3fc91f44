import type { GeneratedSentence } from "../schemas/ask-response.js";
import type { GenerationSummary, QuestionGeneration } from "./generation-summary.js";
import { formatMilliseconds } from "./report-format.js";
import { escapeHtml } from "./report-html-escape.js";
import { bilingual, sectionOpen, shareCell } from "./report-html-parts.js";

// report.html's model-path section (answer modes, fallbacks, the gate's verdict shares) and
// each question's sentences as the model wrote them, with what the gate did to each.

const VERDICTS: Readonly<Record<GeneratedSentence["verdict"], readonly [string, string]>> = {
  supported: ["有据", "supported"],
  "partly-supported": ["部分有据", "partly supported"],
  contradicted: ["与报告矛盾", "contradicted"],
  "not-found": ["报告中没有", "not found"],
};
const ACTIONS: Readonly<Record<GeneratedSentence["action"], readonly [string, string]>> = {
  kept: ["保留", "kept"],
  repaired: ["改引", "re-cited"],
  removed: ["删除", "removed"],
};

const milliseconds = (value: number | null): string => (value === null ? "—" : formatMilliseconds(value));

function shareTable(caption: readonly [string, string], rows: readonly { label: readonly [string, string]; key: string; value: GenerationSummary["sentenceVerdicts"]["supported"] }[]): string {
  const body = rows.map((row) => `<tr data-key="${escapeHtml(row.key)}"><th scope="row">${bilingual(...row.label)}</th>${shareCell(row.value)}</tr>`).join("");
  return `<table class="metrics-table"><thead><tr><th scope="col">${bilingual(...caption)}</th><th class="num" scope="col">占比<span class="en">share</span></th></tr></thead><tbody>${body}</tbody></table>`;
}

export function generationSection(summary: GenerationSummary): string {
  const modes = summary.answerModes;
  const fallbacks = Object.entries(summary.fallbacks).map(([reason, count]) => `<code>${escapeHtml(reason)}</code> ${count}`).join(" · ") || "无 (none)";
  const rewrites = summary.rewrites
    ? `<li>${bilingual("问句改写", "question rewrites")}: ${summary.rewrites.calls} · rewritten ${summary.rewrites.rewritten} · unchanged ${summary.rewrites.unchanged} · fallback ${summary.rewrites.fallback} · answered from the rewrite ${summary.rewrites.answered} · median ${escapeHtml(milliseconds(summary.rewrites.medianMs))}</li>`
    : "";
  const verdicts = Object.entries(summary.sentenceVerdicts).map(([key, value]) => ({ key, label: VERDICTS[key as GeneratedSentence["verdict"]], value }));
  const actions = Object.entries(summary.sentenceActions).map(([key, value]) => ({ key, label: ACTIONS[key as GeneratedSentence["action"]], value }));
  return `${sectionOpen("generation", "生成回答与逐句核验", "generated answers, verified sentence by sentence")}<div class="panel">
<ul class="generation-facts">
<li>${bilingual("经模型的题目", "questions through the model")}: ${summary.questions} — generative ${modes.generative} · mixed ${modes.mixed} · extractive ${modes.extractive}</li>
<li>${bilingual("回退到摘录回答", "fallbacks to the extractive answer")}: ${fallbacks}${summary.cutByLength > 0 ? ` · cut by the token limit ${summary.cutByLength}` : ""}</li>
<li>${bilingual("耗时中位数", "median time")}: model ${escapeHtml(milliseconds(summary.medianModelMs))} · gate ${escapeHtml(milliseconds(summary.medianGateMs))}</li>
${rewrites}
</ul>
<p class="note">模型共写出 ${summary.sentences} 句，每句都与其引用段落逐条核对 (the gate checked each of the ${summary.sentences} sentences the model wrote against the passage it cites; 95% Wilson intervals).</p>
<div class="table-scroll">${shareTable(["核验结果", "verdict"], verdicts)}${shareTable(["处理", "action"], actions)}</div></div></section>`;
}

/** One question's model sentences, inside its row of the question table. */
export function generatedSentencesHtml(generation: QuestionGeneration): string {
  const head = `<h4>${bilingual("模型逐句核验", "model sentences, as the gate judged them")} <span class="q-flag neutral">${escapeHtml(generation.answerMode)}${generation.status === "fallback" ? ` · fallback: ${escapeHtml(generation.reason ?? "—")}` : ""}</span></h4>`;
  const rewrite = generation.rewrite?.text ? `<p class="note">${bilingual("改写", "rewrite")}: ${escapeHtml(generation.rewrite.text)}${generation.rewrite.answered ? " (answered from it)" : ""}</p>` : "";
  if (generation.sentences.length === 0) return `${head}${rewrite}`;
  const items = generation.sentences.map((sentence) => {
    const removed = sentence.action === "removed";
    const reasons = sentence.reasons.length > 0 ? ` <span class="en">${escapeHtml(sentence.reasons.join("；"))}</span>` : "";
    return `<li data-verdict="${escapeHtml(sentence.verdict)}" data-action="${escapeHtml(sentence.action)}"><span class="support ${removed ? "weak" : "ok"}">${removed ? "✗" : "✓"} ${bilingual(...VERDICTS[sentence.verdict])} · ${bilingual(...ACTIONS[sentence.action])}</span><span>${removed ? `<del>${escapeHtml(sentence.text)}</del>` : escapeHtml(sentence.text)}${reasons}</span></li>`;
  });
  return `${head}${rewrite}<ol class="sentences">${items.join("")}</ol>`;
}
