import { describe, expect, it } from "vitest";
import { gradeGrounding, type AnswerToGround } from "../../../src/core/evaluation/grade-grounding.js";
import { reportText } from "../../support/corpus.js";
import { reportEngine } from "../../support/engine.js";

const base = { question: "到2026年地区生产总值目标是多少", abstained: false } as const;

describe("gradeGrounding (every answer checked claim by claim)", () => {
  it("marks a changed figure contradicted, with the report's figure and its span, and a copied one supported", async () => {
    const answers: AnswerToGround[] = [
      { ...base, line: 3, answer: "到2026年,地区生产总值达2500亿元左右。" },
      { ...base, line: 5, id: "mine-1", answer: "到2026年,地区生产总值达1800亿元左右。", reference: "1800亿元" },
    ];
    const { grounding, problems } = await gradeGrounding(await reportEngine(), answers);
    expect(problems).toEqual([]);
    const [changed, copied] = grounding.answers;
    expect(changed).toMatchObject({ line: 3, verdict: "contradicted" });
    expect(changed!.claims[0]!.reasons[0]).toMatchObject({ kind: "number-differs", claim: "2500亿元", report: "1800亿元" });
    const span = changed!.claims[0]!.spans[0]!;
    expect(reportText.slice(span.quoteStart, span.quoteEnd)).toBe(span.quote);
    expect(copied).toMatchObject({ line: 5, id: "mine-1", reference: "1800亿元", verdict: "supported" });
    expect(grounding.summary).toMatchObject({ answers: 2, claims: 2, abstained: 0 });
    expect(grounding.summary.answerVerdicts.contradicted.value).toBe(0.5);
  });

  it("checks claims against the answer's citations and contexts", async () => {
    const { grounding } = await gradeGrounding(await reportEngine(), [
      { ...base, line: 1, answer: "森林覆盖率达52%[1]。", citations: [{ quote: "森林覆盖率达52%" }], contexts: ["到2026年,地区生产总值达1800亿元左右"] },
    ]);
    expect(grounding.answers[0]).toMatchObject({ verdict: "supported", citationRecall: 1, citationPrecision: 1, contextSupport: 0 });
    expect(grounding.summary.contextSupport).toEqual({ value: 0, count: 1 });
  });

  it("counts abstentions without checking them, and reports an answer with no claim by its line", async () => {
    const { grounding, problems } = await gradeGrounding(await reportEngine(), [
      { ...base, line: 1, answer: "报告中没有找到相关内容。", abstained: true },
      { ...base, line: 2, answer: "。。。" },
      { ...base, line: 4, answer: "" },
    ]);
    expect(grounding.answers).toEqual([]);
    expect(grounding.summary).toMatchObject({ answers: 0, abstained: 1, claims: 0 });
    expect(problems.map((problem) => problem.line)).toEqual([2, 4]);
    expect(problems[0]!.message).toMatch(/^not checked for grounding: .*no claim/u);
    expect(problems[1]!.message).toBe("not checked for grounding: the answer is empty");
  });
});
