import { readFile } from "node:fs/promises";
import { QaError } from "../core/errors.js";
import { groundingDocument } from "../core/evaluation/grounding-document.js";
import { verifyRequestSchema } from "../core/verification/verification-schema.js";
import { verifyText, type VerificationResult } from "../core/verification/verify-text.js";
import { parseArguments } from "./arguments.js";
import { openEngine } from "./open-engine.js";
import { runCommand } from "./run-command.js";
import { formatVerification, writeGroundingDocument } from "./verify-output.js";

const USAGE = `Usage: npm run verify -- [--json] [--out DIR] FILE.txt     (FILE "-" reads standard input; UTF-8 text)
Checks each claim of the text against the report: ✓ supported, ~ partly supported, ✗ contradicted
(the report states it with another number, date, place or list member), ? not found; with the
reasons and the best-matching report span. --out DIR also writes DIR/report.json, report.md and
a self-contained report.html with the claims marked in the text.`;

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

runCommand(async () => {
  const { values, positionals } = parseArguments(
    process.argv.slice(2),
    { json: { type: "boolean", default: false }, out: { type: "string" }, help: { type: "boolean", default: false } },
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
  const label = name === "-" ? "standard input" : name;
  if (values.out) process.stderr.write(`Wrote ${await writeGroundingDocument(values.out, groundingDocument(label, text, result))}\n`);
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerification(result, label));
});
