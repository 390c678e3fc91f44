import { QaError } from "../core/errors.js";
import { search } from "../core/pipeline/ask.js";
import { documentsFilterSchema, questionSchema, topKSchema } from "../core/schemas/ask-request.js";
import { parseArguments } from "./arguments.js";
import { formatPassages } from "./format-answer.js";
import { openEngine } from "./open-engine.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run search -- [--k N] [--json] [--retriever hybrid|bm25|dense] [--documents ID,ID] "<query>"`;

runCommand(async () => {
  const { values, positionals } = parseArguments(
    process.argv.slice(2),
    { k: { type: "string", default: "5" }, json: { type: "boolean", default: false }, retriever: { type: "string", default: "hybrid" }, documents: { type: "string" } },
    USAGE,
  );
  const query = questionSchema.safeParse(positionals.join(" "));
  if (!query.success) throw new QaError("invalid_question", `${query.error.issues[0]?.message ?? "invalid query"}\n${USAGE}`);
  const k = topKSchema.safeParse(Number(values.k));
  if (!k.success) throw new QaError("invalid_parameter", `--k: ${k.error.issues[0]?.message ?? "invalid"}`);
  const mode = values.retriever;
  if (mode !== "hybrid" && mode !== "bm25" && mode !== "dense") throw new QaError("invalid_parameter", `--retriever must be hybrid, bm25 or dense.\n${USAGE}`);
  const documents = values.documents === undefined ? undefined : documentsFilterSchema.safeParse(values.documents.split(","));
  if (documents && !documents.success) throw new QaError("invalid_parameter", `--documents: ${documents.error.issues[0]?.message ?? "invalid"}\n${USAGE}`);
  const { engine } = await openEngine({ retrieverMode: mode });
  const passages = await search(engine, query.data, k.data, documents?.data);
  process.stdout.write(values.json ? `${JSON.stringify(passages, null, 2)}\n` : formatPassages(query.data, passages));
});
