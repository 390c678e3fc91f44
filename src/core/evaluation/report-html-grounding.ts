import type { ClaimVerdict, CitedCheck, VerifiedClaim } from "../verification/verification-schema.js";
import type { MetricValue } from "./evaluation-report.js";
import { VERDICT_LABELS, VERDICT_MARKS } from "./grounding-labels.js";
import { VERDICTS_WORST_FIRST, type GroundedAnswer, type GroundingDocumentReport, type GroundingReport } from "./grounding-report.js";
import { LISTED_ANSWERS, verdictCounts, worstFirst } from "./grounding-summary.js";
import { formatPercent, formatTimestamp } from "./report-format.js";
import { GROUNDING_CSS } from "./report-html-grounding-styles.js";
import { escapeHtml } from "./report-html-escape.js";
import { answerHtml, bilingual, percentWidth, sectionOpen, reportHead } from "./report-html-parts.js";
import { REPORT_CSS } from "./report-html-styles.js";

// The grounding section of report.html, and the whole report.html of `npm run verify -- --out`:
// each answer's text with its claims marked in place by verdict (colour, underline style and a
// mark with the claim's number, so no colour is needed to read it), and beside each claim the
// report span its verdict rests on. Everything from the data goes through escapeHtml.

/** "✗ 与报告矛盾 (contradicted)" as a badge. */
export function verdictBadge(verdict: ClaimVerdict): string {
  const label = VERDICT_LABELS[verdict];
  return `<span class="verdict-badge v-${verdict}"><span aria-hidden="true">${VERDICT_MARKS[verdict]}</span> ${bilingual(label.zh, label.en)}</span>`;
}

function shareCell(value: MetricValue, count: number): string {
  if (value.value === null) return `<td class="num">—</td>`;
  const interval = value.low !== undefined && value.high !== undefined ? `<span class="ci">${escapeHtml(`${(value.low * 100).toFixed(1)}–${formatPercent(value.high)}`)}</span>` : "";
  const meter = `<div class="meter" aria-hidden="true">${value.low !== undefined && value.high !== undefined ? `<span class="band" style="left:${percentWidth(value.low)};width:${percentWidth(value.high - value.low)}"></span>` : ""}<span class="fill" style="width:${percentWidth(value.value)}"></span></div>`;
  return `<td class="num">${count} · ${escapeHtml(formatPercent(value.value))}${interval}${meter}</td>`;
}

const meanText = (value: MetricValue): string => (value.value === null ? "—" : `${formatPercent(value.value)} (n = ${value.count})`);

/** The verdict table and the mean figures; a single document (`asDocument`) has no per-answer column or abstentions. */
function summaryPanel(grounding: GroundingReport, asDocument = false): string {
  const { summary } = grounding;
  const counts = verdictCounts(grounding.answers);
  const rows = VERDICTS_WORST_FIRST.map(
    (verdict) =>
      `<tr data-verdict="${verdict}"><th scope="row">${verdictBadge(verdict)}</th>${shareCell(summary.claimVerdicts[verdict], counts.claims[verdict])}${asDocument ? "" : shareCell(summary.answerVerdicts[verdict], counts.answers[verdict])}</tr>`,
  );
  const stats: [string, string, string][] = [
    ...(asDocument ? [] : ([["核对回答", "answers checked", String(summary.answers)]] as [string, string, string][])),
    ["论断", "claims", String(summary.claims)],
    ...(asDocument ? [] : ([["拒答，未核对", "abstained, not checked", String(summary.abstained)]] as [string, string, string][])),
    ["引文召回", "citation recall", meanText(summary.citationRecall)],
    ["引文切题", "citation precision", meanText(summary.citationPrecision)],
    ["上下文支持", "context support", meanText(summary.contextSupport)],
  ];
  return `<div class="panel grounding-summary">
<dl class="receipt">${stats.map(([zh, en, value]) => `<div><dt>${bilingual(zh, en)}</dt><dd>${escapeHtml(value)}</dd></div>`).join("")}</dl>
<div class="table-scroll"><table class="metrics-table grounding-table"><thead><tr><th scope="col">${bilingual("判断", "verdict")}</th><th class="num" scope="col">论断 <span class="en">(claims)</span></th>${asDocument ? "" : `<th class="num" scope="col">回答 <span class="en">(answers)</span></th>`}</tr></thead>
<tbody>${rows.join("")}</tbody></table></div>
<p class="note">每格为数目 · 占比，其下为 95% Wilson 区间。${asDocument ? "" : "一个回答有一条论断与报告矛盾即判为矛盾，全部有依据才算有依据。"}(Count · share with its 95% Wilson interval${asDocument ? "" : "; an answer is contradicted when any claim is, supported when all are"}.)</p></div>`;
}

