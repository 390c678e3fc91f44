import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verificationResultSchema } from "../../src/core/verification/verification-schema.js";
import { childEnvironment, runTypeScript, stackFrames, waitForExit, type ProcessResult } from "../support/child-process.js";
import { projectRoot, reportText } from "../support/corpus.js";
import { makeTempDirectory, removeTempDirectory } from "../support/index-workspace.js";

// These run against the committed index/ and corpus/ (INDEX_DIR and CORPUS_DIR unset), read-only.
const COPIED = "森林覆盖率达52%,空气优良天数稳定达300天以上。";
const PARAPHRASED = "江津工业园区成为国家级示范基地，社会消费品零售总额增长很快。";
const INVENTED = "我们的足球队昨天晚上赢得了冠军奖杯。";
const WRONG_NUMBER = "到2026年，地区生产总值达2000亿元左右。";
const PRESS_RELEASE = `${COPIED}${PARAPHRASED}\n${INVENTED}${WRONG_NUMBER}\n`;
const SCRIPT = "src/cli/verify.ts";

let scratch = "";
let pressFile = "";

beforeAll(async () => {
  scratch = await makeTempDirectory("verify-cli");
  pressFile = join(scratch, "press.txt");
  await writeFile(pressFile, PRESS_RELEASE, "utf8");
});

afterAll(() => removeTempDirectory(scratch));

/** `npm run verify -- - [...args]` with `input` on standard input. */
function runWithInput(args: readonly string[], input: string): Promise<ProcessResult> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: projectRoot, env: childEnvironment(), stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.end(input, "utf8");
  return waitForExit(child);
}

describe("npm run verify", () => {
  it("prints each sentence with its mark, the best span with section and offsets, flagged numbers, and a summary", async () => {
    const result = await runTypeScript(SCRIPT, [pressFile]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines).toContain(`✓ 1. ${COPIED}`);
    expect(lines).toContain(`~ 2. ${PARAPHRASED}`);
    expect(lines).toContain(`✗ 3. ${INVENTED}`);
    expect(lines).toContain(`✓ 4. ${WRONG_NUMBER}`);
    const copiedStart = reportText.indexOf(COPIED);
    expect(result.stdout).toContain(`“${COPIED}”  (corpus/jiangjin-15th-congress-report.txt ${copiedStart}–${copiedStart + COPIED.length})`);
    expect(result.stdout).toContain("过去五年 › 生态优势巩固提升");
    const gdpClause = "到2026年,地区生产总值达1800亿元左右";
    expect(result.stdout).toContain(`“${gdpClause}”  (corpus/jiangjin-15th-congress-report.txt ${reportText.indexOf(gdpClause)}–${reportText.indexOf(gdpClause) + gdpClause.length})`);
    expect(lines).toContain("     ! 报告中没有的数字：2000");
    expect(lines.find((line) => line.startsWith("合计"))).toBe(
      "合计 4 句：✓ 有依据 2 · ~ 部分有依据 1 · ✗ 未找到 1 · 报告中没有的数字 1 · 与最佳匹配不同的数字 0",
    );
  });

  it("--json prints one VerificationResult and nothing else", async () => {
    const result = await runTypeScript(SCRIPT, ["--json", pressFile]);
    expect(result.code, result.stderr).toBe(0);
    const parsed = verificationResultSchema.parse(JSON.parse(result.stdout));
    expect(parsed.sentences.map((sentence) => sentence.status)).toEqual(["supported", "partly-supported", "not-found", "supported"]);
    expect(parsed.sentences[3]?.unsupportedNumbers.map((number) => number.value)).toEqual(["2000"]);
    for (const sentence of parsed.sentences) {
      expect(PRESS_RELEASE.slice(sentence.start, sentence.end)).toBe(sentence.text);
      for (const span of sentence.spans) expect(reportText.slice(span.quoteStart, span.quoteEnd)).toBe(span.quote);
    }
  });

  it("reads the text from standard input with -", async () => {
    const result = await runWithInput(["--json", "-"], `${WRONG_NUMBER}${COPIED}`);
    expect(result.code, result.stderr).toBe(0);
    const parsed = verificationResultSchema.parse(JSON.parse(result.stdout));
    expect(parsed.sentences.map((sentence) => sentence.text)).toEqual([WRONG_NUMBER, COPIED]);
    expect(parsed.summary).toMatchObject({ sentences: 2, supported: 2, unsupportedNumbers: 1 });
  });

  it("exits 1 with one clear line when the file does not exist", async () => {
    const missing = join(scratch, "no-such-press-release.txt");
    const result = await runTypeScript(SCRIPT, [missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`File ${missing} does not exist.`);
    expect(result.stdout).toBe("");
    expect(stackFrames(result.stderr)).toEqual([]);
  });

  it("exits 1 when the file or standard input is empty", async () => {
    const empty = join(scratch, "empty.txt");
    await writeFile(empty, " \n\n", "utf8");
    const fromFile = await runTypeScript(SCRIPT, [empty]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain(`${empty} is empty`);
    const fromInput = await runWithInput(["-"], "");
    expect(fromInput.code).toBe(1);
    expect(fromInput.stderr).toContain("standard input is empty");
    expect(stackFrames(fromFile.stderr + fromInput.stderr)).toEqual([]);
  });

  it.each([
    ["no file is given", []],
    ["an unknown option is given", ["--colour", "press.txt"]],
    ["two files are given", ["press.txt", "press.txt"]],
  ])("exits 2 with the usage when %s", async (_, args) => {
    const result = await runTypeScript(SCRIPT, args.map((arg) => (arg === "press.txt" ? pressFile : arg)));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: npm run verify -- [--json] FILE.txt");
    expect(result.stdout).toBe("");
    expect(stackFrames(result.stderr)).toEqual([]);
  });
});
