import type { BaselineDiff, EvaluationReport, MetricName, MetricValue, QuestionReport } from "./evaluation-report.js";
import { deltaArrow, formatDelta, formatIntervalRich, formatMilliseconds, formatPercent, formatTimestamp, formatValueRich, METRIC_GROUPS, METRIC_LABELS, modeLabel, overallSummary, splitLabel, summariesAllLast, thresholdComparator, typeLabel } from "./report-format.js";
import { escapeHtml } from "./report-html-escape.js";
import { REPORT_SCRIPT, REPORT_SCRIPT_SHA256 } from "./report-html-script.js";
import { REPORT_CSS } from "./report-html-styles.js";
import { renderBarChart, renderHistogram, type BarRow } from "./report-svg-charts.js";

import { calibrationSection } from "./report-html-calibration.js";
import { generationSection } from "./report-html-generation.js";
import { groundingSection } from "./report-html-grounding.js";
import { GROUNDING_CSS } from "./report-html-grounding-styles.js";
import { bilingual, percentWidth, questionAnchor, sectionOpen, reportHead } from "./report-html-parts.js";
import { printSection, questionsSection } from "./report-html-questions.js";

export { highlightEvidence, questionAnchor } from "./report-html-parts.js";

// report.html: one self-contained file (inline CSS, inline SVG, one optional inline script
// allowed by hash; no request to anywhere). Every string from the report goes through
// escapeHtml; the only markup in the output is the markup written here.


// ── header ─────────────────────────────────────────────

function masthead(report: EvaluationReport, sections: readonly { id: string; label: string }[]): string {
  const total = report.questions.length;
  const passed = report.questions.filter((question) => question.passed).length;
  const pills: string[] = [];
  if (total > 0) pills.push(`<li><span class="pill ${passed === total ? "pass" : "neutral"}">${passed} / ${total} 通过 <span class="en">(passed)</span></span></li>`);
  if (report.grounding) {
    const answers = report.grounding.answers;
    const contradicted = answers.filter((answer) => answer.verdict === "contradicted").length;
    pills.push(
      contradicted > 0
        ? `<li><span class="pill fail">✗ ${contradicted} / ${answers.length} 个回答与报告矛盾 <span class="en">(contradicted)</span></span></li>`
        : `<li><span class="pill pass">✓ 没有与报告矛盾的回答 <span class="en">(none contradicted, ${answers.length} checked)</span></span></li>`,
    );
  }
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
  ];
  if (report.questionFile) facts.push(["题目文件", "questions", `<code>${escapeHtml(report.questionFile)}</code>`]);
  if (report.split) facts.push(["子集", "split", `<code>${escapeHtml(report.split)}</code> ${escapeHtml(splitLabel(report.split))}`]);
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

function problemsSection(report: EvaluationReport): string {
  if (report.problems.length === 0) return "";
  const items = report.problems.map((problem) => `<li><code>${escapeHtml(`${problem.file}:${problem.line}`)}</code> ${escapeHtml(problem.message)}</li>`);
  return `${sectionOpen("problems", "跳过的输入行", "skipped input lines")}<div class="panel problems"><ul>${items.join("")}</ul></div></section>`;
}

/** report.html: one self-contained page — receipt, baseline diff, thresholds, cards, charts, questions. */
export function renderReportHtml(report: EvaluationReport): string {
  const calibration = report.calibration ?? [];
  // A grounding-only report (answers to no gold question) has no gold metrics to show.
  const gold = report.mode !== "grounding";
  const sections = [
    ...(report.baseline ? [{ id: "baseline", label: "与基线对比" }] : []),
    ...(report.thresholds && report.thresholds.length > 0 ? [{ id: "thresholds", label: "门槛" }] : []),
    ...(gold ? [{ id: "summary", label: "总览" }, { id: "by-type", label: "分题型" }] : []),
    ...(calibration.length > 0 ? [{ id: "calibration", label: "回答类别" }] : []),
    ...(report.generation ? [{ id: "generation", label: "生成核验" }] : []),
    ...(gold ? [{ id: "latency", label: "耗时" }, { id: "questions", label: "逐题结果" }] : []),
    ...(report.grounding ? [{ id: "grounding", label: "依据核对" }] : []),
    ...(report.problems.length > 0 ? [{ id: "problems", label: "跳过的输入行" }] : []),
  ];
  const questions = new Map(report.questions.map((question) => [question.id, question]));
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${REPORT_SCRIPT_SHA256}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const date = formatTimestamp(report.createdAt).slice(0, 10);
  return `<!doctype html>
<html lang="zh-CN">
${reportHead(`评测报告 · 江津党代会报告问答 · ${date}`, csp, `${REPORT_CSS}${report.grounding ? GROUNDING_CSS : ""}`)}
<body>
${gold ? `<a class="skip" href="#questions">跳到逐题结果 (skip to questions)</a>` : `<a class="skip" href="#grounding">跳到依据核对 (skip to grounding)</a>`}
${masthead(report, sections)}
<main class="wrap">
${report.baseline ? baselineSection(report.baseline, questions) : ""}
${report.thresholds && report.thresholds.length > 0 ? thresholdSection(report) : ""}
${gold ? summaryCards(report) : ""}
${gold ? byTypeSection(report) : ""}
${calibration.length > 0 ? calibrationSection(calibration) : ""}
${report.generation ? generationSection(report.generation) : ""}
${gold ? latencySection(report) : ""}
${gold ? questionsSection(report) : ""}
${gold ? printSection(report) : ""}
${report.grounding ? groundingSection(report.grounding) : ""}
${problemsSection(report)}
</main>
<footer><div class="wrap">由 <code>npm run eval</code> 生成 · 单个文件，离线可读，不发出任何网络请求 (self-contained: no network requests) · 报告格式 v${escapeHtml(String(report.version))}</div></footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
