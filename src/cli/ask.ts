import { createInterface } from "node:readline";
import { createReadStream } from "node:fs";
import { QaError } from "../core/errors.js";
import { ask } from "../core/pipeline/ask.js";
import { askRequestSchema, batchLineSchema, documentsFilterSchema, MAX_TOP_K, topKSchema } from "../core/schemas/ask-request.js";
import { resolveDocumentFilter } from "../core/pipeline/corpus-documents.js";
import { parseArguments } from "./arguments.js";
import { ANSWERER_FLAGS, ANSWERER_USAGE, answererFromFlags } from "./answerer-flags.js";
import { formatAnswer } from "./format-answer.js";
import { openEngine } from "./open-engine.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run ask -- [--json] [--top-k N] [--documents ID,ID] ${ANSWERER_USAGE} "<question>"
       npm run ask -- --batch FILE.jsonl   (lines: {"id"?, "question", "history"?}; one AskResponse JSON per line)`;

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join(".") || "line"}: ${issue.message}` : "invalid";
}

runCommand(async () => {
  const { values, positionals } = parseArguments(
    process.argv.slice(2),
    { json: { type: "boolean", default: false }, batch: { type: "string" }, "top-k": { type: "string" }, documents: { type: "string" }, help: { type: "boolean", default: false }, ...ANSWERER_FLAGS },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  let topK: number | undefined;
  if (values["top-k"] !== undefined) {
    const parsed = topKSchema.safeParse(/^\d+$/u.test(values["top-k"]) ? Number(values["top-k"]) : Number.NaN);
    if (!parsed.success) throw new QaError("invalid_parameter", `--top-k must be a whole number from 1 to ${MAX_TOP_K}.\n${USAGE}`);
    topK = parsed.data;
  }
  // --documents a,b: answer from those documents only (ids or sources, as /api/meta lists them).
  let documents: string[] | undefined;
  if (values.documents !== undefined) {
    const parsed = documentsFilterSchema.safeParse(values.documents.split(","));
    if (!parsed.success) throw new QaError("invalid_parameter", `--documents: ${describeIssue(parsed.error)}\n${USAGE}`);
    documents = parsed.data;
  }
  const filter = documents ? { documents } : {};

  if (values.batch) {
    const { engine } = await openEngine({ answerer: answererFromFlags(values, process.env) });
    if (documents) resolveDocumentFilter(engine.documents, documents);
    const lines = createInterface({ input: createReadStream(values.batch).on("error", () => {}), crlfDelay: Infinity });
    let lineNumber = 0;
    let failures = 0;
    try {
      for await (const line of lines) {
        lineNumber++;
        if (!line.trim()) continue;
        let parsed;
        try {
          parsed = batchLineSchema.safeParse(JSON.parse(line));
        } catch {
          parsed = undefined;
        }
        if (!parsed?.success) {
          failures++;
          process.stderr.write(`${values.batch}:${lineNumber}: ${parsed ? describeIssue(parsed.error) : "not valid JSON"} (skipped)\n`);
          continue;
        }
        const { id, ...request } = parsed.data;
        const response = await ask(engine, { ...filter, ...request, ...(request.topK === undefined && topK !== undefined ? { topK } : {}) });
        process.stdout.write(`${JSON.stringify(id === undefined ? response : { id, ...response })}\n`);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new QaError("invalid_parameter", `Batch file ${values.batch} does not exist.`);
      throw error;
    }
    if (failures > 0) process.exitCode = 1;
    return;
  }

  const request = askRequestSchema.safeParse({ question: positionals.join(" "), ...(topK === undefined ? {} : { topK }), ...filter });
  if (!request.success) throw new QaError("invalid_question", `${describeIssue(request.error)}\n${USAGE}`);
  const { engine } = await openEngine({ answerer: answererFromFlags(values, process.env) });
  const response = await ask(engine, request.data);
  process.stdout.write(values.json ? `${JSON.stringify(response, null, 2)}\n` : formatAnswer(response));
});
