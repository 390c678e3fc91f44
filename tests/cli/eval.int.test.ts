import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationReport } from "../../src/core/evaluation/evaluation-report.js";
import { parseQuestionFile } from "../../src/core/evaluation/gold-question.js";
import { projectRoot } from "../support/corpus.js";
import { runTypeScript, stackFrames } from "../support/child-process.js";
import { makeTempDirectory, removeTempDirectory } from "../support/index-workspace.js";

const gold = parseQuestionFile(await readFile(`${projectRoot}eval/questions.jsonl`, "utf8")).questions;
let workspace: string;

beforeAll(async () => {
  workspace = await makeTempDirectory("eval-cli");
});
afterAll(() => removeTempDirectory(workspace));

async function answerFile(name: string, answer: (question: (typeof gold)[number]) => object): Promise<string> {
  const file = join(workspace, name);
  await writeFile(file, `${gold.map((question) => JSON.stringify({ id: question.id, ...answer(question) })).join("\n")}\n`);
  return file;
}

describe("npm run eval -- --answers (the quality gate on any system's answers)", () => {
  it("passes answers that quote the gold evidence and decline the unanswerable", async () => {
    const file = await answerFile("good.jsonl", (question) =>
      question.answerable
        ? { answer: `${question.evidence.join("。")}。`, citations: question.evidence.map((quote) => ({ quote })) }
        : { answer: "报告中没有找到相关内容。", abstained: true },
    );
    const result = await runTypeScript("src/cli/eval.ts", ["--answers", file, "--thresholds", "eval/thresholds.json"]);
    expect(result.stderr).not.toContain("Quality gate failed");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ factRecall 1\.000/u);
    expect(result.stdout).toMatch(/✓ hitAt5 not measured/u);
  });

  it("fails CI on worse answers: wrong numbers and guesses at the unanswerable", async () => {
    const file = await answerFile("worse.jsonl", (question) => ({ answer: question.answerable ? "地区生产总值目标为2000亿元。" : "江津房价约为每平方米9000元。" }));
    const result = await runTypeScript("src/cli/eval.ts", ["--answers", file, "--thresholds", "eval/thresholds.json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Quality gate failed: .*factRecall/u);
    expect(result.stdout).toMatch(/✗ abstentionAccuracy 0\.000/u);
    expect(result.stdout).toMatch(/✗ unsupportedNumberRate/u);
    expect(stackFrames(result.stderr)).toEqual([]);
  });

  it("reports a bad line of the question and answer files by line number and grades the rest", async () => {
    const questions = join(workspace, "questions.jsonl");
    const lines = (await readFile(`${projectRoot}eval/questions.jsonl`, "utf8")).split("\n").slice(0, 3);
    await writeFile(questions, [lines[0], "{not json", JSON.stringify({ id: "x", type: "numeric" }), lines[1], lines[2]].join("\n"));
    const answers = join(workspace, "partial.jsonl");
    await writeFile(answers, `${JSON.stringify({ id: gold[0]!.id, answer: gold[0]!.evidence[0] })}\n[]\n`);
    const result = await runTypeScript("src/cli/eval.ts", ["--questions", questions, "--answers", answers, "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${questions}:2: not valid JSON`);
    expect(result.stderr).toMatch(new RegExp(`${questions.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}:3: .*question`, "u"));
    expect(result.stderr).toContain(`${answers}:2:`);
    const report = JSON.parse(result.stdout) as EvaluationReport;
    expect(report.questions.map((question) => question.id)).toEqual([gold[0]!.id]);
  });
});

describe("npm run eval -- --out and --baseline (the pipeline)", () => {
  it("writes report.json, report.md and a self-contained report.html, and diffs against a baseline", async () => {
    const questions = join(workspace, "three.jsonl");
    await writeFile(questions, `${(await readFile(`${projectRoot}eval/questions.jsonl`, "utf8")).split("\n").slice(0, 3).join("\n")}\n`);
    const baseline = join(workspace, "baseline.json");
    const first = gold[0]!.id;
    await writeFile(baseline, JSON.stringify({ createdAt: "2026-01-01T00:00:00.000Z", summaries: [], questions: [{ id: first, passed: false }] }));
    const out = join(workspace, "report");
    const result = await runTypeScript("src/cli/eval.ts", ["--questions", questions, "--out", out, "--baseline", baseline]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`newly passing ${first}`);
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as EvaluationReport;
    expect(report.mode).toBe("pipeline");
    expect(report.baseline?.newlyPassing).toEqual([first]);
    expect(report.summaries.at(-1)?.metrics.factRecall.low).toBeTypeOf("number");
    expect(await readFile(join(out, "report.md"), "utf8")).toContain(first);
    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/iu);
    expect(html).not.toMatch(/(?:src|href)="https?:/u);
  });

  it("compares configurations in one table", async () => {
    const questions = join(workspace, "three.jsonl");
    const result = await runTypeScript("src/cli/eval.ts", ["--questions", questions, "--retriever", "bm25,dense,hybrid"]);
    expect(result.code).toBe(0);
    const rows = result.stdout.split("\n").filter((line) => /^\| (bm25|dense|hybrid) /u.test(line));
    expect(rows).toHaveLength(3);
  });

  it("rejects an unknown metric in --fail-under as a usage error", async () => {
    const result = await runTypeScript("src/cli/eval.ts", ["--fail-under", "accuracy=0.9"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/metric among/u);
  });
});
