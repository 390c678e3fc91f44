import { describe, expect, it } from "vitest";
import type { EvaluationReport, MetricName, MetricValue } from "../../../src/core/evaluation/evaluation-report.js";
import { displayWidth, escapeMarkdown, markdownTable, renderReportMarkdown } from "../../../src/core/evaluation/report-markdown.js";
import { SAMPLE_EVALUATION_REPORT as report } from "../../fixtures/sample-evaluation-report.js";

const markdown = renderReportMarkdown(report);

/** The part of the document under a heading that starts with `heading`, up to the next heading of the same level. */
function sectionOf(text: string, heading: string): string {
  const level = heading.match(/^#+/u)?.[0] ?? "##";
  const start = text.indexOf(`\n${heading}`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + 1);
  const next = rest.slice(heading.length).search(new RegExp(`\\n${level} `, "u"));
  return next < 0 ? rest : rest.slice(0, heading.length + next);
}

/** Table cells of a Markdown row, unescaping `\|`. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/gu, "")
    .split(/(?<!\\)\|/u)
    .map((cell) => cell.trim().replace(/\\\|/gu, "|"));
}

/** Independent of the renderer's helpers: 0.857 [0.487–0.974], "—" for null. */
function expectedCell(metric: MetricName, value: MetricValue): string {
  if (value.value === null) return "—";
  if (metric === "latencyP50Ms" || metric === "latencyP95Ms") return `${value.value.toFixed(1)} ms`;
  if (metric === "medianAnswerCharacters") return String(Math.round(value.value));
  const base = value.value.toFixed(3);
  return value.low !== undefined && value.high !== undefined ? `${base} [${value.low.toFixed(3)}–${value.high.toFixed(3)}]` : base;
}

describe("renderReportMarkdown", () => {
  it("opens with a title and the run's receipt: date, mode, files, engine", () => {
    expect(markdown.startsWith("# 评测报告 (evaluation report)\n")).toBe(true);
    expect(markdown).toContain("- 时间 (created): 2026-11-28 16:21 UTC");
    expect(markdown).toContain("`eval/dev/questions.jsonl` — 19 题，15 通过 (passed)，4 未通过 (failed)");
    expect(markdown).toContain("`hybrid(bm25+hnsw, weighted 0.5)`");
    expect(markdown).toContain("`extractive-v1`");
    expect(markdown).toContain(`\`${report.engine!.indexHash}\``);
  });

  it("puts the baseline diff first, then thresholds, then the per-type tables, then failed questions", () => {
    const order = ["## 与基线对比", "## 门槛", "## 分类型指标", "## 未通过的问题", "## 跳过的输入行"].map((heading) => markdown.indexOf(heading));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((left, right) => left - right)).toEqual(order);
  });

  it("lists the newly failing and newly passing ids and each metric delta with its direction and verdict", () => {
    const baseline = sectionOf(markdown, "## 与基线对比");
    expect(baseline).toMatch(/^- ✗ 新失败 \(newly failing, 1\): `para-03`$/mu);
    expect(baseline).toMatch(/^- ✓ 新通过 \(newly passing, 1\): `def-08`$/mu);
    const row = (label: string) => cells(baseline.split("\n").find((line) => line.startsWith(`| ${label}`)) ?? "");
    expect(row("前5命中 (hit@5)")).toEqual(["前5命中 (hit@5)", "1.000", "0.933", "↓ −0.067", "✗ 变差 (worse)"]);
    expect(row("事实召回 (fact recall)")).toEqual(["事实召回 (fact recall)", "0.889", "0.926", "↑ +0.037", "✓ 改善 (better)"]);
    expect(row("误拒答 (false abstention)")).toEqual(["误拒答 (false abstention)", "0.000", "0.067", "↑ +0.067", "✗ 变差 (worse)"]);
    expect(row("延迟中位数 (p50 ms)")).toEqual(["延迟中位数 (p50 ms)", "14.8 ms", "12.2 ms", "↓ −2.6 ms", "✓ 改善 (better)"]);
    expect(row("回答字数 (median length)")).toEqual(["回答字数 (median length)", "—", "27", "—", "—"]);
    expect(row("引文准确 (citation validity)")[4]).toBe("持平 (same)");
  });

  it("marks each threshold ✓ or ✗ with its comparator", () => {
    const thresholds = sectionOf(markdown, "## 门槛");
    expect(thresholds.split("\n")[0]).toBe("## 门槛 (thresholds) — 1 项未达标 (1 failed)");
    const row = (label: string) => cells(thresholds.split("\n").find((line) => line.includes(label)) ?? "");
    expect(row("拒答准确 (abstention accuracy)")).toEqual(["✗", "拒答准确 (abstention accuracy)", "≥ 0.750", "0.500"]);
    expect(row("前5命中 (hit@5)")).toEqual(["✓", "前5命中 (hit@5)", "≥ 0.900", "0.933"]);
    expect(row("无据数字 (unsupported numbers)")).toEqual(["✓", "无据数字 (unsupported numbers)", "≤ 0.200", "0.125"]);
  });

  it("has one row per question type, 'all' last, with each metric's value and 95% interval", () => {
    const tables = sectionOf(markdown, "## 分类型指标");
    const groups = tables.split("\n### ").slice(1);
    expect(groups.map((group) => group.split("\n")[0])).toEqual(["检索 (retrieval)", "回答 (answers)", "拒答与耗时 (abstention and cost)"]);
    const metricsByGroup: MetricName[][] = [
      ["hitAt5", "recallAt5", "meanReciprocalRank", "ndcgAt10"],
      ["factRecall", "allFactsAccuracy", "sentenceSupportRate", "unsupportedNumberRate", "citationValidity", "citationPrecision"],
      ["abstentionAccuracy", "falseAbstentionRate", "medianAnswerCharacters", "latencyP50Ms", "latencyP95Ms"],
    ];
    groups.forEach((group, groupIndex) => {
      const rows = group.split("\n").filter((line) => line.startsWith("| ")).slice(2);
      expect(rows).toHaveLength(report.summaries.length);
      expect(cells(rows.at(-1)!)[0]).toBe("**全部 (all)**");
      for (const summary of report.summaries) {
        const row = rows.map(cells).find((row) => row[0]!.includes(`(${summary.type})`));
        expect(row, `${summary.type} row`).toBeDefined();
        expect(row![1]).toBe(String(summary.questions));
        metricsByGroup[groupIndex]!.forEach((metric, index) => expect(row![index + 2], `${summary.type} ${metric}`).toBe(expectedCell(metric, summary.metrics[metric])));
      }
    });
    // Spot checks against the fixture's numbers, written out.
    const answers = groups[1]!.split("\n").map(cells);
    expect(answers.find((row) => row[0] === "列举 (list)")!.slice(1, 4)).toEqual(["2", "0.857 [0.487–0.974]", "0.500 [0.095–0.905]"]);
    const abstention = groups[2]!.split("\n").map(cells);
    expect(abstention.find((row) => row[0] === "数字 (numeric)")![2]).toBe("—");
    expect(abstention.find((row) => row[0] === "**全部 (all)**")!.slice(1, 4)).toEqual(["19", "0.500 [0.150–0.850]", "0.067 [0.012–0.298]"]);
  });

  it("lists every failed question, and only those, with its answer and what went wrong", () => {
    const failed = sectionOf(markdown, "## 未通过的问题");
    expect(failed.split("\n")[0]).toBe("## 未通过的问题 (failed questions) — 4");
    const ids = [...failed.matchAll(/^### ✗ `([^`]+)`/gmu)].map((match) => match[1]);
    expect(ids).toEqual(report.questions.filter((question) => !question.passed).map((question) => question.id));
    expect(failed).toContain("- 答 (answer): 升级壮大消费品、装备制造、材料产业集群[1]。");
    expect(failed).toContain("- 应含事实 (expected facts): ✓ 消费品；✓ 装备制造；✗ 汽摩；✓ 材料");
    expect(failed).toContain("### ✗ `para-03` · 换种说法 (paraphrase) · 新失败 (newly failing)");
    expect(failed).toContain("— *拒答 (abstained)*");
    expect(failed).toContain("- 无据数字 (unsupported numbers): 6800");
    expect(failed).not.toContain("num-04");
  });

  it("turns markup in answers into literal text", () => {
    expect(markdown).not.toMatch(/(?<!\\)<(?:img|script|\/summary)/u);
    expect(markdown).toContain("好的：\\<img src=x onerror=alert(1)\\> 详见 https://evil.example/x?a=1&b=2 [1]。");
    expect(escapeMarkdown("a *b* [x](http://e) `c` |d| &amp; [2]\nnext")).toBe("a \\*b\\* \\[x\\](http://e) \\`c\\` \\|d\\| \\&amp; [2] next");
  });

  it("leaves out the baseline and threshold sections when the run had none", () => {
    const plain: EvaluationReport = { ...report, baseline: undefined, thresholds: undefined, problems: [], questions: report.questions.filter((question) => question.passed) };
    const text = renderReportMarkdown(plain);
    expect(text).not.toContain("## 与基线对比");
    expect(text).not.toContain("## 门槛");
    expect(text).not.toContain("## 跳过的输入行");
    expect(text).toContain("## 未通过的问题 (failed questions) — 0\n\n全部通过。(Every question passed.)");
  });

  it("shows the answers file for graded answers and survives an empty report", () => {
    const graded: EvaluationReport = {
      ...report,
      mode: "answers",
      answerFile: "other-system.jsonl",
      engine: undefined,
      summaries: [],
      questions: [],
      latencyHistogram: [],
      baseline: undefined,
      thresholds: undefined,
      problems: [],
    };
    const text = renderReportMarkdown(graded);
    expect(text).toContain("- 方式 (mode): 外部答案评分 (answers file)");
    expect(text).toContain("- 答案 (answers): `other-system.jsonl`");
    expect(text).not.toContain("引擎 (engine)");
    expect(text.endsWith("\n")).toBe(true);
  });

  it("pads tables so that columns line up in a terminal, counting CJK as two columns", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("数字 (numeric)")).toBe(14);
    const table = markdownTable(["类型", "n"], [["数字", "4"], ["all", "19"]], ["left", "right"]);
    const widths = table.split("\n").map(displayWidth);
    expect(new Set(widths).size).toBe(1);
    expect(table.split("\n")[1]).toBe("| ---- | --: |");
    for (const line of sectionOf(markdown, "## 分类型指标").split("\n### ").slice(1).map((group) => group.split("\n").filter((row) => row.startsWith("|")))) {
      expect(new Set(line.map(displayWidth)).size).toBe(1);
    }
  });
});