/** The answer text with each claim wrapped in place, marked by verdict and numbered like the list below it. */
export function highlightClaims(text: string, claims: readonly VerifiedClaim[], anchor: string): string {
  let html = "";
  let position = 0;
  claims.forEach((claim, index) => {
    // Claims come in text order without overlap; one that does not is listed, not marked.
    if (claim.start < position || claim.end > text.length || claim.end <= claim.start) return;
    const label = VERDICT_LABELS[claim.verdict];
    html += answerHtml(text.slice(position, claim.start));
    html +=
      `<a class="claim v-${claim.verdict}" href="#${anchor}-c${index + 1}" title="${escapeHtml(`${label.zh} (${label.en})`)}">` +
      `<span class="claim-tag" aria-hidden="true">${VERDICT_MARKS[claim.verdict]}${index + 1}</span>${answerHtml(text.slice(claim.start, claim.end))}` +
      `<span class="visually-hidden">（论断 ${index + 1}：${escapeHtml(label.zh)} ${escapeHtml(label.en)}）</span></a>`;
    position = claim.end;
  });
  return html + answerHtml(text.slice(position));
}

function checkLine(zh: string, en: string, check: CitedCheck | undefined): string {
  if (!check) return "";
  const markers = check.markers.length > 0 ? ` ${check.markers.map((marker) => `[${marker}]`).join("")}` : "";
  return `<p class="check">${bilingual(zh, en)}${escapeHtml(markers)}: ${verdictBadge(check.verdict)}${check.reasons.map((reason) => ` <span class="muted">${escapeHtml(reason.message)}</span>`).join("")}</p>`;
}

function claimItem(claim: VerifiedClaim, index: number, anchor: string): string {
  const span = claim.spans[0];
  const spanHtml = span
    ? `<blockquote class="report-span">${escapeHtml(span.quote)}</blockquote><div class="where">${escapeHtml(span.section.join(" › ") || "—")} · <code>${escapeHtml(span.source)}</code> ${span.quoteStart}–${span.quoteEnd} · ${bilingual(`覆盖 ${Math.round(span.containment * 100)}%`, "containment")}</div>`
    : `<p class="empty">报告中没有相近的段落 (no similar passage in the report)</p>`;
  const reasons = claim.reasons.length > 0 ? `<ul class="reasons">${claim.reasons.map((reason) => `<li>${escapeHtml(reason.message)}</li>`).join("")}</ul>` : "";
  return (
    `<li class="claim-item v-${claim.verdict}" id="${anchor}-c${index + 1}" data-verdict="${claim.verdict}"><div class="claim-what">` +
    `<p class="claim-head"><span class="claim-number">${index + 1}</span>${verdictBadge(claim.verdict)}</p><p class="claim-text">${answerHtml(claim.text)}</p>${reasons}` +
    `${checkLine("对照引文", "against its citations", claim.cited)}${checkLine("对照上下文", "against the contexts", claim.contexts)}</div>` +
    `<div class="claim-span"><h5>${bilingual("报告原文", "report span")}</h5>${spanHtml}</div></li>`
  );
}

function figureList(answer: GroundedAnswer): string {
  const figures: [string, string, number | null][] = [
    ["引文召回", "citation recall", answer.citationRecall],
    ["引文切题", "citation precision", answer.citationPrecision],
    ["上下文支持", "context support", answer.contextSupport],
  ];
  const shown = figures.filter(([, , value]) => value !== null);
  return shown.length === 0 ? "" : `<p class="note">${shown.map(([zh, en, value]) => `${bilingual(zh, en)} ${escapeHtml(formatPercent(value!))}`).join(" · ")}</p>`;
}

