import type { BaselineDiff, EvaluationReport, MetricName, MetricValue, QuestionReport, ReportPassage } from "./evaluation-report.js";
import {
  deltaArrow,
  expectedFactText,
  formatDelta,
  formatIntervalRich,
  formatMilliseconds,
  formatPercent,
  formatTimestamp,
  formatValueRich,
  mergeRanges,
  METRIC_GROUPS,
  METRIC_LABELS,
  modeLabel,
  overallSummary,
  summariesAllLast,
  thresholdComparator,
  typeLabel,
  typeLabelWithName,
} from "./report-format.js";
import { escapeHtml } from "./report-html-escape.js";
import { REPORT_SCRIPT, REPORT_SCRIPT_SHA256 } from "./report-html-script.js";
import { REPORT_CSS } from "./report-html-styles.js";
import { renderBarChart, renderHistogram, type BarRow } from "./report-svg-charts.js";

// report.html: one self-contained file (inline CSS, inline SVG, one optional inline script
// allowed by hash; no request to anywhere). Every string from the report goes through
// escapeHtml; the only markup in the output is the markup written here.

/** "中文 (English)" with the English part quieter. */
function bilingual(zh: string, en: string): string {
  return `${escapeHtml(zh)} <span class="en">(${escapeHtml(en)})</span>`;
}

/** A stable, safe element id for a question: "q-" and the id with anything unusual spelled as _hex. */
export function questionAnchor(id: string): string {
  return `q-${id.replace(/[^A-Za-z0-9_-]/gu, (character) => `_${(character.codePointAt(0) ?? 0).toString(16)}`)}`;
}

/** Answer text with its citation markers [1] set as small superscripts. */
function answerHtml(text: string): string {
  return escapeHtml(text).replace(/\[(\d+)\]/gu, '<sup class="marker-ref">[$1]</sup>');
}

/**
 * Passage text with the gold evidence ranges (offsets into `text`) wrapped in <mark>. Offsets
 * apply to the text as given; only afterwards is a blank line between heading and paragraph
 * shown as a plain line break.
 */
export function highlightEvidence(passage: Pick<ReportPassage, "text" | "evidence">): string {
  const ranges = mergeRanges(passage.evidence, passage.text.length);
  let html = "";
  let position = 0;
  for (const range of ranges) {
    html += escapeHtml(passage.text.slice(position, range.start));
    html += `<mark title="标准证据 (gold evidence)">${escapeHtml(passage.text.slice(range.start, range.end))}</mark>`;
    position = range.end;
  }
  return (html + escapeHtml(passage.text.slice(position))).replace(/\n{2,}/gu, "\n");
}

const percentWidth = (value: number) => `${Math.max(0, Math.min(100, value * 100)).toFixed(1)}%`;

// ── header ─────────────────────────────────────────────

