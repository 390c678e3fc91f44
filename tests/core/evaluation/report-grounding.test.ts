import { describe, expect, it } from "vitest";
import type { EvaluationReport } from "../../../src/core/evaluation/evaluation-report.js";
import { groundingDocument } from "../../../src/core/evaluation/grounding-document.js";
import { highlightClaims, renderGroundingDocumentHtml } from "../../../src/core/evaluation/report-html-grounding.js";
import { renderReportHtml } from "../../../src/core/evaluation/report-html.js";
import { renderGroundingDocumentMarkdown } from "../../../src/core/evaluation/report-markdown-grounding.js";
import { renderReportMarkdown } from "../../../src/core/evaluation/report-markdown.js";
import { SAMPLE_EVALUATION_REPORT, SAMPLE_GROUNDING as grounding } from "../../fixtures/sample-evaluation-report.js";

// The grounding section as a reader meets it: in report.md and report.html of `npm run eval --
// --answers`, for answers with and without gold ids, and in `npm run verify -- --out`.

const withGrounding: EvaluationReport = { ...SAMPLE_EVALUATION_REPORT, mode: "answers", answerFile: "theirs.jsonl", grounding };
const groundingOnly: EvaluationReport = {
  version: 1,
  createdAt: "2026-11-28T16:21:07.412Z",
  mode: "grounding",
  answerFile: "ragas-export.jsonl",
  summaries: [],
  questions: [],
  latencyHistogram: [],
  grounding,
  problems: [{ file: "ragas-export.jsonl", line: 5, message: "answer: must be a string" }],
};
const tags = (page: string) => page.match(/<[a-zA-Z!/][^>]*>/gu) ?? [];
const textOf = (page: string) => page.replace(/<[^>]*>/gu, "");

describe("report.md grounding section", () => {
  const markdown = renderReportMarkdown(withGrounding);
  const section = markdown.slice(markdown.indexOf("## 依据核对 (grounding)"));

  it("follows the gold sections and gives claim and answer shares per verdict with 95% intervals", () => {
    expect(markdown.indexOf("## 依据核对 (grounding)")).toBeGreaterThan(markdown.indexOf("## 未通过的问题"));
    expect(section).toContain("拒答，未核对 (abstained, not checked): 1");
    const contradictedRow = section.split("\n").find((line) => line.startsWith("| ✗ 与报告矛盾 (contradicted)"));
    expect(contradictedRow?.replace(/\s+/gu, " ")).toBe("| ✗ 与报告矛盾 (contradicted) | 1 | 0.250 [0.046–0.699] | 1 | 0.333 [0.061–0.792] |");
    expect(section).toContain("引文召回 (citation recall): 1.000 (n = 1)");
  });

  it("lists the worst answers first, each claim with its verdict, reasons and report span with offsets", () => {
    const order = ["第 1 行", "第 4 行", "第 2 行"].map((line) => section.indexOf(`#### ${line}`));
    expect(order.every((position, index) => position > 0 && (index === 0 || position > order[index - 1]!))).toBe(true);
    expect(section).toContain("1. ✗ 与报告矛盾 (contradicted): 到2026年,地区生产总值达2500亿元左右。");
    expect(section).toContain("   - 2500亿元 where the report says 1800亿元");
    expect(section).toContain("“到2026年,地区生产总值达1800亿元左右” — 未来五年建设“五地一城” (corpus/jiangjin-15th-congress-report.txt 2727–2749, 100%)");
    expect(section).toContain("- 参考答案 (reference): 1800亿元左右");
    expect(section).toContain("对照引文 (against its citations) [1]: ✓ 有依据 (supported)");
  });

  it("keeps injected markup as literal text", () => {
    expect(section).toContain("江津足球队\\<img src=x onerror=alert(1)\\>");
    expect(section).not.toMatch(/(?<!\\)<(?:img|script)/u);
  });

  it("is the whole report when no answer has a gold id: receipt, grounding and skipped lines, no gold tables", () => {
    const only = renderReportMarkdown(groundingOnly);
    expect(only).toContain("- 方式 (mode): 外部答案，只核对依据 (answers file, grounding only)");
    expect(only).not.toContain("## 分类型指标");
    expect(only).not.toContain("## 未通过的问题");
    expect(only).toContain("## 依据核对 (grounding)");
    expect(only).toContain("- `ragas-export.jsonl:5` answer: must be a string");
  });
});