/** One answer: verdict, question, the text with claims marked in place, the reference, then each claim beside its report span. A document (`asDocument`) has no line or question to show. */
export function groundedAnswerArticle(answer: GroundedAnswer, asDocument = false): string {
  const anchor = `g-${answer.line}`;
  const head = [
    verdictBadge(answer.verdict),
    ...(asDocument ? [bilingual("全文", "whole text")] : [`<span class="q-id">第 ${answer.line} 行 <span class="en">(line ${answer.line})</span></span>`]),
    ...(answer.id ? [`<code>${escapeHtml(answer.id)}</code>`] : []),
  ].join(" ");
  return `<article class="grounded panel v-${answer.verdict}" id="${anchor}" data-line="${answer.line}" data-verdict="${answer.verdict}">
<h3 class="grounded-head">${head}</h3>
${!asDocument && answer.question.trim() ? `<p class="grounded-question"><strong>问</strong> ${escapeHtml(answer.question)}</p>` : ""}
<h4>${asDocument ? bilingual("原文，论断按判断标出", "text, claims marked by verdict") : bilingual("回答，论断按判断标出", "answer, claims marked by verdict")}</h4>
<p class="answer grounded-answer">${highlightClaims(answer.answer, answer.claims, anchor)}</p>
${answer.reference !== undefined ? `<h4>${bilingual("参考答案", "reference")}</h4><p class="answer reference">${escapeHtml(answer.reference)}</p>` : ""}
${figureList(answer)}
<h4>${bilingual("逐条论断", "claims")}</h4>
<ol class="claims">${answer.claims.map((claim, index) => claimItem(claim, index, anchor)).join("")}</ol>
</article>`;
}

function legend(): string {
  const items = VERDICTS_WORST_FIRST.map((verdict) => `<li><span class="claim v-${verdict}"><span class="claim-tag" aria-hidden="true">${VERDICT_MARKS[verdict]}</span>${escapeHtml(VERDICT_LABELS[verdict].zh)}</span> <span class="en">${escapeHtml(VERDICT_LABELS[verdict].en)}</span></li>`);
  return `<ul class="legend" aria-label="图例 (legend)">${items.join("")}</ul>`;
}

/** report.html's grounding section: the summary, then the worst answers (at most 20) in full. */
export function groundingSection(grounding: GroundingReport): string {
  const listed = worstFirst(grounding.answers).slice(0, LISTED_ANSWERS);
  return `${sectionOpen("grounding", "依据核对", "grounding")}
<p class="note">每个回答拆成论断（claim），逐条与报告原文比对：数字、日期、地点、列举项不同即判为矛盾。(Each answer is split into claims and each is checked against the report; a different number, date, place or list member contradicts it.)</p>
${summaryPanel(grounding)}
<h3 class="grounded-list-title">${bilingual(`最需要核对的回答 ${listed.length} / ${grounding.answers.length}`, "worst answers first")}</h3>
${legend()}
${listed.length === 0 ? `<p class="empty">没有可核对的回答 (no answer to check)</p>` : listed.map((answer) => groundedAnswerArticle(answer)).join("\n")}
</section>`;
}

/** report.html of `npm run verify -- FILE --out DIR`: one self-contained page for the document. */
export function renderGroundingDocumentHtml(report: GroundingDocumentReport): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";
  const documents = report.grounding.answers.map((answer) => groundedAnswerArticle(answer, true)).join("\n");
  return `<!doctype html>
<html lang="zh-CN">
${reportHead(`依据核对 · ${report.file}`, csp, `${REPORT_CSS}${GROUNDING_CSS}`)}
<body>
<header class="masthead"><div class="wrap">
<p class="eyebrow">江津党代会报告问答 · Jiangjin Report Q&amp;A</p>
<h1>依据核对<span class="en">Grounding report</span></h1>
<dl class="receipt"><div><dt>${bilingual("文件", "file")}</dt><dd><code>${escapeHtml(report.file)}</code></dd></div><div><dt>${bilingual("时间", "created")}</dt><dd>${escapeHtml(formatTimestamp(report.createdAt))}</dd></div></dl>
</div></header>
<main class="wrap">
${sectionOpen("grounding", "依据核对", "grounding")}${summaryPanel(report.grounding, true)}${legend()}
${documents || `<p class="empty">没有可核对的论断 (no claim to check)</p>`}
</section>
</main>
<footer><div class="wrap">由 <code>npm run verify -- --out</code> 生成 · 单个文件，离线可读，不发出任何网络请求 (self-contained: no network requests) · 报告格式 v${escapeHtml(String(report.version))}</div></footer>
</body>
</html>
`;
}