function masthead(report: EvaluationReport, sections: readonly { id: string; label: string }[]): string {
  const total = report.questions.length;
  const passed = report.questions.filter((question) => question.passed).length;
  const pills: string[] = [
    `<li><span class="pill ${passed === total ? "pass" : "neutral"}">${passed} / ${total} 通过 <span class="en">(passed)</span></span></li>`,
  ];
  if (report.thresholds && report.thresholds.length > 0) {
    const failed = report.thresholds.filter((threshold) => !threshold.passed).length;
    pills.push(
      failed > 0
        ? `<li><span class="pill fail">✗ ${failed} 项门槛未达标 <span class="en">(${failed} threshold${failed === 1 ? "" : "s"} failed)</span></span></li>`
        : `<li><span class="pill pass">✓ 门槛全部达标 <span class="en">(all thresholds met)</span></span></li>`,
    );
  }
  if (report.baseline) {
    const count = report.baseline.newlyFailing.length;
    pills.push(
      count > 0
        ? `<li><span class="pill fail">${count} 道新失败 <span class="en">(newly failing)</span></span></li>`
        : `<li><span class="pill pass">无新失败 <span class="en">(no new failures)</span></span></li>`,
    );
  }
  if (report.problems.length > 0) {
    pills.push(`<li><span class="pill neutral">跳过 ${report.problems.length} 行输入 <span class="en">(skipped lines)</span></span></li>`);
  }
  const facts: [string, string, string][] = [
    ["时间", "created", escapeHtml(formatTimestamp(report.createdAt))],
    ["方式", "mode", escapeHtml(modeLabel(report.mode))],
    ["题目文件", "questions", `<code>${escapeHtml(report.questionFile)}</code>`],
  ];
  if (report.answerFile) facts.push(["答案文件", "answers", `<code>${escapeHtml(report.answerFile)}</code>`]);
  if (report.engine) {
    facts.push(
      ["向量", "embedder", `<code>${escapeHtml(report.engine.embedder)}</code>`],
      ["检索", "retriever", `<code>${escapeHtml(report.engine.retriever)}</code>`],
      ["作答", "answerer", `<code>${escapeHtml(report.engine.answerer)}</code>`],
      ["索引", "index", `<code title="${escapeHtml(report.engine.indexHash)}">${escapeHtml(report.engine.indexHash.slice(0, 16))}${report.engine.indexHash.length > 16 ? "…" : ""}</code>`],
    );
  }
  return `<header class="masthead"><div class="wrap">
<p class="eyebrow">江津党代会报告问答 · Jiangjin Report Q&amp;A</p>
<h1>评测报告<span class="en">Evaluation report</span></h1>
<ul class="verdicts" aria-label="结论 (verdict)">${pills.join("")}</ul>
<dl class="receipt">${facts.map(([zh, en, value]) => `<div><dt>${bilingual(zh, en)}</dt><dd>${value}</dd></div>`).join("")}</dl>
<nav class="toc" aria-label="目录 (contents)">${sections.map((section) => `<a href="#${section.id}">${escapeHtml(section.label)}</a>`).join("")}</nav>
</div></header>`;
}

function sectionOpen(id: string, zh: string, en: string, extraClass = ""): string {
  return `<section class="section${extraClass ? ` ${extraClass}` : ""}" id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${bilingual(zh, en)}</h2>`;
}

// ── baseline and thresholds ────────────────────────────

function idLinks(ids: readonly string[], questions: ReadonlyMap<string, QuestionReport>): string {
  if (ids.length === 0) return `<p class="none">无 (none)</p>`;
  const items = ids.map((id) => {
    const question = questions.get(id);
    const link = question ? `<a href="#${questionAnchor(id)}">${escapeHtml(id)}</a>` : `<code>${escapeHtml(id)}</code>`;
    return `<li>${link}${question ? escapeHtml(question.question) : ""}</li>`;
  });
  return `<ul>${items.join("")}</ul>`;
}

