import type { EvaluationReport, QuestionReport } from "./evaluation-report.js";
import { expectedFactText, formatMilliseconds, typeLabel, typeLabelWithName } from "./report-format.js";
import { escapeHtml } from "./report-html-escape.js";
import { generatedSentencesHtml } from "./report-html-generation.js";
import { answerHtml, bilingual, highlightEvidence, percentWidth, questionAnchor, sectionOpen } from "./report-html-parts.js";

// The question table of report.html, and its print-only copy of the failing questions.

// ── questions ──────────────────────────────────────────

function failureReason(question: QuestionReport): string {
  if (!question.answerable) return question.abstained ? "" : "报告没有这个问题的答案，本应拒答 (the report does not answer this; it should have abstained)";
  if (question.abstained) return "报告里有答案，却拒答了 (abstained on an answerable question)";
  const missing = question.expected.filter((_, index) => !question.factsFound[index]).map(expectedFactText);
  return `缺少应含事实：${missing.join("、")} (missing expected facts)`;
}

function questionBody(question: QuestionReport): string {
  const parts: string[] = [`<div class="q-body">`];
  if (!question.passed) parts.push(`<p class="note status fail">✗ ${escapeHtml(failureReason(question))}</p>`);
  parts.push(`<div class="q-columns"><div>`);
  parts.push(`<h4>${bilingual("回答", "answer")}${question.abstained ? ` <span class="q-flag neutral">拒答 (abstained)</span>` : ""}</h4>`);
  parts.push(`<p class="answer${question.abstained ? " abstained" : ""}">${question.answer.trim() ? answerHtml(question.answer) : "（空 empty）"}</p>`);
  if (question.sentences.length > 0) {
    parts.push(`<h4>${bilingual("逐句依据", "sentence support")}</h4><ol class="sentences">`);
    for (const sentence of question.sentences) {
      const state = sentence.supported ? "ok" : "weak";
      parts.push(
        `<li><span class="support ${state}" title="${sentence.supported ? "有据 (supported)" : "依据不足 (not supported)"}">${sentence.supported ? "✓" : "✗"} ${Math.round(sentence.support * 100)}%<span class="support-bar"><span style="width:${percentWidth(sentence.support)}"></span></span></span><span>${answerHtml(sentence.text)}</span></li>`,
      );
    }
    parts.push(`</ol>`);
  }
  if (question.generation) parts.push(generatedSentencesHtml(question.generation));
  if (question.unsupportedNumbers.length > 0) {
    parts.push(`<h4>${bilingual("无据数字", "unsupported numbers")}</h4><ul class="chips">${question.unsupportedNumbers.map((number) => `<li class="chip number">${escapeHtml(number)}</li>`).join("")}</ul>`);
  }
  parts.push(`</div><div>`);
  parts.push(`<h4>${bilingual("应含事实", "expected facts")}</h4>`);
  if (question.expected.length > 0) {
    const chips = question.expected.map((fact, index) => {
      const found = question.factsFound[index] === true;
      return `<li class="chip ${found ? "found" : "missing"}">${found ? "✓" : "✗"} ${escapeHtml(expectedFactText(fact))}</li>`;
    });
    parts.push(`<ul class="chips facts">${chips.join("")}</ul>`);
  } else {
    parts.push(`<p class="empty">${question.answerable ? "无 (none)" : "报告未涉及，应拒答 (unanswerable: the right answer is to abstain)"}</p>`);
  }
  parts.push(`<h4>${bilingual("引文", "citations")}</h4>`);
  if (question.citations.length === 0) parts.push(`<p class="empty">无引文 (no citations)</p>`);
  else {
    parts.push(`<ol class="citations">`);
    for (const citation of question.citations) {
      const offsets = citation.quoteStart !== null && citation.quoteEnd !== null ? ` · ${citation.quoteStart}–${citation.quoteEnd}` : "";
      parts.push(
        `<li class="citation"><span class="marker-ref">[${citation.marker}]</span><div><blockquote>${escapeHtml(citation.quote)}</blockquote>` +
          `<div class="where">${escapeHtml(citation.section.join(" › ") || "—")}${escapeHtml(offsets)}</div>` +
          `<div class="flags"><span class="flag ${citation.valid ? "ok" : "bad"}">${citation.valid ? "✓ 与原文一致 (valid)" : "✗ 与原文不符 (not valid)"}</span>` +
          `<span class="flag ${citation.precise ? "ok" : "bad"}">${citation.precise ? "✓ 切题 (precise)" : "✗ 不切题 (not precise)"}</span></div></div></li>`,
      );
    }
    parts.push(`</ol>`);
  }
  parts.push(`</div></div>`);
  const rank = question.firstRelevantRank;
  const rankNote = question.answerable ? (rank === null ? "未检索到标准证据 (gold evidence not retrieved)" : `标准证据首次出现在第 ${rank} 名 (first relevant rank ${rank})`) : "";
  parts.push(`<h4>${bilingual("检索到的段落", "retrieved passages")}${rankNote ? ` · <span class="${rank === null ? "status fail" : "muted"}">${escapeHtml(rankNote)}</span>` : ""}</h4>`);
  if (question.passages.length === 0) parts.push(`<p class="empty">无 (none)</p>`);
  else {
    parts.push(`<ol class="passages">`);
    for (const passage of question.passages) {
      const marked = passage.relevant || passage.evidence.length > 0;
      parts.push(
        `<li class="passage${marked ? " relevant" : ""}" data-rank="${passage.rank}"><div class="passage-meta"><span class="rank">#${passage.rank}</span><span class="score">${escapeHtml(passage.score.toFixed(3))}</span>` +
          `${marked ? `<span class="tag">含标准证据 (gold evidence)</span>` : ""}<span>${escapeHtml(passage.section.join(" › "))}</span><code class="chunk-id">${escapeHtml(passage.chunkId)}</code></div>` +
          `<p class="passage-text" data-chunk-id="${escapeHtml(passage.chunkId)}">${highlightEvidence(passage)}</p></li>`,
      );
    }
    parts.push(`</ol>`);
  }
  parts.push(`</div>`);
  return parts.join("");
}