describe("report.html grounding section", () => {
  const html = renderReportHtml(withGrounding);
  const section = html.slice(html.indexOf('<section class="section" id="grounding"'), html.indexOf("</section>", html.indexOf('id="grounding"')));

  it("marks each claim in place in the answer text by verdict, with a mark and a label, not colour alone", () => {
    const article = section.slice(section.indexOf('id="g-1"'));
    expect(article).toContain(
      '<a class="claim v-contradicted" href="#g-1-c1" title="与报告矛盾 (contradicted)"><span class="claim-tag" aria-hidden="true">✗1</span>到2026年,地区生产总值达2500亿元左右。<span class="visually-hidden">（论断 1：与报告矛盾 contradicted）</span></a>',
    );
    expect(article).toContain('<a class="claim v-supported" href="#g-1-c2"');
    expect(textOf(article)).toContain("到2026年,地区生产总值达1800亿元左右");
    expect(article).toContain("2727–2749");
    expect(article).toContain("未来五年建设“五地一城”");
  });

  it("lists the contradicted answer before the not-found one before the supported one, and links nav to the section", () => {
    expect(section.indexOf('id="g-1"')).toBeLessThan(section.indexOf('id="g-4"'));
    expect(section.indexOf('id="g-4"')).toBeLessThan(section.indexOf('id="g-2"'));
    expect(html).toContain('<a href="#grounding">依据核对</a>');
    expect(html).toContain("✗ 1 / 3 个回答与报告矛盾");
  });

  it("escapes every string of the data: the injected answer and question make no element", () => {
    expect(section).toContain("江津足球队&lt;img src=x onerror=alert(1)&gt;");
    expect(tags(section).some((tag) => /^<(img|script)\b/iu.test(tag))).toBe(false);
    expect(section).toContain("&lt;/summary&gt;&lt;script&gt;");
  });

  it("is the whole page when no answer has a gold id: no gold cards, tables or question list", () => {
    const only = renderReportHtml(groundingOnly);
    expect(only).not.toContain('id="summary"');
    expect(only).not.toContain('id="questions"');
    expect(only).toContain('id="grounding"');
    expect(only).toContain('<a class="skip" href="#grounding">');
    expect(only).not.toContain("0 / 0 通过");
  });

  it("highlights nothing twice when claims overlap, and keeps all the text", () => {
    const claims = grounding.answers[0]!.claims;
    const overlapping = [claims[0]!, { ...claims[1]!, start: 10 }];
    const marked = highlightClaims(grounding.answers[0]!.answer, overlapping, "g-x");
    expect(textOf(marked).replace(/（论断[^）]*）|[✗✓]\d/gu, "")).toBe(grounding.answers[0]!.answer);
    expect(marked.match(/<a class="claim/gu)).toHaveLength(1);
  });
});

describe("npm run verify -- --out: one document as the grounding report", () => {
  const document = groundingDocument("press.txt", grounding.answers[0]!.answer, {
    claims: [...grounding.answers[0]!.claims],
    citations: [],
    summary: { verdict: "contradicted", claims: 2, supported: 1, partlySupported: 0, contradicted: 1, notFound: 0, citationRecall: null, citationPrecision: null, contextSupport: null },
  }, "2026-11-28T16:21:07.412Z");

  it("renders markdown with the summary and every claim", () => {
    const markdown = renderGroundingDocumentMarkdown(document);
    expect(markdown.startsWith("# 依据核对报告 (grounding report)\n")).toBe(true);
    expect(markdown).toContain("- 文件 (file): `press.txt`");
    expect(markdown).toContain("2. ✓ 有依据 (supported): 森林覆盖率达52%。");
  });

  it("renders a self-contained page with the document's claims marked in place", () => {
    const page = renderGroundingDocumentHtml(document);
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).not.toMatch(/(?:src|href)="https?:/u);
    expect(tags(page).filter((tag) => /^<script\b/u.test(tag))).toEqual([]);
    expect(page).toContain('<a class="claim v-contradicted" href="#g-1-c1"');
    expect(page).toContain("与报告矛盾");
  });
});
