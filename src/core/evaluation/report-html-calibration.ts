import type { AnswerKindCalibration } from "./evaluation-report.js";
import { escapeHtml } from "./report-html-escape.js";
import { bilingual, sectionOpen, shareCell } from "./report-html-parts.js";

// report.html's "answer kind × share correct" section: does "direct" mean right and
// "not-in-report" mean the report has no answer?

export function calibrationSection(rows: readonly AnswerKindCalibration[]): string {
  const body = rows.map(
    (row) => `<tr data-answer-kind="${escapeHtml(row.answerKind)}"><th scope="row"><code>${escapeHtml(row.answerKind)}</code></th><td class="num">${row.questions}</td>${shareCell(row.answerable)}${shareCell(row.factsFound)}</tr>`,
  );
  return `${sectionOpen("calibration", "回答类别校准", "answer kind calibration")}<div class="panel"><div class="table-scroll"><table class="metrics-table calibration">
<thead><tr><th scope="col">${bilingual("类别", "answer kind")}</th><th class="num" scope="col">题数<span class="en">n</span></th><th class="num" scope="col">可回答<span class="en">answerable</span></th><th class="num" scope="col">事实全对<span class="en">facts found</span></th></tr></thead>
<tbody>${body.join("")}</tbody></table></div>
<p class="note">可回答 = 该类别中报告确有答案的题目比例；事实全对 = 其中回答含全部应含事实的比例；括号内为题数，其下为 95% Wilson 区间。(Answerable: share of the kind's questions the report answers; facts found: of those, share with every expected fact.)</p></div></section>`;
}