function baselineSection(baseline: BaselineDiff, questions: ReadonlyMap<string, QuestionReport>): string {
  const rows = baseline.deltas.map((delta) => {
    const state = delta.delta === null ? "" : delta.worse ? "worse" : delta.delta === 0 ? "same" : "better";
    const verdict =
      state === "worse" ? `✗ ${bilingual("变差", "worse")}` : state === "better" ? `✓ ${bilingual("改善", "better")}` : state === "same" ? bilingual("持平", "same") : "—";
    const change = delta.delta === null ? "—" : `${deltaArrow(delta.delta)} ${escapeHtml(formatDelta(delta.metric, delta.delta, true))}`;
    return (
      `<tr class="${state}" data-metric="${escapeHtml(delta.metric)}"><th scope="row">${bilingual(METRIC_LABELS[delta.metric].zh, METRIC_LABELS[delta.metric].en)}</th>` +
      `<td class="num before" data-label="基线 (before)">${escapeHtml(formatValueRich(delta.metric, delta.before))}</td>` +
      `<td class="num after" data-label="本次 (after)">${escapeHtml(formatValueRich(delta.metric, delta.after))}</td>` +
      `<td class="num delta" data-label="变化 (delta)">${change}</td><td class="verdict">${verdict}</td></tr>`
    );
  });
  const table =
    rows.length === 0
      ? ""
      : `<div class="table-scroll"><table class="stack-table deltas"><thead><tr><th>指标 (metric)</th><th class="num">基线 (before)</th><th class="num">本次 (after)</th><th class="num">变化 (delta)</th><th>判断 (verdict)</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
  return `${sectionOpen("baseline", "与基线对比", "baseline diff")}
<div class="panel baseline${baseline.newlyFailing.length === 0 ? " clean" : ""}">
<div class="diff-lists">
<div class="diff-box fail newly-failing"><h3>✗ 新失败 <span class="en">(newly failing)</span> · ${baseline.newlyFailing.length}</h3>${idLinks(baseline.newlyFailing, questions)}</div>
<div class="diff-box pass newly-passing"><h3>✓ 新通过 <span class="en">(newly passing)</span> · ${baseline.newlyPassing.length}</h3>${idLinks(baseline.newlyPassing, questions)}</div>
</div>
${table}
<p class="note">基线生成于 ${escapeHtml(formatTimestamp(baseline.baselineCreatedAt))} <span class="en">(baseline created)</span>。比例的变化以百分点计 (pp = percentage points)。</p>
</div></section>`;
}

function thresholdSection(report: EvaluationReport): string {
  const thresholds = report.thresholds ?? [];
  const rows = thresholds.map(
    (threshold) =>
      `<tr class="${threshold.passed ? "passed" : "failed"}" data-metric="${escapeHtml(threshold.metric)}"><td class="status ${threshold.passed ? "pass" : "fail"}">${threshold.passed ? `✓ ${bilingual("达标", "met")}` : `✗ ${bilingual("未达标", "failed")}`}</td>` +
      `<th scope="row">${bilingual(METRIC_LABELS[threshold.metric].zh, METRIC_LABELS[threshold.metric].en)}</th>` +
      `<td class="num threshold" data-label="门槛 (threshold)">${thresholdComparator(threshold.metric)} ${escapeHtml(formatValueRich(threshold.metric, threshold.threshold))}</td>` +
      `<td class="num value" data-label="本次 (value)">${escapeHtml(formatValueRich(threshold.metric, threshold.value))}</td></tr>`,
  );
  return `${sectionOpen("thresholds", "门槛", "thresholds")}
<div class="panel"><div class="table-scroll"><table class="stack-table thresholds"><thead><tr><th>结果 (result)</th><th>指标 (metric)</th><th class="num">门槛 (threshold)</th><th class="num">本次 (value)</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>
<p class="note">任何一项未达标，<code>npm run eval</code> 以非零状态退出 (a failed threshold makes the run exit non-zero)。</p></div></section>`;
}

// ── summary cards ──────────────────────────────────────

interface CardDelta {
  readonly text: string;
  readonly worse: boolean;
}

function cardDelta(baseline: BaselineDiff | undefined, metric: MetricName, invert = false): CardDelta | undefined {
  const delta = baseline?.deltas.find((entry) => entry.metric === metric);
  if (!delta || delta.delta === null) return undefined;
  const value = invert ? -delta.delta : delta.delta;
  return { text: `较基线 ${deltaArrow(value)} ${formatDelta(metric, value, true)}`, worse: delta.worse };
}

function deltaLine(delta: CardDelta | undefined): string {
  if (!delta) return "";
  const state = delta.worse ? "worse" : delta.text.includes("=") ? "" : "better";
  return `<span class="card-delta ${state}">${escapeHtml(delta.text)}</span>`;
}

function proportionCard(zh: string, en: string, metric: MetricName, value: MetricValue | undefined, delta: CardDelta | undefined, invert = false): string {
  const raw = value?.value ?? null;
  const shown = raw === null ? null : invert ? 1 - raw : raw;
  const low = value?.low === undefined ? undefined : invert ? 1 - (value.high ?? 1) : value.low;
  const high = value?.high === undefined ? undefined : invert ? 1 - (value.low ?? 0) : value.high;
  const interval = shown !== null && low !== undefined && high !== undefined ? `区间 ${(low * 100).toFixed(1)}–${formatPercent(high)}` : "";
  const meter =
    shown === null
      ? ""
      : `<div class="meter" aria-hidden="true">${low !== undefined && high !== undefined ? `<span class="band" style="left:${percentWidth(low)};width:${percentWidth(high - low)}"></span>` : ""}<span class="fill" style="width:${percentWidth(shown)}"></span></div>`;
  const count = value ? `n = ${value.count}` : "";
  return (
    `<li class="card" data-metric="${escapeHtml(metric)}"><span class="card-label">${bilingual(zh, en)}</span>` +
    `<span class="card-value">${shown === null ? "—" : escapeHtml(formatPercent(shown))}</span>${meter}` +
    `${interval ? `<span class="card-sub" title="95% Wilson 区间 (95% Wilson interval)">${escapeHtml(interval)}</span>` : ""}<span class="card-sub">${escapeHtml(count)}</span>${deltaLine(delta)}</li>`
  );
}

function summaryCards(report: EvaluationReport): string {
  const overall = overallSummary(report);
  const metrics = overall?.metrics;
  const total = report.questions.length;
  const failed = report.questions.filter((question) => !question.passed).length;
  const baseline = report.baseline;
  const p50 = metrics?.latencyP50Ms.value ?? null;
  const p95 = metrics?.latencyP95Ms.value ?? null;
  const cards = [
    `<li class="card split" data-metric="questions"><span class="card-label">${bilingual("题目", "questions")}</span><span class="card-value">${total}</span><span class="card-sub status pass">✓ ${total - failed} 通过</span><span class="card-sub status ${failed > 0 ? "fail" : "pass"}">✗ ${failed} 未通过</span>${baseline ? `<span class="card-sub">新失败 ${baseline.newlyFailing.length} · 新通过 ${baseline.newlyPassing.length}</span>` : ""}</li>`,
    proportionCard("事实召回", "fact recall", "factRecall", metrics?.factRecall, cardDelta(baseline, "factRecall")),
    proportionCard("前5命中", "hit@5", "hitAt5", metrics?.hitAt5, cardDelta(baseline, "hitAt5")),
    proportionCard("拒答准确率", "abstention acc.", "abstentionAccuracy", metrics?.abstentionAccuracy, cardDelta(baseline, "abstentionAccuracy")),
    proportionCard("误拒答率", "false abstention", "falseAbstentionRate", metrics?.falseAbstentionRate, cardDelta(baseline, "falseAbstentionRate")),
    proportionCard("数字可信度", "number fidelity", "unsupportedNumberRate", metrics?.unsupportedNumberRate, cardDelta(baseline, "unsupportedNumberRate", true), true),
    `<li class="card" data-metric="latencyP50Ms"><span class="card-label">${bilingual("延迟中位数", "median latency")}</span><span class="card-value">${p50 === null ? "—" : `${escapeHtml(formatMilliseconds(p50).replace(" ms", ""))}<small>ms</small>`}</span><span class="card-sub">${p95 === null ? "" : `p95 ${escapeHtml(formatMilliseconds(p95))}`}</span>${deltaLine(cardDelta(baseline, "latencyP50Ms"))}</li>`,
  ];
  return `${sectionOpen("summary", "总览", "summary")}<ul class="cards">${cards.join("")}</ul>
<p class="note">数字可信度 = 1 − 无据数字率 (number fidelity = 1 − unsupported-number rate)：回答里的数字都能在所引原文中找到的比例。“区间”为 95% Wilson 区间 (95% Wilson interval)：样本少时区间宽，落在区间内的差异可能只是噪声。</p></section>`;
}

// ── charts and the per-type table ──────────────────────

function chartRows(report: EvaluationReport, metric: MetricName): BarRow[] {
  return summariesAllLast(report).map((summary) => {
    const value = summary.metrics[metric];
    const label = typeLabel(summary.type);
    return {
      label,
      ...(label !== summary.type ? { sublabel: summary.type } : {}),
      value: value?.value ?? null,
      ...(value?.low !== undefined ? { low: value.low } : {}),
      ...(value?.high !== undefined ? { high: value.high } : {}),
      count: value?.count ?? 0,
      emphasis: summary.type === "all",
    };
  });
}

function metricsTables(report: EvaluationReport): string {
  const summaries = summariesAllLast(report);
  return METRIC_GROUPS.map((group) => {
    const headers = group.metrics
      .map((metric) => `<th class="num" scope="col">${escapeHtml(METRIC_LABELS[metric].zh)}<span class="en">${escapeHtml(METRIC_LABELS[metric].en)}</span></th>`)
      .join("");
    const rows = summaries.map((summary) => {
      const cells = group.metrics.map((metric) => {
        const value = summary.metrics[metric];
        const interval = formatIntervalRich(metric, value);
        return `<td class="num" data-metric="${escapeHtml(metric)}">${escapeHtml(formatValueRich(metric, value?.value ?? null))}${interval ? `<span class="ci">${escapeHtml(interval)}</span>` : ""}</td>`;
      });
      const label = typeLabel(summary.type);
      const name = label === summary.type ? escapeHtml(label) : `${escapeHtml(label)} <span class="en">${escapeHtml(summary.type)}</span>`;
      return `<tr class="${summary.type === "all" ? "all" : ""}" data-type="${escapeHtml(summary.type)}"><th scope="row">${name}</th><td class="num">${summary.questions}</td>${cells.join("")}</tr>`;
    });
    return `<div class="table-scroll"><table class="metrics-table"><caption>${bilingual(group.zh, group.en)}</caption><thead><tr><th scope="col">题型 <span class="en">type</span></th><th class="num" scope="col">题数<span class="en">n</span></th>${headers}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
  }).join("");
}

