import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { readCorpus } from "../adapters/node/corpus-reader.js";
import { readConfiguration } from "../adapters/node/configuration.js";
import { writeFileAtomically } from "../adapters/node/file-index-store.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../core/chunking/chunk.js";
import { QaError } from "../core/errors.js";
import type { EvaluationReport, QuestionReport } from "../core/evaluation/evaluation-report.js";
import { parseQuestionFile } from "../core/evaluation/gold-question.js";
import { parseJsonLines } from "../core/evaluation/json-lines.js";
import { baselineSchema, checkThresholds, compareWithBaseline, parseFailUnder, thresholdsSchema, type Thresholds } from "../core/evaluation/regression-gate.js";
import { renderReportHtml } from "../core/evaluation/report-html.js";
import { renderReportMarkdown } from "../core/evaluation/report-markdown.js";
import { evaluateAnswers, evaluatePipeline, externalAnswerSchema, type ExternalAnswer } from "../core/evaluation/run-evaluation.js";
import type { ScoringContext } from "../core/evaluation/score-question.js";
import { latencyHistogram, summarizeByType } from "../core/evaluation/type-summaries.js";
import { buildInMemoryEngine } from "../core/pipeline/in-memory-engine.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import type { FusionSettings } from "../core/retrieval/fusion.js";
import type { RetrieverMode } from "../core/retrieval/retrieved-passage.js";
import { characterContainment } from "../core/verification/character-overlap.js";
import { parseArguments } from "./arguments.js";
import { formatMetricTable } from "./eval-table.js";
import { openEngine } from "./open-engine.js";
import { createProgressBar } from "./progress-bar.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run eval -- [--questions FILE.jsonl] [--answers FILE.jsonl]
         [--retriever hybrid|bm25|dense[,…]] [--fusion rrf|weighted:W[,…]] [--chunk-size N[,…]] [--min-support S]
         [--out DIR] [--baseline FILE] [--write-baseline FILE] [--thresholds FILE] [--fail-under metric=value …]
         [--failures] [--json]
  Comma-separated values run one configuration each and print one comparison table.`;

type Problem = { file: string; line: number; message: string };

const usage = (message: string): QaError => new QaError("invalid_parameter", `${message}\n${USAGE}`);
const splitList = (value: string | undefined): (string | undefined)[] => (value === undefined ? [undefined] : value.split(",").map((item) => item.trim()));

function parseRetriever(value: string | undefined): RetrieverMode {
  if (value === undefined || value === "hybrid" || value === "bm25" || value === "dense") return value ?? "hybrid";
  throw usage(`--retriever must be hybrid, bm25 or dense, not "${value}".`);
}

function parseFusion(value: string | undefined): FusionSettings | undefined {
  if (value === undefined) return undefined;
  if (value === "rrf") return { method: "rrf", k: 60 };
  const weighted = /^weighted:(0(?:\.\d+)?|1(?:\.0+)?)$/u.exec(value);
  if (weighted) return { method: "weighted", lexicalWeight: Number(weighted[1]) };
  throw usage(`--fusion must be rrf or weighted:<0..1>, not "${value}".`);
}

function parseChunkSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 20 || size > 10000) throw usage(`--chunk-size must be a whole number from 20 to 10000, not "${value}".`);
  return size;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new QaError("invalid_parameter", `${what} ${file} cannot be read.`);
  }
}

function parseAnswerFile(text: string, file: string, problems: Problem[]): ExternalAnswer[] {
  const { items, problems: bad } = parseJsonLines(text, externalAnswerSchema);
  problems.push(...bad.map((problem) => ({ file, ...problem })));
  return items;
}

function failureLines(questions: readonly QuestionReport[]): string {
  return questions
    .filter((question) => !question.passed)
    .map((question) => {
      const missing = question.expected.filter((_, index) => !question.factsFound[index]).map((fact) => (typeof fact === "string" ? fact : fact.join("|")));
      return `\n✗ ${question.id} [${question.type}] ${question.question}\n  rank=${question.firstRelevantRank ?? "-"} abstained=${question.abstained}${missing.length > 0 ? ` missing=${missing.join(", ")}` : ""}\n  ${question.answer}`;
    })
    .join("\n");
}

runCommand(async () => {
  const { values } = parseArguments(
    process.argv.slice(2),
    {
      questions: { type: "string", default: "eval/questions.jsonl" },
      answers: { type: "string" },
      retriever: { type: "string" },
      fusion: { type: "string" },
      "chunk-size": { type: "string" },
      "min-support": { type: "string" },
      out: { type: "string" },
      baseline: { type: "string" },
      "write-baseline": { type: "string" },
      thresholds: { type: "string" },
      "fail-under": { type: "string", multiple: true },
      failures: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    USAGE,
  );
  const minimumSupport = values["min-support"] === undefined ? undefined : Number(values["min-support"]);
  if (minimumSupport !== undefined && !(minimumSupport >= 0 && minimumSupport <= 1)) throw usage("--min-support must be between 0 and 1.");
  const configurations = splitList(values.retriever).flatMap((retriever) =>
    splitList(values.fusion).flatMap((fusion) => splitList(values["chunk-size"]).map((chunkSize) => ({ retriever: parseRetriever(retriever), fusion: parseFusion(fusion), chunkSize: parseChunkSize(chunkSize), label: [retriever, fusion, chunkSize].filter(Boolean).join(" · ") || "default" }))),
  );
  const ablation = configurations.length > 1;
  if (ablation && (values.out || values.baseline || values["write-baseline"] || values.thresholds || values["fail-under"] || values.answers)) {
    throw usage("A comparison of several configurations prints one table; run a single configuration for --out, --baseline, gates or --answers.");
  }
  const thresholds: Thresholds = values.thresholds ? thresholdsSchema.parse(JSON.parse(await readText(values.thresholds, "Thresholds file"))) : { minimum: {}, maximum: {} };
  for (const argument of values["fail-under"] ?? []) {
    let parsed;
    try {
      parsed = parseFailUnder(argument);
    } catch (error) {
      throw usage(error instanceof Error ? error.message : String(error));
    }
    thresholds[parsed.kind][parsed.metric] = parsed.value;
  }

  const problems: Problem[] = [];
  const questionFile = parseQuestionFile(await readText(values.questions, "Question file"));
  problems.push(...questionFile.problems.map((problem) => ({ file: values.questions, ...problem })));
  if (questionFile.questions.length === 0) throw new QaError("invalid_parameter", `${values.questions} holds no valid questions.`);
  const configuration = readConfiguration(process.env);
  const documents = await readCorpus(configuration.corpusDirectory);
  const context: Omit<ScoringContext, "chunks"> = { sources: new Map(documents.map((document) => [document.source, document.text])), containment: characterContainment };
  const report = (problem: Problem): void => void process.stderr.write(`${problem.file}:${problem.line}: ${problem.message} (skipped)\n`);

  const engineFor = async (setting: (typeof configurations)[number]): Promise<QaEngine> => {
    const options = {
      retrieverMode: setting.retriever,
      ...(setting.fusion ? { fusion: setting.fusion } : {}),
      ...(minimumSupport !== undefined ? { answererSettings: { minimumSupport } } : {}),
    } as const;
    return setting.chunkSize === undefined
      ? (await openEngine(options)).engine
      : buildInMemoryEngine(documents, { ...DEFAULT_CHUNKER_SETTINGS, maxCharacters: setting.chunkSize }, options);
  };

  if (ablation) {
    problems.forEach(report);
    const rows = [];
    for (const setting of configurations) {
      const engine = await engineFor(setting);
      const questions = await evaluatePipeline(engine, questionFile.questions, { ...context, chunks: engine.chunks }, createProgressBar(`Evaluating ${setting.label}`));
      rows.push({ label: setting.label, summary: summarizeByType(questions).at(-1)! });
    }
    process.stdout.write(values.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatMetricTable(rows, "configuration")}\n`);
    return;
  }

  let questions: QuestionReport[];
  let engine: QaEngine | undefined;
  if (values.answers) {
    engine = await engineFor(configurations[0]!);
    const answers = parseAnswerFile(await readText(values.answers, "Answer file"), values.answers, problems);
    const graded = evaluateAnswers(answers, questionFile.questions, { ...context, chunks: engine.chunks });
    for (const id of graded.unmatched) problems.push({ file: values.answers, line: 0, message: `id "${id}" is not in ${values.questions}` });
    questions = graded.reports;
  } else {
    engine = await engineFor(configurations[0]!);
    questions = await evaluatePipeline(engine, questionFile.questions, { ...context, chunks: engine.chunks }, createProgressBar("Evaluating"));
  }
  problems.forEach(report);
  const summaries = summarizeByType(questions);
  const baseline = values.baseline ? baselineSchema.parse(JSON.parse(await readText(values.baseline, "Baseline file"))) : undefined;
  const thresholdResults = checkThresholds(summaries, thresholds);
  const evaluation: EvaluationReport = {
    version: 1,
    createdAt: new Date().toISOString(),
    mode: values.answers ? "answers" : "pipeline",
    questionFile: values.questions,
    ...(values.answers ? { answerFile: values.answers } : {}),
    ...(engine && !values.answers
      ? { engine: { embedder: engine.embedder.id, retriever: engine.retriever.description, answerer: engine.answerer.getName(), indexHash: engine.manifest.indexHash } }
      : {}),
    summaries,
    questions,
    latencyHistogram: latencyHistogram(questions),
    ...(baseline ? { baseline: compareWithBaseline(summaries, questions, baseline) } : {}),
    ...(thresholdResults.length > 0 ? { thresholds: thresholdResults } : {}),
    problems,
  };

  if (values.out) {
    await mkdir(values.out, { recursive: true });
    await writeFileAtomically(path.join(values.out, "report.json"), `${JSON.stringify(evaluation, null, 2)}\n`);
    await writeFileAtomically(path.join(values.out, "report.md"), renderReportMarkdown(evaluation));
    await writeFileAtomically(path.join(values.out, "report.html"), renderReportHtml(evaluation));
    process.stderr.write(`Wrote ${values.out}/report.json, report.md, report.html\n`);
  }
  if (values["write-baseline"]) {
    const slim = { createdAt: evaluation.createdAt, questionFile: evaluation.questionFile, engine: evaluation.engine, summaries, questions: questions.map(({ id, passed }) => ({ id, passed })) };
    await writeFile(values["write-baseline"], `${JSON.stringify(slim, null, 2)}\n`);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatMetricTable(summaries.map((summary) => ({ label: summary.type, summary })))}\n`);
    const receipt = evaluation.engine ? `${evaluation.engine.embedder} · ${evaluation.engine.retriever} · index ${evaluation.engine.indexHash.slice(0, 12)}` : `answers from ${values.answers}`;
    process.stdout.write(`\n${questions.length} questions · ${receipt}\n`);
    if (evaluation.baseline) {
      const worse = evaluation.baseline.deltas.filter((delta) => delta.worse).map((delta) => `${delta.metric} ${delta.before?.toFixed(3)}→${delta.after?.toFixed(3)}`);
      process.stdout.write(`Against baseline of ${evaluation.baseline.baselineCreatedAt}: newly failing ${evaluation.baseline.newlyFailing.join(", ") || "none"}; newly passing ${evaluation.baseline.newlyPassing.join(", ") || "none"}; worse: ${worse.join(", ") || "nothing"}\n`);
    }
    for (const result of thresholdResults) {
      process.stdout.write(`${result.passed ? "✓" : "✗"} ${result.metric} ${result.value === null ? "not measured" : result.value.toFixed(3)} (limit ${result.threshold})\n`);
    }
    if (values.failures) process.stdout.write(`${failureLines(questions)}\n`);
  }
  const failed = thresholdResults.filter((result) => !result.passed);
  if (failed.length > 0) {
    process.stderr.write(`Quality gate failed: ${failed.map((result) => `${result.metric} = ${result.value?.toFixed(3)} (limit ${result.threshold})`).join("; ")}\n`);
    process.exitCode = 1;
  }
});
