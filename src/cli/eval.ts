import { readFile } from "node:fs/promises";
import { readCorpus } from "../adapters/node/corpus-reader.js";
import { readConfiguration } from "../adapters/node/configuration.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../core/chunking/chunk.js";
import { QaError } from "../core/errors.js";
import { parseQuestionFile } from "../core/evaluation/gold-question.js";
import { runEvaluation } from "../core/evaluation/run-evaluation.js";
import { summarizeByType, type MetricSummary } from "../core/evaluation/summary.js";
import { buildInMemoryEngine } from "../core/pipeline/in-memory-engine.js";
import type { FusionSettings } from "../core/retrieval/fusion.js";
import { parseArguments } from "./arguments.js";
import { openEngine } from "./open-engine.js";
import { createProgressBar } from "./progress-bar.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run eval -- [--questions FILE.jsonl] [--retriever hybrid|bm25|dense] [--fusion rrf|weighted:W]
                      [--chunk-size N] [--min-support S] [--failures] [--json]`;

function parseFusion(value: string | undefined): FusionSettings | undefined {
  if (value === undefined) return undefined;
  if (value === "rrf") return { method: "rrf", k: 60 };
  const weighted = /^weighted:(0(?:\.\d+)?|1(?:\.0+)?)$/u.exec(value);
  if (weighted) return { method: "weighted", lexicalWeight: Number(weighted[1]) };
  throw new QaError("invalid_parameter", `--fusion must be rrf or weighted:<0..1>.\n${USAGE}`);
}

const percent = (value: number | undefined): string => (value === undefined ? "—" : value.toFixed(3));
const number = (value: number | undefined): string => (value === undefined ? "—" : String(Math.round(value)));

export function formatTable(summaries: readonly MetricSummary[]): string {
  const header = ["type", "n", "hit@5", "MRR", "fact recall", "all facts", "abstain acc", "false abstain", "median len", "number fidelity", "quotes exact"];
  const rows = summaries.map((summary) => [
    summary.type,
    String(summary.questions),
    percent(summary.hitAt5),
    percent(summary.meanReciprocalRank),
    percent(summary.factRecall),
    percent(summary.allFactsAccuracy),
    percent(summary.abstentionAccuracy),
    percent(summary.falseAbstentionRate),
    number(summary.medianAnswerCharacters),
    percent(summary.numberFidelity),
    percent(summary.quoteExactness),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

runCommand(async () => {
  const { values } = parseArguments(
    process.argv.slice(2),
    {
      questions: { type: "string", default: "eval/questions.jsonl" },
      retriever: { type: "string", default: "hybrid" },
      fusion: { type: "string" },
      "chunk-size": { type: "string" },
      "min-support": { type: "string" },
      failures: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    USAGE,
  );
  const mode = values.retriever;
  if (mode !== "hybrid" && mode !== "bm25" && mode !== "dense") throw new QaError("invalid_parameter", `--retriever must be hybrid, bm25 or dense.\n${USAGE}`);
  const fusion = parseFusion(values.fusion);
  const minimumSupport = values["min-support"] === undefined ? undefined : Number(values["min-support"]);
  if (minimumSupport !== undefined && !(minimumSupport >= 0 && minimumSupport <= 1)) throw new QaError("invalid_parameter", "--min-support must be between 0 and 1.");
  let text: string;
  try {
    text = await readFile(values.questions, "utf8");
  } catch {
    throw new QaError("invalid_parameter", `Question file ${values.questions} cannot be read.`);
  }
  const { questions, problems } = parseQuestionFile(text);
  for (const problem of problems) process.stderr.write(`${values.questions}:${problem.line}: ${problem.message} (skipped)\n`);
  if (questions.length === 0) throw new QaError("invalid_parameter", `${values.questions} holds no valid questions.`);

  const configuration = readConfiguration(process.env);
  const documents = await readCorpus(configuration.corpusDirectory);
  const sources = new Map(documents.map((document) => [document.source, document.text]));
  const engineOptions = {
    retrieverMode: mode,
    ...(fusion ? { fusion } : {}),
    ...(minimumSupport !== undefined ? { answererSettings: { minimumSupport } } : {}),
  } as const;
  const engine =
    values["chunk-size"] === undefined
      ? (await openEngine(engineOptions)).engine
      : await buildInMemoryEngine(documents, { ...DEFAULT_CHUNKER_SETTINGS, maxCharacters: Number(values["chunk-size"]) }, engineOptions);

  const results = await runEvaluation(engine, questions, sources, createProgressBar("Evaluating"));
  const summaries = summarizeByType(results);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ summaries, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatTable(summaries)}\n`);
  process.stdout.write(`\n${results.length} questions · ${engine.embedder.id} · ${engine.retriever.description} · index ${engine.manifest.indexHash.slice(0, 12)}\n`);
  if (values.failures) {
    for (const result of results) {
      const failed = result.answerable
        ? result.abstained || result.factsFound < result.factsTotal || !(result.firstRelevantRank && result.firstRelevantRank <= 5)
        : !result.abstained;
      if (failed) {
        process.stdout.write(`\n✗ ${result.id} [${result.type}] ${result.question}\n  rank=${result.firstRelevantRank ?? "-"} facts=${result.factsFound}/${result.factsTotal} abstained=${result.abstained}\n  ${result.answer}\n`);
      }
    }
  }
});
