import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroundingDocumentReport } from "../../src/core/evaluation/grounding-report.js";
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
  it("prints each claim with its verdict mark, the reasons, the best span with section and offsets, and counts per verdict", async () => {
    const result = await runTypeScript(SCRIPT, [pressFile]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    const claimLine = (text: string) => lines.find((line) => line.endsWith(`. ${text}`));
    // The copied clause is supported, the invented sentence not found, the changed figure contradicted.
    expect(claimLine("森林覆盖率达52%")).toMatch(/^✓ 1\. /u);
    expect(claimLine(INVENTED)).toMatch(/^\? \d\. /u);
    expect(claimLine(WRONG_NUMBER)).toMatch(/^✗ \d\. /u);
    const wrong = lines.indexOf(claimLine(WRONG_NUMBER)!);
    expect(lines[wrong + 1]).toMatch(/^ {5}与报告矛盾 \(contradicted\) · 覆盖 100% · 未来五年建设“五地一城”$/u);
    expect(lines[wrong + 2]).toBe("     ! 2000亿元 where the report says 1800亿元");
    const gdpClause = "到2026年,地区生产总值达1800亿元左右";
    const gdpStart = reportText.indexOf(gdpClause);
    expect(lines[wrong + 3]).toBe(`     “${gdpClause}”  (corpus/jiangjin-15th-congress-report.txt ${gdpStart}–${gdpStart + gdpClause.length})`);
    const forestStart = reportText.indexOf("森林覆盖率达52%");
    expect(result.stdout).toContain(`“森林覆盖率达52%”  (corpus/jiangjin-15th-congress-report.txt ${forestStart}–${forestStart + "森林覆盖率达52%".length})`);
    expect(result.stdout).toContain("过去五年 › 生态优势巩固提升");
    expect(lines.find((line) => line.startsWith("合计"))).toMatch(
      /^合计 6 条论断 \(claims\)：✓ 有依据 \d · ~ 部分有依据 \d · ✗ 与报告矛盾 1 · \? 报告未提及 1 — 整体 \(overall\) ✗ 与报告矛盾 \(contradicted\)$/u,
    );
  });

  it("--json prints one VerificationResult and nothing else", async () => {
    const result = await runTypeScript(SCRIPT, ["--json", pressFile]);
    expect(result.code, result.stderr).toBe(0);
    const parsed = verificationResultSchema.parse(JSON.parse(result.stdout));
    const wrong = parsed.claims.find((claim) => claim.text === WRONG_NUMBER);
    expect(wrong?.verdict).toBe("contradicted");
    expect(wrong?.reasons[0]).toMatchObject({ kind: "number-differs", claim: "2000亿元", report: "1800亿元" });
    expect(parsed.claims.find((claim) => claim.text === INVENTED)?.verdict).toBe("not-found");
    expect(parsed.summary).toMatchObject({ verdict: "contradicted", claims: parsed.claims.length, contradicted: 1 });
    for (const claim of parsed.claims) {
      expect(PRESS_RELEASE.slice(claim.start, claim.end)).toBe(claim.text);
      for (const span of claim.spans) expect(reportText.slice(span.quoteStart, span.quoteEnd)).toBe(span.quote);
    }
  });

  it("reads the text from standard input with -", async () => {
    const result = await runWithInput(["--json", "-"], `${WRONG_NUMBER}${COPIED}`);
    expect(result.code, result.stderr).toBe(0);
    const parsed = verificationResultSchema.parse(JSON.parse(result.stdout));
    expect(parsed.claims.map((claim) => claim.text).join("")).toBe(`${WRONG_NUMBER}${COPIED}`.replace("52%,", "52%"));
    expect(parsed.claims.map((claim) => claim.verdict)).toEqual(["contradicted", "supported", "supported"]);
  });

  it("--out DIR writes report.json, report.md and a self-contained report.html with the claims marked by verdict", async () => {
    const out = join(scratch, "verify-report");
    const result = await runTypeScript(SCRIPT, ["--out", out, pressFile]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Wrote ${out}/report.json, report.md, report.html`);
    expect(result.stdout).toContain("合计 6 条论断");
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as GroundingDocumentReport;
    expect(report.file).toBe(pressFile);
    expect(report.grounding.answers[0]?.answer).toBe(PRESS_RELEASE);
    expect(report.grounding.summary.claimVerdicts.contradicted.count).toBe(6);
    const markdown = await readFile(join(out, "report.md"), "utf8");
    expect(markdown).toContain(`✗ 与报告矛盾 (contradicted): ${WRONG_NUMBER}`);
    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/iu);
    expect(html).not.toMatch(/(?:src|href)="https?:/u);
    expect(html).toMatch(new RegExp(`<a class="claim v-contradicted"[^>]*><span class="claim-tag" aria-hidden="true">✗\\d</span>${WRONG_NUMBER.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}`, "u"));
    expect(html).toContain("与报告矛盾 <span class=\"en\">(contradicted)</span>");
    expect(html).toContain(INVENTED);
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
    expect(result.stderr).toContain("Usage: npm run verify -- [--json] [--out DIR] FILE.txt");
    expect(result.stdout).toBe("");
    expect(stackFrames(result.stderr)).toEqual([]);
  });
});
