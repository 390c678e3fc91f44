import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationReport } from "../../src/core/evaluation/evaluation-report.js";
import { parseQuestionFile } from "../../src/core/evaluation/gold-question.js";
import { projectRoot } from "../support/corpus.js";
import { runTypeScript, stackFrames } from "../support/child-process.js";
import { makeTempDirectory, removeTempDirectory } from "../support/index-workspace.js";

const gold = parseQuestionFile(await readFile(`${projectRoot}eval/dev/questions.jsonl`, "utf8")).questions;
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
    const result = await runTypeScript("src/cli/eval.ts", ["--questions", "eval/dev/questions.jsonl", "--answers", file, "--thresholds", "eval/dev/thresholds.json"]);
    expect(result.stderr).not.toContain("Quality gate failed");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ factRecall 1\.000/u);
    expect(result.stdout).toMatch(/✓ hitAt5 not measured/u);
  });

  it("fails CI on worse answers: wrong numbers and guesses at the unanswerable", async () => {
    const file = await answerFile("worse.jsonl", (question) => ({ answer: question.answerable ? "地区生产总值目标为2000亿元。" : "江津房价约为每平方米9000元。" }));
    const result = await runTypeScript("src/cli/eval.ts", ["--questions", "eval/dev/questions.jsonl", "--answers", file, "--thresholds", "eval/dev/thresholds.json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Quality gate failed: .*factRecall/u);
    expect(result.stdout).toMatch(/✗ abstentionAccuracy 0\.000/u);
    expect(result.stdout).toMatch(/✗ unsupportedNumberRate/u);
    expect(stackFrames(result.stderr)).toEqual([]);
  });

  it("reports a bad line of the question and answer files by line number and grades the rest", async () => {
    const questions = join(workspace, "questions.jsonl");
    const lines = (await readFile(`${projectRoot}eval/dev/questions.jsonl`, "utf8")).split("\n").slice(0, 3);
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

describe("npm run eval -- --answers from any system (grounding, with or without gold ids)", () => {
  const GDP = "到2026年,地区生产总值达1800亿元左右";
  // A RAGAS export: user_input / response / retrieved_contexts / reference, no gold ids.
  const RAGAS = [
    { user_input: "到2026年江津的地区生产总值目标是多少？", response: "到2026年,地区生产总值达2500亿元左右。", retrieved_contexts: [GDP], reference: "1800亿元左右" },
    { user_input: "江津森林覆盖率多少？", response: "森林覆盖率达52%[1]。", citations: ["森林覆盖率达52%"], id: "theirs-02" },
    { user_input: "江津区长是谁？", response: "报告中没有找到相关内容。" },
  ];

  it("grades an answer file with no gold id for grounding only, shows a changed number as contradicted, and reports bad lines by number", async () => {
    const file = join(workspace, "ragas.jsonl");
    const lines = [...RAGAS.map((line) => JSON.stringify(line)), JSON.stringify({ user_input: "坏行", response: 42 }), "{not json", JSON.stringify({ question: "没有回答" })];
    await writeFile(file, `${lines.join("\n")}\n`);
    const out = join(workspace, "ragas-report");
    // By split (the default): its ids are in neither split, which used to be an error.
    const result = await runTypeScript("src/cli/eval.ts", ["--answers", file, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(stackFrames(result.stderr)).toEqual([]);
    expect(result.stdout).toContain("Answers to no gold question: graded for grounding only");
    expect(result.stdout).toMatch(/Grounding 依据核对: 2 answers checked · \d+ claims · 1 abstained \(not checked\)/u);
    expect(result.stdout).toContain("✗ 与报告矛盾 (contradicted) line 1: 到2026年,地区生产总值达2500亿元左右。 — 2500亿元 where the report says 1800亿元");
    expect(result.stderr).toContain(`${file}:4: answer: must be a string (skipped)`);
    expect(result.stderr).toContain(`${file}:5: not valid JSON (skipped)`);
    expect(result.stderr).toContain(`${file}:6: answer: missing: give the answer text as answer (or response) (skipped)`);

    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as EvaluationReport;
    expect(report).toMatchObject({ mode: "grounding", answerFile: file, questions: [] });
    expect(report.grounding?.answers.map((answer) => [answer.line, answer.id, answer.verdict])).toEqual([
      [1, undefined, "contradicted"],
      [2, "theirs-02", "supported"],
    ]);
    const [changed, cited] = report.grounding!.answers;
    expect(changed).toMatchObject({ question: RAGAS[0]!.user_input, reference: "1800亿元左右", contextSupport: 0 });
    expect(changed!.claims[0]!.spans[0]!.quote).toBe(GDP);
    expect(cited).toMatchObject({ citationRecall: 1, citationPrecision: 1 });
    expect(report.grounding?.summary).toMatchObject({ answers: 2, abstained: 1 });
    expect(report.problems.map((problem) => problem.line)).toEqual([4, 5, 6]);

    const markdown = await readFile(join(out, "report.md"), "utf8");
    expect(markdown).toContain("## 依据核对 (grounding)");
    expect(markdown).toContain("1. ✗ 与报告矛盾 (contradicted): 到2026年,地区生产总值达2500亿元左右。");
    expect(markdown).toContain("- 参考答案 (reference): 1800亿元左右");
    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).toContain('<a class="claim v-contradicted"');
    expect(html).toContain("到2026年,地区生产总值达2500亿元左右。");
    expect(html).not.toContain('id="questions"');
  });

  it("grades lines with a gold id on the gold metrics and every line for grounding, noting the ones outside the gold set", async () => {
    const file = join(workspace, "mixed.jsonl");
    const first = gold.find((question) => question.answerable && question.evidence.length > 0)!;
    const lines = [{ id: first.id, response: `${first.evidence.join("。")}。` }, { id: "not-a-gold-id", question: "目标", answer: "到2026年,地区生产总值达2500亿元左右。" }];
    await writeFile(file, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
    const result = await runTypeScript("src/cli/eval.ts", ["--questions", "eval/dev/questions.jsonl", "--answers", file, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`${file}: 1 of 2 answers have no id in eval/dev/questions.jsonl; they are graded for grounding only.`);
    expect(result.stderr).not.toContain(":0:");
    const report = JSON.parse(result.stdout) as EvaluationReport;
    expect(report.mode).toBe("answers");
    expect(report.questions.map((question) => [question.id, question.passed])).toEqual([[first.id, true]]);
    expect(report.grounding?.answers.map((answer) => [answer.line, answer.id, answer.question, answer.verdict])).toEqual([
      [1, first.id, first.question, "supported"],
      [2, "not-a-gold-id", "目标", "contradicted"],
    ]);
  });

  it("refuses a gate or baseline on a file that answers no gold question", async () => {
    const file = join(workspace, "ragas-gate.jsonl");
    await writeFile(file, `${JSON.stringify(RAGAS[0])}\n`);
    const result = await runTypeScript("src/cli/eval.ts", ["--questions", "eval/dev/questions.jsonl", "--answers", file, "--fail-under", "factRecall=0.5"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/answers no gold question, so it is graded for grounding only/u);
    expect(stackFrames(result.stderr)).toEqual([]);
  });
});

describe("npm run eval -- --out and --baseline (the pipeline)", () => {
  it("writes report.json, report.md and a self-contained report.html, and diffs against a baseline", async () => {
    const questions = join(workspace, "three.jsonl");
    await writeFile(questions, `${(await readFile(`${projectRoot}eval/dev/questions.jsonl`, "utf8")).split("\n").slice(0, 3).join("\n")}\n`);
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

describe("npm run eval by split (eval/<split>/questions.jsonl)", () => {
  // A small stand-in for eval/: three dev questions, and a made-up held-out split.
  const BLIND = [
    { id: "fx-colloquial-01", type: "colloquial", question: "五年后江津经济总量能到多少", answerable: true, expected: ["1800亿元"], evidence: ["到2026年,地区生产总值达1800亿元左右"] },
    { id: "fx-unans-01", type: "unanswerable", question: "江津区长叫什么名字", answerable: false },
  ];
  let splits: string;
  const devQuestions = () => gold.slice(0, 3);

  beforeAll(async () => {
    splits = join(workspace, "splits");
    for (const [split, questions] of [["dev", devQuestions()], ["blind", BLIND]] as const) {
      await mkdir(join(splits, split), { recursive: true });
      await writeFile(join(splits, split, "questions.jsonl"), `${questions.map((question) => JSON.stringify(question)).join("\n")}\n`);
      await writeFile(join(splits, split, "thresholds.json"), JSON.stringify({ minimum: { factRecall: 0.5 } }));
    }
  });

  it("reports both splits, writes one report each with an index, and fails the gate when one split misses its floor", async () => {
    // dev answered from its evidence; blind with a wrong figure and a guess at the unanswerable.
    const answers = join(workspace, "both.jsonl");
    const lines = [
      ...devQuestions().map((question) => ({ id: question.id, answer: `${question.evidence.join("。")}。`, citations: question.evidence.map((quote) => ({ quote })), answerKind: "direct" })),
      { id: "fx-colloquial-01", answer: "地区生产总值目标为2000亿元。", answerKind: "related" },
      { id: "fx-unans-01", answer: "区长是张三。", answerKind: "direct" },
    ];
    await writeFile(answers, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
    const out = join(workspace, "by-split");
    const result = await runTypeScript("src/cli/eval.ts", ["--eval-dir", splits, "--answers", answers, "--thresholds", join(splits, "{split}", "thresholds.json"), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Quality gate failed \(blind\): factRecall = 0\.000 \(limit 0\.5\)/u);
    expect(result.stderr).not.toContain("(dev)");
    expect(result.stdout.indexOf("== dev ·")).toBeGreaterThanOrEqual(0);
    expect(result.stdout.indexOf("== blind ·")).toBeGreaterThan(result.stdout.indexOf("== dev ·"));
    expect(result.stdout).toMatch(/By split\n\| split +\| n +\|[^\n]*\n[^\n]*\n\| dev +\| 3 +\|[^\n]*\n\| blind +\| 2 +\|/u);
    expect(result.stdout).toContain("Gate: dev ✓ · blind ✗ 1 failed");
    expect(result.stdout).toMatch(/\| answer kind \| n +\| answerable +\| facts found +\|/u);

    const blind = JSON.parse(await readFile(join(out, "blind", "report.json"), "utf8")) as EvaluationReport;
    expect(blind.split).toBe("blind");
    expect(blind.questions.map((question) => question.id)).toEqual(BLIND.map((question) => question.id));
    expect(blind.calibration?.map((row) => [row.answerKind, row.questions, row.answerable.value, row.factsFound.value])).toEqual([
      ["direct", 1, 0, null],
      ["related", 1, 1, 0],
    ]);
    const dev = JSON.parse(await readFile(join(out, "dev", "report.json"), "utf8")) as EvaluationReport;
    expect(dev.thresholds?.every((threshold) => threshold.passed)).toBe(true);
    const index = await readFile(join(out, "index.md"), "utf8");
    expect(index).toContain("(dev/report.html)");
    expect(index).toContain("(blind/report.md)");
    expect(await readFile(join(out, "index.html"), "utf8")).toContain(`href="blind/report.html"`);
    expect(await readFile(join(out, "blind", "report.md"), "utf8")).toContain("## 回答类别校准");
  });

  it("puts answers outside every split in a grounding-only report of their own beside the splits' reports", async () => {
    const answers = join(workspace, "dev-and-outside.jsonl");
    const lines = [
      ...devQuestions().map((question) => ({ id: question.id, answer: `${question.evidence.join("。")}。` })),
      { user_input: "五年后江津经济总量能到多少", response: "到2026年,地区生产总值达2500亿元左右。" },
    ];
    await writeFile(answers, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
    const out = join(workspace, "dev-and-outside");
    const result = await runTypeScript("src/cli/eval.ts", ["--eval-dir", splits, "--split", "dev", "--answers", answers, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("== outside-gold · answers outside the gold set ==");
    const dev = JSON.parse(await readFile(join(out, "dev", "report.json"), "utf8")) as EvaluationReport;
    expect(dev.questions).toHaveLength(3);
    expect(dev.grounding?.answers.map((answer) => answer.line)).toEqual([1, 2, 3]);
    const outside = JSON.parse(await readFile(join(out, "outside-gold", "report.json"), "utf8")) as EvaluationReport;
    expect(outside).toMatchObject({ mode: "grounding", split: "outside-gold", questions: [] });
    expect(outside.grounding?.answers.map((answer) => [answer.line, answer.verdict])).toEqual([[4, "contradicted"]]);
    expect(await readFile(join(out, "index.md"), "utf8")).toContain("(outside-gold/report.md)");
  });

  it("runs the pipeline on the splits --split names, and writes each split's baseline from a {split} path", async () => {
    const baselines = join(workspace, "baselines");
    const result = await runTypeScript("src/cli/eval.ts", ["--eval-dir", splits, "--split", "blind,dev", "--json", "--write-baseline", join(baselines, "{split}.json")]);
    expect(result.code).toBe(0);
    const { reports } = JSON.parse(result.stdout) as { reports: EvaluationReport[] };
    expect(reports.map((report) => [report.split, report.mode, report.questions.length])).toEqual([
      ["blind", "pipeline", 2],
      ["dev", "pipeline", 3],
    ]);
    const written = JSON.parse(await readFile(join(baselines, "blind.json"), "utf8")) as { split: string; questions: unknown[] };
    expect(written).toMatchObject({ split: "blind", questions: [{ id: "fx-colloquial-01" }, { id: "fx-unans-01" }] });
  });

  it("refuses one baseline for several splits, an unknown split, and --questions with --split", async () => {
    const cases: [string[], RegExp][] = [
      [["--eval-dir", splits, "--baseline", "eval/dev/baseline.json"], /--baseline needs a path with \{split\}/u],
      [["--eval-dir", splits, "--split", "test"], /--split test: no such split \(found dev, blind\)/u],
      [["--questions", "eval/dev/questions.jsonl", "--split", "dev"], /--questions runs one file/u],
      [["--questions", "eval/dev/questions.jsonl", "--thresholds", "eval/{split}/thresholds.json"], /\{split\} stands for a split's name/u],
    ];
    for (const [args, message] of cases) {
      const result = await runTypeScript("src/cli/eval.ts", args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