function byTypeSection(report: EvaluationReport): string {
  const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
  const charts = (
    [
      ["factRecall", "事实召回", "fact recall"],
      ["hitAt5", "前5命中", "hit@5"],
    ] as const
  ).map(([metric, zh, en]) => {
    const chart = renderBarChart({
      id: `chart-${metric}`,
      title: `${zh} (${en})，按题型 (by question type)`,
      description: `每种题型一条横条，数值为比例，细线为 95% Wilson 区间。(One bar per question type; the whisker is the 95% Wilson interval.)`,
      rows: chartRows(report, metric),
      formatValue: percent,
    });
    return `<figure class="panel"><figcaption>${bilingual(zh, en)}</figcaption>${chart}</figure>`;
  });
  return `${sectionOpen("by-type", "分题型", "by question type")}<div class="charts">${charts.join("")}</div>
<details class="panel more"><summary><strong>全部指标</strong> <span class="en">(all metrics by type; 95% Wilson interval below each share)</span></summary>${metricsTables(report)}</details></section>`;
}

function latencySection(report: EvaluationReport): string {
  const overall = overallSummary(report)?.metrics;
  const p50 = overall?.latencyP50Ms.value ?? null;
  const p95 = overall?.latencyP95Ms.value ?? null;
  const markers = [
    ...(p50 !== null ? [{ label: `p50 ${formatMilliseconds(p50)}`, value: p50 }] : []),
    ...(p95 !== null ? [{ label: `p95 ${formatMilliseconds(p95)}`, value: p95 }] : []),
  ];
  const chart = renderHistogram({
    id: "chart-latency",
    title: "每题耗时分布 (latency histogram)",
    description: "横轴为耗时区间（毫秒），纵轴为题数；虚线为中位数与 p95。(Questions per latency bin in milliseconds; dashed lines mark p50 and p95.)",
    bins: report.latencyHistogram,
    markers,
  });
  const timed = report.questions.filter((question) => question.latencyMs !== null);
  const slowest = [...timed].sort((one, other) => (other.latencyMs ?? 0) - (one.latencyMs ?? 0)).slice(0, 5);
  const slowList =
    slowest.length === 0
      ? `<p class="empty">无 (none)</p>`
      : `<ol class="slowest">${slowest
          .map(
            (question) =>
              `<li><a href="#${questionAnchor(question.id)}">${escapeHtml(question.id)}</a><span class="slow-question">${escapeHtml(question.question)}</span><span class="slow-ms">${escapeHtml(formatMilliseconds(question.latencyMs ?? 0))}</span></li>`,
          )
          .join("")}</ol>`;
  const stats = [
    ["中位数", "p50", p50],
    ["p95", "p95", p95],
    ["最长", "max", timed.length > 0 ? Math.max(...timed.map((question) => question.latencyMs ?? 0)) : null],
  ] as const;
  return `${sectionOpen("latency", "耗时", "latency")}<div class="panel latency-grid">
<figure><figcaption>${bilingual("每题耗时分布", "questions per latency bin")}</figcaption>${chart}</figure>
<div><dl class="latency-stats">${stats.map(([zh, en, value]) => `<div><dt>${zh === en ? escapeHtml(zh) : bilingual(zh, en)}</dt><dd>${value === null ? "—" : escapeHtml(formatMilliseconds(value))}</dd></div>`).join("")}</dl>
<h3>${bilingual("最慢的题目", "slowest questions")}</h3>${slowList}</div>
</div></section>`;
}

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