function questionRow(question: QuestionReport, newlyFailing: ReadonlySet<string>, newlyPassing: ReadonlySet<string>): string {
  const facts = question.expected.length > 0 ? `${question.factsFound.filter(Boolean).length}/${question.expected.length}` : "—";
  const rank = !question.answerable ? "—" : question.firstRelevantRank === null ? "未命中" : `#${question.firstRelevantRank}`;
  const flags = [
    newlyFailing.has(question.id) ? `<span class="q-flag fail">新失败 newly failing</span>` : "",
    newlyPassing.has(question.id) ? `<span class="q-flag pass">新通过 newly passing</span>` : "",
    question.abstained ? `<span class="q-flag neutral">拒答</span>` : "",
    !question.answerable && !question.abstained ? `<span class="q-flag warn">应拒答 should abstain</span>` : "",
  ].join("");
  const state = question.passed ? "passed" : "failed";
  return `<details class="q ${state}" id="${questionAnchor(question.id)}" data-id="${escapeHtml(question.id)}"><summary class="q-row">` +
    `<span class="q-status ${question.passed ? "pass" : "fail"}">${question.passed ? "✓ 通过" : "✗ 未通过"}</span>` +
    `<span class="q-id">${escapeHtml(question.id)}</span><span class="q-type">${escapeHtml(typeLabel(question.type))}</span>` +
    `<span class="q-text">${escapeHtml(question.question)}${flags}</span>` +
    `<span class="q-facts num${question.factsFound.some((found) => !found) ? " status fail" : ""}"><span class="q-mini-label">事实 </span>${facts}</span>` +
    `<span class="q-rank num${rank === "未命中" ? " status fail" : ""}"><span class="q-mini-label">证据排名 </span>${rank}</span>` +
    `<span class="q-latency num">${question.latencyMs === null ? "—" : escapeHtml(formatMilliseconds(question.latencyMs))}</span>` +
    `</summary>${questionBody(question)}</details>`;
}

export function questionsSection(report: EvaluationReport): string {
  const newlyFailing = new Set(report.baseline?.newlyFailing ?? []);
  const newlyPassing = new Set(report.baseline?.newlyPassing ?? []);
  const failed = report.questions.filter((question) => !question.passed).length;
  return `${sectionOpen("questions", "逐题结果", "questions", "questions")}
<div class="toolbar"><label><input type="checkbox" id="only-failed"> 只看未通过 <span class="en">(failed only, ${failed})</span></label>
<button type="button" class="button" id="toggle-all" aria-pressed="false" hidden>全部展开 (expand all)</button>
<span class="muted">点一行展开回答、引文与检索段落 (select a row for its answer, citations and passages)</span></div>
<div class="question-table" id="question-list">
<div class="q-row q-header" aria-hidden="true"><span>结果</span><span>编号</span><span>题型</span><span>问题 (question)</span><span class="num">事实</span><span class="num">证据排名</span><span class="num">耗时</span></div>
${report.questions.map((question) => questionRow(question, newlyFailing, newlyPassing)).join("\n")}
</div></section>`;
}

/** The failing questions in full, for paper: <details> cannot be opened by CSS. */
export function printSection(report: EvaluationReport): string {
  const failed = report.questions.filter((question) => !question.passed);
  if (failed.length === 0) return "";
  const articles = failed.map(
    (question) =>
      `<article class="print-question" data-id="${escapeHtml(question.id)}"><h3>✗ ${escapeHtml(question.id)} · ${escapeHtml(typeLabelWithName(question.type))} — ${escapeHtml(question.question)}</h3>${questionBody(question)}</article>`,
  );
  return `${sectionOpen("failed-print", "未通过的问题详情", "failed questions in full", "print-only")}${articles.join("\n")}</section>`;
}
