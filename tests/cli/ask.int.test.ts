import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { runTypeScript, stackFrames } from "../support/child-process.js";
import { expectExactCitations, makeTempDirectory, removeTempDirectory } from "../support/index-workspace.js";

// These run against the committed index/ and corpus/ (INDEX_DIR and CORPUS_DIR unset), read-only.
const GDP_QUESTION = "到2026年江津区地区生产总值的目标是多少?";
const GDP_SECTION = "未来五年建设“五地一城”";

let scratch = "";

beforeAll(async () => {
  scratch = await makeTempDirectory("ask-cli");
});

afterAll(() => removeTempDirectory(scratch));

describe("npm run ask", () => {
  it("prints the answer with 1800亿元 and the section it comes from", async () => {
    const result = await runTypeScript("src/cli/ask.ts", [GDP_QUESTION]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(GDP_QUESTION);
    const answerLine = result.stdout.split("\n").find((line) => line.startsWith("答："));
    expect(answerLine).toContain("1800亿元");
    expect(result.stdout).toContain(GDP_SECTION);
    expect(result.stdout).toContain("corpus/jiangjin-15th-congress-report.txt");
    expect(result.stderr).not.toContain("warning");
  });

  it("--json prints exactly one AskResponse and nothing else", async () => {
    const result = await runTypeScript("src/cli/ask.ts", ["--json", GDP_QUESTION]);
    expect(result.code, result.stderr).toBe(0);
    const response = askResponseSchema.parse(JSON.parse(result.stdout));
    expect(response.question).toBe(GDP_QUESTION);
    expect(response.answer).toContain("1800亿元");
    expect(response.citations[0]?.section).toContain(GDP_SECTION);
    expectExactCitations(response);
  });

  it("--batch answers each valid line as one JSON line, keeps ids, and reports the bad line number", async () => {
    const batchFile = join(scratch, "questions.jsonl");
    await writeFile(
      batchFile,
      [
        JSON.stringify({ id: "gdp-2026", question: GDP_QUESTION }),
        JSON.stringify({ id: "broken", question: 42 }),
        JSON.stringify({
          question: "那达到了多少?",
          history: [
            { role: "user", content: "江津区的森林覆盖率是多少?" },
            { role: "assistant", content: "森林覆盖率达52%。" },
          ],
        }),
      ].join("\n") + "\n",
      "utf8",
    );
    const result = await runTypeScript("src/cli/ask.ts", ["--batch", batchFile]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${batchFile}:2:`);
    expect(result.stderr).toMatch(/question/u);
    expect(result.stderr).not.toContain(`${batchFile}:1:`);
    expect(result.stderr).not.toContain(`${batchFile}:3:`);
    expect(stackFrames(result.stderr)).toEqual([]);

    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const batchResponseSchema = askResponseSchema.extend({ id: z.union([z.string(), z.number()]).optional() });
    const [first, second] = lines.map((line) => batchResponseSchema.parse(JSON.parse(line)));
    expect(first?.id).toBe("gdp-2026");
    expect(first?.answer).toContain("1800亿元");
    expect(second?.id).toBeUndefined();
    expect(second?.question).toBe("那达到了多少?");
    expect(second?.answer).toContain("52%");
  });

  it("says under a related answer, on its own line, that the report does not answer directly", async () => {
    const result = await runTypeScript("src/cli/ask.ts", ["老年人养老有什么安排?"]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    const answerAt = lines.findIndex((line) => line.startsWith("答："));
    expect(lines[0]).toBe("问：老年人养老有什么安排?");
    expect(lines[answerAt]).toMatch(/^答：报告没有直接(?:提到|回答)/u);
    expect(lines[answerAt]).toContain("着力发展老龄事业和老龄产业[1]");
    expect(lines[answerAt + 1]).toBe("（报告没有直接回答：以下是最相关的内容）");
    expect(lines).toContain("出处：");
    expect(result.stdout).toContain("“着力发展老龄事业和老龄产业”");
  });

  it("prints an English question's answer under Q:, A: and Sources:, the report's Chinese quote and its number kept", async () => {
    const question = "How many poor people were lifted out of poverty?";
    const result = await runTypeScript("src/cli/ask.ts", [question]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`Q: ${question}`);
    expect(lines[1]).toMatch(/^A: The report says: .*29654名贫困人口全部脱贫\[1\]/u);
    expect(lines).toContain("Sources:");
    expect(result.stdout).toContain("“15个市级贫困村全部摘帽,29654名贫困人口全部脱贫”");
    // A direct answer in English: no Chinese labels, no "not answered directly" note.
    for (const chinese of ["问：", "答：", "出处：", "（报告没有直接回答"]) expect(result.stdout).not.toContain(chinese);
    expect(result.stdout).not.toContain("not answered directly");
  });

  it("says under an English related answer, in English, that the report does not answer directly", async () => {
    const result = await runTypeScript("src/cli/ask.ts", ["How will Jiangjin help young people find jobs?"]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[1]).toMatch(/^A: The report does not say this directly/u);
    expect(lines[2]).toBe("(not answered directly: the most relevant passages)");
    expect(lines).toContain("Sources:");
    expect(result.stdout).not.toContain("（报告没有直接回答");
  });

  it("keeps an English refusal in English, the nearest sections' heading too", async () => {
    const result = await runTypeScript("src/cli/ask.ts", ["How many people live in Jiangjin?"]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[1]).toBe("A: The report does not give that figure. The nearest sections are listed below.");
    // The sections are listed (their names are the report's Chinese headings) under an English heading.
    expect(lines.filter((line) => line.startsWith("  · ")).length).toBeGreaterThan(0);
    expect(lines).toContain("Related sections:");
    expect(result.stdout).not.toContain("相关章节：");
  });

  it("rejects an empty question with a message and no stack trace", async () => {
    for (const question of ["", "   "]) {
      const result = await runTypeScript("src/cli/ask.ts", [question]);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/question must not be empty/u);
      expect(result.stderr).toContain("Usage:");
      expect(stackFrames(result.stderr)).toEqual([]);
    }
  });

  it("rejects a --top-k outside 1–20 as a usage error, for one question and for a batch", async () => {
    for (const args of [["--top-k", "abc", GDP_QUESTION], ["--top-k", "500", "--batch", "eval/dev/questions.jsonl"]]) {
      const result = await runTypeScript("src/cli/ask.ts", args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/--top-k must be a whole number from 1 to 20/u);
    }
  });

  it("--documents limits the answer to known documents and refuses an unknown one as a usage error", async () => {
    const known = await runTypeScript("src/cli/ask.ts", ["--json", "--documents", "jiangjin-15th-congress-report", GDP_QUESTION]);
    expect(known.code, known.stderr).toBe(0);
    expect(askResponseSchema.parse(JSON.parse(known.stdout)).answer).toContain("1800亿元");
    for (const [command, args] of [
      ["src/cli/ask.ts", ["--documents", "nope", GDP_QUESTION]],
      ["src/cli/search.ts", ["--documents", "nope", "森林覆盖率"]],
    ] as const) {
      const result = await runTypeScript(command, [...args]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/Unknown document "nope": documents must be among jiangjin-15th-congress-report/u);
    }
  });
});

describe("npm run search", () => {
  it("prints ranked passages with scores and section paths", async () => {
    const result = await runTypeScript("src/cli/search.ts", ["森林覆盖率"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("森林覆盖率");
    const ranked = [...result.stdout.matchAll(/^(\d+)\. \[(\d+\.\d{4})\] (.+?) {2}\((.+)\)$/gmu)];
    expect(ranked.map((match) => Number(match[1]))).toEqual([1, 2, 3, 4, 5]);
    const scores = ranked.map((match) => Number(match[2]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const sections = ranked.map((match) => match[3] ?? "");
    expect(sections.every((section) => section.length > 0)).toBe(true);
    // The figure lives under 过去五年 › 生态优势巩固提升; it must be among the hits, with its full path.
    expect(sections).toContain("过去五年 › 生态优势巩固提升");
  });
});
