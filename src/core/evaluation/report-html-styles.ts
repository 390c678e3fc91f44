// report.html's stylesheet, inlined: system fonts only (no web fonts to fetch), no url().
// Three layouts: desktop, phone (< 600px: the question table becomes stacked cards, nothing
// scrolls sideways but wide data tables inside their own scroller) and print (no interactive
// chrome; summary, charts and the failing questions' full content).

export const REPORT_CSS = `
:root {
  --ink: #1f2328;
  --muted: #59636e;
  --faint: #8c959f;
  --line: #d9dee4;
  --hairline: #eaedf0;
  --page: #f4f5f7;
  --surface: #ffffff;
  --subtle: #f7f8fa;
  --accent: #b0262d;
  --accent-soft: #fbeeee;
  --pass: #1a7f37;
  --pass-soft: #e9f6ec;
  --fail: #c62828;
  --fail-soft: #fdecec;
  --warn: #9a6700;
  --bar: #4a78b8;
  --bar-strong: #1f4f8f;
  --track: #edf0f3;
  --mark: #ffe27a;
  --radius: 12px;
  --sans: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  --serif: "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", serif;
  --mono: ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.7 var(--sans); -webkit-font-smoothing: antialiased;
  overflow-wrap: anywhere; font-variant-numeric: tabular-nums;
}
a { color: inherit; }
code { font-family: var(--mono); font-size: 0.86em; }
[hidden] { display: none !important; }
.en { color: var(--muted); font-weight: 400; }
.muted { color: var(--muted); }
.skip { position: absolute; left: -9999px; top: 8px; background: var(--surface); padding: 6px 12px; border-radius: 6px; z-index: 10; }
.skip:focus { left: 8px; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 24px; }

/* ── masthead and receipt ─────────────────────────────── */
.masthead { background: var(--surface); border-top: 4px solid var(--accent); border-bottom: 1px solid var(--line); }
.masthead .wrap { padding-top: 28px; padding-bottom: 24px; }
.eyebrow { margin: 0; color: var(--accent); font-weight: 600; font-size: 13px; letter-spacing: 0.04em; }
h1 { margin: 6px 0 4px; font-family: var(--serif); font-weight: 700; font-size: 32px; line-height: 1.25; letter-spacing: 0.02em; }
h1 .en { font-family: var(--sans); font-size: 17px; letter-spacing: 0; margin-left: 6px; }
.verdicts { display: flex; flex-wrap: wrap; gap: 8px; margin: 14px 0 18px; padding: 0; list-style: none; }
.pill {
  display: inline-flex; align-items: center; gap: 6px; padding: 3px 12px; border-radius: 999px;
  font-size: 13px; font-weight: 600; line-height: 1.6; border: 1px solid transparent; white-space: nowrap;
}
.pill.pass { background: var(--pass-soft); color: var(--pass); border-color: #bfe3c8; }
.pill.fail { background: var(--fail-soft); color: var(--fail); border-color: #f3c2c2; }
.pill.neutral { background: var(--subtle); color: var(--ink); border-color: var(--line); }
.pill .en { color: inherit; opacity: 0.8; font-weight: 500; }
.receipt { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 10px 24px; margin: 0; }
.receipt div { min-width: 0; }
.receipt dt { font-size: 12px; color: var(--muted); }
.receipt dd { margin: 1px 0 0; font-size: 14px; }
.receipt code { background: var(--subtle); border: 1px solid var(--hairline); border-radius: 5px; padding: 1px 5px; }

/* ── navigation ─────────────────────────────────────── */
.toc { display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 14px 0 0; font-size: 13px; }
.toc a { color: var(--muted); text-decoration: none; border-bottom: 1px solid transparent; }
.toc a:hover { color: var(--accent); border-bottom-color: currentColor; }

/* ── sections ───────────────────────────────────────── */
main { padding-bottom: 40px; }
.section { margin-top: 28px; }
h2 { margin: 0 0 12px; font-size: 20px; line-height: 1.35; font-weight: 700; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
h2 .en { font-size: 14px; }
h3 { margin: 0 0 8px; font-size: 15px; }
h4 { margin: 16px 0 6px; font-size: 13px; color: var(--muted); font-weight: 600; letter-spacing: 0.02em; }
h4:first-child { margin-top: 0; }
.panel { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 18px 20px; }
.note { font-size: 13px; color: var(--muted); margin: 10px 0 0; }

/* ── baseline diff ──────────────────────────────────── */
.baseline { border-left: 4px solid var(--accent); }
.baseline.clean { border-left-color: var(--pass); }
.diff-lists { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; margin-bottom: 14px; }
.diff-box { border-radius: 10px; padding: 12px 14px; }
.diff-box h3 { font-size: 14px; margin: 0 0 8px; }
.diff-box.fail { background: var(--fail-soft); color: var(--fail); }
.diff-box.pass { background: var(--pass-soft); color: var(--pass); }
.diff-box ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.diff-box li { color: var(--ink); font-size: 14px; }
.diff-box li a { font-family: var(--mono); font-size: 13px; font-weight: 600; text-decoration: none; border-bottom: 1px dotted currentColor; margin-right: 6px; }
.diff-box.fail li a { color: var(--fail); }
.diff-box.pass li a { color: var(--pass); }
.diff-box .none { color: var(--muted); font-size: 13px; }

/* ── tables ─────────────────────────────────────────── */
.table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 8px 10px; border-bottom: 1px solid var(--hairline); text-align: left; vertical-align: top; }
thead th { font-size: 12px; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--line); white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:last-child > * { border-bottom: 0; }
caption { text-align: left; font-weight: 600; font-size: 14px; padding: 4px 0 6px; }
.more { margin-top: 12px; }
.more > summary { cursor: pointer; margin-bottom: 8px; }
.more .table-scroll + .table-scroll { margin-top: 18px; }
tr.worse td.verdict { color: var(--fail); font-weight: 600; }
td.verdict .en, td.status .en { color: inherit; opacity: 0.85; }
tr.better td.verdict { color: var(--pass); }
.delta { font-weight: 600; }
tr.worse .delta { color: var(--fail); }
tr.better .delta { color: var(--pass); }
.status { font-weight: 700; }
.status.pass { color: var(--pass); }
.status.fail { color: var(--fail); }
tr.failed > * { background: #fff8f8; }
.metrics-table { font-size: 13px; }
.generation-facts { margin: 0; padding-left: 18px; font-size: 14px; line-height: 1.7; }
#generation .table-scroll { display: flex; gap: 24px; flex-wrap: wrap; }
.sentences del { color: var(--muted); }
.metrics-table td, .metrics-table th { white-space: nowrap; }
.metrics-table thead .en { display: block; font-size: 11px; }
.metrics-table tbody th .en { font-size: 12px; margin-left: 2px; }
.metrics-table .ci { display: block; font-size: 11px; color: var(--faint); }
.metrics-table tr.all > * { font-weight: 700; background: var(--subtle); }

/* ── summary cards ──────────────────────────────────── */
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(142px, 1fr)); gap: 12px; margin: 0; padding: 0; list-style: none; }
.card { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 14px 14px 12px; display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.card-label { font-size: 13px; font-weight: 600; }
.card-label .en { display: block; font-size: 11.5px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.card-value { font-size: 28px; font-weight: 700; line-height: 1.2; letter-spacing: -0.01em; margin-top: 6px; white-space: nowrap; }
.card-value small { font-size: 15px; font-weight: 600; margin-left: 2px; color: var(--muted); }
.card-sub { font-size: 12px; color: var(--muted); }
.card-delta { font-size: 12px; font-weight: 600; }
.card-delta.worse { color: var(--fail); }
.card-delta.better { color: var(--pass); }
.meter { position: relative; height: 6px; border-radius: 3px; background: var(--track); margin: 8px 0 4px; overflow: hidden; }
.meter .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 3px; background: var(--bar); }
.meter .band { position: absolute; top: 0; bottom: 0; background: rgba(31, 79, 143, 0.22); }
.card.split .card-value { color: var(--ink); }
.card.split .card-value .bad { color: var(--fail); }

/* ── charts ─────────────────────────────────────────── */
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
figure { margin: 0; min-width: 0; }
figcaption { font-weight: 600; font-size: 14px; margin-bottom: 8px; }
.charts .chart { width: 100%; max-width: 470px; }
figcaption .en { font-size: 12px; margin-left: 4px; }
.chart { display: block; max-width: 100%; height: auto; font-family: var(--sans); overflow: visible; }
.chart text { fill: var(--ink); font-size: 13px; }
.chart .sublabel, .chart .tick, .chart .na, .chart .muted { fill: var(--muted); font-size: 11px; }
.chart .value { font-weight: 600; font-variant-numeric: tabular-nums; }
.chart .grid { stroke: var(--hairline); stroke-width: 1; }
.chart .axis { stroke: var(--line); stroke-width: 1; }
.chart .separator { stroke: var(--line); stroke-dasharray: 2 3; }
.chart .track { fill: var(--track); }
.chart .bar { fill: var(--bar); }
.chart .emphasis .bar { fill: var(--bar-strong); }
.chart .emphasis .label { font-weight: 700; }
.chart .whisker { stroke: var(--ink); stroke-width: 1.4; fill: none; opacity: 0.75; }
.chart .column { fill: var(--bar); }
.chart .count { font-size: 11px; fill: var(--muted); }
.chart .marker line { stroke: var(--accent); stroke-width: 1.3; stroke-dasharray: 4 3; }
.chart .marker text { fill: var(--accent); font-size: 11.5px; font-weight: 600; }
.chart .bar-row:hover .bar, .chart .bin:hover .column { fill: var(--bar-strong); }

/* ── questions ──────────────────────────────────────── */
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 0 0 10px; font-size: 14px; }
.toolbar label { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
.toolbar input { width: 16px; height: 16px; accent-color: var(--accent); margin: 0; }
.button {
  font: inherit; font-size: 13px; padding: 4px 12px; border-radius: 8px; border: 1px solid var(--line);
  background: var(--surface); color: var(--ink); cursor: pointer;
}
.button:hover { border-color: var(--muted); }
.question-table { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; }
.q-row {
  display: grid; grid-template-columns: 96px 84px 92px minmax(0, 1fr) 56px 64px 74px;
  gap: 12px; align-items: baseline; padding: 10px 16px; font-size: 14px;
}
.q-header { font-size: 12px; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--line); background: var(--subtle); }
.q-header .num, .q-row .num { text-align: right; }
details.q { border-bottom: 1px solid var(--hairline); }
details.q:last-child { border-bottom: 0; }
details.q > summary { list-style: none; cursor: pointer; position: relative; }
details.q > summary::-webkit-details-marker { display: none; }
details.q > summary:hover { background: var(--subtle); }
details.q[open] > summary { background: var(--subtle); border-bottom: 1px solid var(--hairline); }
.q-status { font-weight: 700; white-space: nowrap; }
.q-status::before { content: "▸"; display: inline-block; width: 14px; line-height: 1; text-align: center; color: var(--faint); font-weight: 400; transition: transform 0.15s; }
details[open] .q-status::before { transform: rotate(90deg); }
.q-status.pass { color: var(--pass); }
.q-status.fail { color: var(--fail); }
.q-id { font-family: var(--mono); font-size: 12.5px; color: var(--muted); }
.q-type { font-size: 13px; color: var(--muted); }
.q-text { min-width: 0; }
.q-flag { display: inline-block; font-size: 11px; font-weight: 700; border-radius: 4px; padding: 0 6px; margin-left: 6px; vertical-align: 1px; white-space: nowrap; }
.q-flag.fail { background: var(--fail); color: #fff; }
.q-flag.pass { background: var(--pass); color: #fff; }
.q-flag.neutral { background: var(--track); color: var(--muted); }
.q-flag.warn { background: #fff1cc; color: #7a4d00; }
.q-mini-label { display: none; }
details.q.failed > summary { box-shadow: inset 3px 0 0 var(--fail); }
.questions:has(#only-failed:checked) details.q.passed { display: none; }

.q-body { padding: 16px 20px 20px; background: var(--surface); }
.q-columns { display: grid; grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr); gap: 20px 28px; }
.answer { margin: 0; font-size: 15.5px; line-height: 1.8; padding: 10px 14px; background: var(--subtle); border-radius: 8px; border: 1px solid var(--hairline); white-space: pre-line; }
.answer.abstained { border-style: dashed; color: var(--muted); }
.marker-ref { font-size: 11px; font-weight: 700; color: var(--accent); vertical-align: 3px; margin: 0 1px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.chip { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 13px; border: 1px solid var(--line); background: var(--surface); }
.chip.found { color: var(--pass); border-color: #bfe3c8; background: var(--pass-soft); }
.chip.missing { color: var(--fail); border-color: #f3c2c2; background: var(--fail-soft); font-weight: 600; }
.chip.number { font-family: var(--mono); color: var(--warn); border-color: #eed9a5; background: #fff8e5; }
.sentences { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 6px; }
.sentences li { display: grid; grid-template-columns: 64px minmax(0, 1fr); gap: 10px; align-items: baseline; font-size: 14px; }
.support { font-size: 12px; font-weight: 700; white-space: nowrap; }
.support.ok { color: var(--pass); }
.support.weak { color: var(--fail); }
.support-bar { display: block; height: 3px; border-radius: 2px; background: var(--track); margin-top: 3px; overflow: hidden; }
.support-bar span { display: block; height: 100%; background: currentColor; }
.citations { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 10px; }
.citation { display: grid; grid-template-columns: 30px minmax(0, 1fr); gap: 8px; }
.citation .marker-ref { font-size: 12px; vertical-align: 0; line-height: 1.9; }
.citation blockquote { margin: 0; padding: 2px 0 2px 10px; border-left: 3px solid var(--line); font-family: var(--serif); font-size: 14.5px; line-height: 1.75; }
.citation .where { font-size: 12px; color: var(--muted); margin-top: 2px; }
.flags { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; margin-top: 2px; }
.flag.ok { color: var(--pass); }
.flag.bad { color: var(--fail); font-weight: 600; }
.passages { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 10px; }
.passage { border: 1px solid var(--hairline); border-radius: 10px; padding: 10px 14px; background: var(--surface); }
.passage.relevant { border-color: #e9cf6b; background: #fffdf2; }
.passage-meta { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.rank { font-weight: 700; color: var(--ink); font-size: 13px; }
.score { font-family: var(--mono); }
.tag { font-weight: 700; color: #7a5b00; background: var(--mark); border-radius: 4px; padding: 0 6px; }
.chunk-id { font-size: 11px; color: var(--faint); }
.passage-text { margin: 0; font-family: var(--serif); font-size: 14.5px; line-height: 1.85; white-space: pre-line; }
mark { background: var(--mark); color: inherit; padding: 1px 0; border-radius: 2px; box-shadow: 0 1px 0 #d9b400; }
.empty { color: var(--muted); font-size: 13px; margin: 0; }

.problems ul { margin: 0; padding-left: 20px; }
.problems li { font-size: 14px; }
.q-body > .note.status { margin: 0 0 12px; }

/* latency */
.latency-grid { display: grid; grid-template-columns: minmax(0, 420px) minmax(0, 1fr); gap: 20px 36px; align-items: start; }
.latency-stats { display: flex; gap: 28px; margin: 0 0 16px; }
.latency-stats dt { font-size: 12px; color: var(--muted); }
.latency-stats dd { margin: 0; font-size: 20px; font-weight: 700; }
.slowest { margin: 0; padding: 0; list-style: none; counter-reset: slow; }
.slowest li { display: grid; grid-template-columns: 76px minmax(0, 1fr) auto; gap: 10px; align-items: baseline; padding: 6px 0; border-bottom: 1px solid var(--hairline); font-size: 14px; }
.slowest li:last-child { border-bottom: 0; }
.slowest a { font-family: var(--mono); font-size: 12.5px; color: var(--muted); }
.slow-question { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.slow-ms { font-weight: 600; white-space: nowrap; }
.print-only { display: none; }
footer { color: var(--muted); font-size: 12px; padding: 18px 0 32px; border-top: 1px solid var(--line); }

/* ── phone ──────────────────────────────────────────── */
@media (max-width: 600px) {
  body { font-size: 14.5px; }
  .wrap { padding: 0 14px; }
  .masthead .wrap { padding-top: 20px; padding-bottom: 18px; }
  h1 { font-size: 25px; }
  h1 .en { display: block; margin: 2px 0 0; font-size: 14px; }
  h2 { font-size: 18px; }
  .verdicts { gap: 6px; margin: 12px 0 14px; }
  .pill { font-size: 12px; padding: 2px 10px; }
  .pill .en { display: none; }
  .receipt { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 14px; }
  .receipt dt { font-size: 11px; }
  .receipt dd { font-size: 13px; }
  .panel { padding: 14px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .card { padding: 12px; }
  .card-value { font-size: 24px; }
  .charts { grid-template-columns: minmax(0, 1fr); }
  .charts .panel, .latency-grid { padding: 12px 10px; }
  .latency-grid { grid-template-columns: minmax(0, 1fr); }
  .latency-stats dd { font-size: 17px; }
  .stack-table thead { display: none; }
  .stack-table tr { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 2px 10px; padding: 10px 0; border-bottom: 1px solid var(--hairline); }
  .stack-table tbody tr:last-child { border-bottom: 0; }
  .stack-table th, .stack-table td { border: 0; padding: 0; text-align: left; white-space: normal; }
  .stack-table td[data-label]::before { content: attr(data-label); display: block; font-size: 11px; font-weight: 400; color: var(--muted); }
  .stack-table.deltas th { grid-column: 1 / 3; }
  .stack-table.deltas .verdict { grid-column: 3; grid-row: 1; text-align: right; }
  .stack-table .verdict .en, .stack-table .status .en { display: none; }
  .stack-table.thresholds th { grid-column: 1 / 3; grid-row: 1; }
  .stack-table.thresholds .status { grid-column: 3; grid-row: 1; text-align: right; }
  tr.failed > * { background: transparent; }
  .q-header { display: none; }
  .q-row {
    grid-template-columns: auto auto minmax(0, 1fr);
    grid-template-areas: "status id type" "text text text" "facts rank latency";
    gap: 4px 10px; padding: 12px 14px;
  }
  .q-row > .q-status { grid-area: status; }
  .q-row > .q-id { grid-area: id; }
  .q-row > .q-type { grid-area: type; text-align: right; }
  .q-row > .q-text { grid-area: text; font-size: 15px; }
  .q-row > .q-facts { grid-area: facts; text-align: left; }
  .q-row > .q-rank { grid-area: rank; text-align: left; }
  .q-row > .q-latency { grid-area: latency; text-align: right; }
  .q-row > .num { font-size: 12px; color: var(--muted); }
  .q-mini-label { display: inline; }
  .q-body { padding: 14px; }
  .q-columns { grid-template-columns: minmax(0, 1fr); }
  .passage { padding: 10px 12px; }
}

/* ── print ──────────────────────────────────────────── */
@media print {
  @page { margin: 14mm 12mm; }
  body { background: #fff; font-size: 11pt; }
  .wrap { max-width: none; padding: 0; }
  .masthead { border-bottom: 0; }
  .toc, .toolbar, .skip, .no-print { display: none !important; }
  details.q > .q-body { display: none !important; }
  details.q > summary { break-inside: avoid; }
  .q-status::before { content: none; }
  .panel, .card, .question-table, .passage { box-shadow: none; }
  .card, figure, .passage, .citation, tr, .diff-box { break-inside: avoid; }
  .print-only { display: block; }
  .print-question { break-inside: auto; border-top: 2px solid var(--ink); padding-top: 10px; margin-top: 18px; }
  .print-question > h3 { font-size: 13pt; break-after: avoid; }
  .table-scroll { overflow: visible; }
  a { text-decoration: none; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .pill, .chip, .tag, .q-flag, .meter, .chart, .diff-box { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
