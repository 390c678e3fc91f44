import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeForFacts } from "../../../src/core/evaluation/fact-matching.js";
import { parseQuestionFile } from "../../../src/core/evaluation/gold-question.js";
import { projectRoot, reportText } from "../../support/corpus.js";

const good = (id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ id, type: "numeric", question: "到2026年地区生产总值的目标是多少", answerable: true, expected: ["1800亿元"], evidence: ["地区生产总值达1800亿元左右"], ...extra });

describe("parseQuestionFile", () => {
  it("reports each bad line with its line number and keeps every good line", () => {
    const text = [
      good("num-01"),
      "",
      "{not json",
      JSON.stringify({ id: "num-02", type: "numeric", question: "多少", answerable: "yes" }),
      good("list-01", { type: "list", expected: [["中欧班列", "渝新欧"], "西部陆海新通道"] }),
      JSON.stringify({ id: "num-03", type: "numeric", question: "多少", answerable: true, expected: [[]] }),
      JSON.stringify({ id: "", type: "numeric", question: "多少", answerable: false }),
      good("follow-01", { history: [{ role: "user", content: "2021年地区生产总值是多少" }] }),
    ].join("\r\n");
    const { questions, problems } = parseQuestionFile(text);
    expect(questions.map((question) => question.id)).toEqual(["num-01", "list-01", "follow-01"]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4, 6, 7]);
    expect(problems[0]?.message).toBe("not valid JSON");
    expect(problems[1]?.message).toMatch(/^answerable: /u);
    expect(problems[2]?.message).toMatch(/^expected\.0/u);
    expect(problems[3]?.message).toMatch(/^id: /u);
    expect(questions[1]?.expected).toEqual([["中欧班列", "渝新欧"], "西部陆海新通道"]);
    expect(questions[2]?.history).toEqual([{ role: "user", content: "2021年地区生产总值是多少" }]);
  });

  it("defaults missing expected facts and evidence to empty lists", () => {
    const { questions, problems } = parseQuestionFile(JSON.stringify({ id: "unans-01", type: "unanswerable", question: "红烧肉怎么做", answerable: false }));
    expect(problems).toEqual([]);
    expect(questions[0]).toMatchObject({ expected: [], evidence: [] });
    expect(questions[0]?.history).toBeUndefined();
  });

  it("reads an empty file as no questions and no problems", () => {
    expect(parseQuestionFile("\n\n")).toEqual({ questions: [], problems: [] });
  });
});

// Both splits of the gold set are checked as data (schema, ids, evidence); how the system does on them is `npm run eval`'s job.
describe.each(["dev", "blind"])("eval/%s/questions.jsonl", (split) => {
  const { questions, problems } = parseQuestionFile(readFileSync(`${projectRoot}eval/${split}/questions.jsonl`, "utf8"));

  it("parses without problems, with unique ids", () => {
    expect(problems).toEqual([]);
    expect(new Set(questions.map((question) => question.id)).size).toBe(questions.length);
  });

  it("quotes its evidence exactly from the report, and each expected fact is in that evidence", () => {
    const wrong: string[] = [];
    for (const question of questions) {
      for (const snippet of question.evidence) if (!reportText.includes(snippet)) wrong.push(`${question.id}: evidence not in report: ${snippet}`);
      const evidence = normalizeForFacts(question.evidence.join(" "));
      for (const fact of question.expected) {
        const alternatives = typeof fact === "string" ? [fact] : fact;
        if (!alternatives.some((alternative) => evidence.includes(normalizeForFacts(alternative)))) wrong.push(`${question.id}: ${JSON.stringify(fact)} not in evidence`);
      }
      if (!question.answerable && (question.expected.length > 0 || question.evidence.length > 0)) wrong.push(`${question.id}: unanswerable with facts`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("the gold set's splits", () => {
  it("share no id, so one answers file can be graded across both", () => {
    const ids = (split: string) => parseQuestionFile(readFileSync(`${projectRoot}eval/${split}/questions.jsonl`, "utf8")).questions.map((question) => question.id);
    const dev = new Set(ids("dev"));
    expect(ids("blind").filter((id) => dev.has(id))).toEqual([]);
  });
});