function questionsSection(report: EvaluationReport): string {
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
function printSection(report: EvaluationReport): string {
  const failed = report.questions.filter((question) => !question.passed);
  if (failed.length === 0) return "";
  const articles = failed.map(
    (question) =>
      `<article class="print-question" data-id="${escapeHtml(question.id)}"><h3>✗ ${escapeHtml(question.id)} · ${escapeHtml(typeLabelWithName(question.type))} — ${escapeHtml(question.question)}</h3>${questionBody(question)}</article>`,
  );
  return `${sectionOpen("failed-print", "未通过的问题详情", "failed questions in full", "print-only")}${articles.join("\n")}</section>`;
}

function problemsSection(report: EvaluationReport): string {
  if (report.problems.length === 0) return "";
  const items = report.problems.map((problem) => `<li><code>${escapeHtml(`${problem.file}:${problem.line}`)}</code> ${escapeHtml(problem.message)}</li>`);
  return `${sectionOpen("problems", "跳过的输入行", "skipped input lines")}<div class="panel problems"><ul>${items.join("")}</ul></div></section>`;
}

/** report.html: one self-contained page — receipt, baseline diff, thresholds, cards, charts, questions. */
export function renderReportHtml(report: EvaluationReport): string {
  const sections = [
    ...(report.baseline ? [{ id: "baseline", label: "与基线对比" }] : []),
    ...(report.thresholds && report.thresholds.length > 0 ? [{ id: "thresholds", label: "门槛" }] : []),
    { id: "summary", label: "总览" },
    { id: "by-type", label: "分题型" },
    { id: "latency", label: "耗时" },
    { id: "questions", label: "逐题结果" },
    ...(report.problems.length > 0 ? [{ id: "problems", label: "跳过的输入行" }] : []),
  ];
  const questions = new Map(report.questions.map((question) => [question.id, question]));
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${REPORT_SCRIPT_SHA256}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const date = formatTimestamp(report.createdAt).slice(0, 10);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>评测报告 · 江津党代会报告问答 · ${escapeHtml(date)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<a class="skip" href="#questions">跳到逐题结果 (skip to questions)</a>
${masthead(report, sections)}
<main class="wrap">
${report.baseline ? baselineSection(report.baseline, questions) : ""}
${report.thresholds && report.thresholds.length > 0 ? thresholdSection(report) : ""}
${summaryCards(report)}
${byTypeSection(report)}
${latencySection(report)}
${questionsSection(report)}
${printSection(report)}
${problemsSection(report)}
</main>
<footer><div class="wrap">由 <code>npm run eval</code> 生成 · 单个文件，离线可读，不发出任何网络请求 (self-contained: no network requests) · 报告格式 v${escapeHtml(String(report.version))}</div></footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
