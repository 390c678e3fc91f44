import { describe, expect, it } from "vitest";
import type { EvaluationReport } from "../../../src/core/evaluation/evaluation-report.js";
import { summarizeGeneration } from "../../../src/core/evaluation/generation-summary.js";
import type { GoldQuestion } from "../../../src/core/evaluation/gold-question.js";
import { renderReportHtml } from "../../../src/core/evaluation/report-html.js";
import { renderReportMarkdown } from "../../../src/core/evaluation/report-markdown.js";
import { evaluatePipeline } from "../../../src/core/evaluation/run-evaluation.js";
import { summarizeByType } from "../../../src/core/evaluation/type-summaries.js";
import { ChatModelError } from "../../../src/core/ports/chat-model.js";
import { characterContainment } from "../../../src/core/verification/character-overlap.js";
import { reportDocument, reportText } from "../../support/corpus.js";
import { generativeEngine } from "../../support/generative-engine.js";
import { ScriptedChatModel } from "../../support/scripted-chat-model.js";

// The figures are the report's: "到2026年,地区生产总值达1800亿元左右,年均增长6%以上" and "森林覆盖率达52%".
const questions: GoldQuestion[] = [
  { id: "g-1", type: "numeric", question: "到2026年江津地区生产总值目标是多少?", answerable: true, expected: ["1800亿元"], evidence: ["地区生产总值达1800亿元左右"] },
  { id: "g-2", type: "numeric", question: "江津的森林覆盖率是多少?", answerable: true, expected: ["52%"], evidence: ["森林覆盖率达52%"] },
  { id: "g-3", type: "numeric", question: "到2026年江津地区生产总值年均增长多少?", answerable: true, expected: ["6%"], evidence: ["年均增长6%以上"] },
];

async function generativeReport(): Promise<EvaluationReport> {
  const model = new ScriptedChatModel([
    // Faithful, then one fabricated figure next to a faithful sentence, then a provider failure.
    { reply: "到2026年，江津地区生产总值将达到1800亿元左右[1]。" },
    { reply: "江津森林覆盖率达52%[1]。全区森林覆盖率将提高到75%[1]。" },
    { fail: new ChatModelError("http-error", "upstream 502", 502) },
  ]);
  const engine = await generativeEngine(model);
  const scored = await evaluatePipeline(engine, questions, { chunks: engine.chunks, sources: new Map([[reportDocument.source, reportText]]), containment: characterContainment });
  const generation = summarizeGeneration(scored)!;
  return { version: 1, createdAt: new Date().toISOString(), mode: "pipeline", summaries: summarizeByType(scored), questions: scored, latencyHistogram: [], generation, problems: [] };
}

describe("the eval report of the generative path", () => {
  it("keeps every model sentence with the gate's verdict, and counts modes, fallbacks and verdict shares", async () => {
    const report = await generativeReport();
    const [first, second, third] = report.questions;
    expect(first?.generation).toMatchObject({ answerMode: "generative", status: "ok" });
    expect(second?.generation?.answerMode).toBe("mixed");
    expect(second?.generation?.sentences.map((sentence) => sentence.action)).toEqual(["kept", "removed"]);
    expect(third?.generation).toMatchObject({ answerMode: "extractive", status: "fallback", reason: "model-error", sentences: [] });
    const summary = report.generation!;
    expect(summary).toMatchObject({ questions: 3, answerModes: { generative: 1, mixed: 1, extractive: 1 }, fallbacks: { "model-error": 1 }, sentences: 3 });
    expect(summary.sentenceActions.removed).toMatchObject({ count: 3 });
    expect(summary.sentenceActions.removed.value).toBeCloseTo(1 / 3);
    expect(summary.sentenceVerdicts.supported.value).toBeCloseTo(2 / 3);
  });

  it("shows them in report.md and report.html: the section, and the removed sentence struck out", async () => {
    const report = await generativeReport();
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain("## 生成回答与逐句核验");
    expect(markdown).toMatch(/`model-error` 1/u);
    const html = renderReportHtml(report);
    expect(html).toContain(`id="generation"`);
    expect(html).toMatch(/<del>全区森林覆盖率将提高到75%。<\/del>/u);
  });

  it("has no generation section when no model took part", () => {
    expect(summarizeGeneration([])).toBeUndefined();
  });
});
