import { readFile } from "node:fs/promises";
import { formatSectionPath } from "../core/chunking/chunk.js";
import { QaError } from "../core/errors.js";
import { verifyRequestSchema, type StatedNumberJson, type VerifiedSentence } from "../core/verification/verification-schema.js";
import { verifyText, type VerificationResult } from "../core/verification/verify-text.js";
import { parseArguments } from "./arguments.js";
import { openEngine } from "./open-engine.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run verify -- [--json] FILE.txt     (FILE "-" reads standard input; UTF-8 text)
Checks each sentence of the text against the report: ✓ supported, ~ partly supported, ✗ not found,
with the best-matching report span and the numbers the report does not have.`;

const MARKS = { supported: "✓", "partly-supported": "~", "not-found": "✗" } as const;
const LABELS = { supported: "有依据", "partly-supported": "部分有依据", "not-found": "未找到" } as const;

/** A problem with the text to check (missing, unreadable, empty, too long): one line, exit 1. */
class InputProblem extends Error {}

async function readStandardInput(): Promise<Buffer> {
  if (process.stdin.isTTY) process.stderr.write("Reading the text from standard input; end it with Ctrl-D.\n");
  const parts: Buffer[] = [];
  for await (const part of process.stdin) parts.push(typeof part === "string" ? Buffer.from(part) : (part as Buffer));
  return Buffer.concat(parts);
}

async function readInput(name: string): Promise<string> {
  const label = name === "-" ? "standard input" : name;
  let bytes: Buffer;
  try {
    bytes = name === "-" ? await readStandardInput() : await readFile(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputProblem(`File ${name} does not exist.`);
    if (code === "EISDIR") throw new InputProblem(`${name} is a directory; give a text file.`);
    if (code === "EACCES" || code === "EPERM") throw new InputProblem(`File ${name} cannot be read (permission denied).`);
    throw new InputProblem(`${label} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputProblem(`${label} is not UTF-8 text; convert it first (e.g. iconv -f GBK -t UTF-8).`);
  }
  if (text.trim() === "") throw new InputProblem(`${label} is empty: there is no text to check.`);
  const request = verifyRequestSchema.safeParse({ text });
  if (!request.success) throw new InputProblem(`${label}: ${request.error.issues[0]?.message ?? "invalid text"}.`);
  return request.data.text;
}

const oneLine = (text: string): string => text.replace(/\s*\n+\s*/gu, " ");
const percent = (share: number): string => `${Math.round(share * 100)}%`;
const describeNumbers = (numbers: readonly StatedNumberJson[]): string =>
  numbers.map((number) => (number.text === number.value ? number.value : `${number.text} (${number.value})`)).join("、");

function formatSentence(sentence: VerifiedSentence, index: number): string[] {
  const lines = [`${MARKS[sentence.status]} ${index + 1}. ${oneLine(sentence.text)}`];
  const best = sentence.spans[0];
  if (best) {
    const label = sentence.status === "not-found" ? `${LABELS[sentence.status]} · 最接近的段落 ${percent(best.containment)}` : `${LABELS[sentence.status]} ${percent(best.containment)}`;
    lines.push(`     ${label} · ${formatSectionPath(best.section)}`);
    lines.push(`     “${oneLine(best.quote)}”  (${best.source} ${best.quoteStart}–${best.quoteEnd})`);
  } else {
    lines.push(`     ${LABELS[sentence.status]}：报告中没有相近的段落`);
  }
  if (sentence.unsupportedNumbers.length > 0) lines.push(`     ! 报告中没有的数字：${describeNumbers(sentence.unsupportedNumbers)}`);
  if (sentence.numbersNotInBestSpan.length > 0) lines.push(`     ! 与最佳匹配不同的数字（报告别处有）：${describeNumbers(sentence.numbersNotInBestSpan)}`);
  return lines;
}

/** A VerificationResult as a person reads it in a terminal: each sentence with its mark, best span and flagged numbers, then a summary. */
function formatVerification(result: VerificationResult, label: string): string {
  const lines = [`核对：${label}`, ""];
  result.sentences.forEach((sentence, index) => lines.push(...formatSentence(sentence, index)));
  const { summary } = result;
  lines.push(
    "",
    `合计 ${summary.sentences} 句：✓ ${LABELS.supported} ${summary.supported} · ~ ${LABELS["partly-supported"]} ${summary.partlySupported} · ` +
      `✗ ${LABELS["not-found"]} ${summary.notFound} · 报告中没有的数字 ${summary.unsupportedNumbers} · 与最佳匹配不同的数字 ${summary.numbersNotInBestSpan}`,
  );
  return `${lines.join("\n")}\n`;
}

runCommand(async () => {
  const { values, positionals } = parseArguments(
    process.argv.slice(2),
    { json: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (positionals.length === 0) throw new QaError("invalid_parameter", `Give the text file to check (or - for standard input).\n${USAGE}`);
  if (positionals.length > 1) throw new QaError("invalid_parameter", `Give one file at a time; got ${positionals.length}: ${positionals.join(" ")}.\n${USAGE}`);
  const name = positionals[0]!;

  const fail = (message: string): void => {
    process.stderr.write(`错误: ${message}\n`);
    process.exitCode = 1;
  };
  let text: string;
  try {
    text = await readInput(name);
  } catch (error) {
    if (!(error instanceof InputProblem)) throw error;
    return fail(error.message);
  }
  const { engine } = await openEngine();
  let result: VerificationResult;
  try {
    result = await verifyText(engine, text);
  } catch (error) {
    // The text itself is the problem (only punctuation, too many sentences): exit 1, not a usage error.
    if (!(error instanceof QaError && error.code === "invalid_parameter")) throw error;
    return fail(error.message);
  }
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerification(result, name === "-" ? "standard input" : name));
});
