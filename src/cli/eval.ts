import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { readCorpus } from "../adapters/node/corpus-reader.js";
import { readConfiguration } from "../adapters/node/configuration.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../core/chunking/chunk.js";
import { QaError } from "../core/errors.js";
import { calibrateAnswerKinds } from "../core/evaluation/answer-kind-calibration.js";
import { summarizeGeneration } from "../core/evaluation/generation-summary.js";
import type { EvaluationReport } from "../core/evaluation/evaluation-report.js";
import { parseQuestionFile, type GoldQuestion } from "../core/evaluation/gold-question.js";
import { baselineSchema, checkThresholds, compareWithBaseline, parseFailUnder, thresholdsSchema, type Thresholds } from "../core/evaluation/regression-gate.js";
import { OUTSIDE_GOLD } from "../core/evaluation/report-format.js";
import { evaluatePipeline } from "../core/evaluation/run-evaluation.js";
import type { ScoringContext } from "../core/evaluation/score-question.js";
import { latencyHistogram, summarizeByType } from "../core/evaluation/type-summaries.js";
import { buildInMemoryEngine } from "../core/pipeline/in-memory-engine.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import type { FusionSettings } from "../core/retrieval/fusion.js";
import type { RetrieverMode } from "../core/retrieval/retrieved-passage.js";
import { characterContainment } from "../core/verification/character-overlap.js";
import { parseArguments } from "./arguments.js";
import { modelPartsFor } from "../adapters/generative-answerer-factory.js";
import { transformersChatModels } from "../adapters/node/local-chat-models.js";
import { ANSWERER_FLAGS, ANSWERER_USAGE, answererFromFlags } from "./answerer-flags.js";
import { gradeAnswerFile, groundingOnlyReport, type Problem } from "./eval-answers.js";
import { baselineOf, formatReport, formatSplitSummary, gateFailures, writeReports } from "./eval-output.js";
import { findSplits, selectSplits, SPLIT_PLACEHOLDER, splitPath } from "./eval-splits.js";
import { settingChoices } from "./answerer-settings-option.js";
import { formatMetricTable } from "./eval-table.js";
import { openEngine } from "./open-engine.js";
import { createProgressBar } from "./progress-bar.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run eval -- [--split dev|blind[,…]] [--eval-dir DIR] | [--questions FILE.jsonl]
         [--answers FILE.jsonl]
         [--retriever hybrid|bm25|dense[,…]] [--fusion rrf|weighted:W[,…]] [--chunk-size N[,…]] [--set name=V[,…] …]
         [--out DIR] [--baseline FILE] [--write-baseline FILE] [--thresholds FILE] [--fail-under metric=value …]
         ${ANSWERER_USAGE}
         [--failures] [--json]
  Without --questions, every split DIR/<split>/questions.jsonl (DIR: eval) is evaluated, one table each.
  --answers grades any system's answers (RAGAS names accepted): gold metrics for lines with a gold id,
  claim-level grounding for every line; a file with no gold id gives one grounding-only report.
  In a run of several splits, --baseline, --thresholds and --write-baseline take a path with {split},
  e.g. --thresholds 'eval/{split}/thresholds.json'; --out DIR writes DIR/<split>/report.* and DIR/index.*.
  Comma-separated values run one configuration each and print one comparison table (per split).`;

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

/** What one evaluation covers: a question file, and the split it is when the gold set runs by split. */
interface Run {
  readonly split?: string;
  readonly questionFile: string;
}

/** --questions FILE runs that file alone; otherwise every split (or those --split names). */
async function selectRuns(questions: string | undefined, split: string | undefined, evalDirectory: string | undefined): Promise<Run[]> {
  if (questions !== undefined) {
    if (split !== undefined || evalDirectory !== undefined) throw usage("--questions runs one file; --split and --eval-dir choose splits of the gold set instead.");
    return [{ questionFile: questions }];
  }
  const directory = evalDirectory ?? "eval";
  const found = await findSplits(directory);
  if (found.length === 0) throw new QaError("invalid_parameter", `No ${directory}/<split>/questions.jsonl found; pass --questions FILE.`);
  return selectSplits(found, split, usage).map((chosen) => ({ split: chosen.name, questionFile: chosen.questionFile }));
}

/**
 * A per-run file option. A path with {split} names each split's own file; a plain path is one
 * file, so it only makes sense when one question file or one split runs (a dev baseline is no
 * baseline for blind).
 */
function checkFileOption(name: string, value: string | undefined, runs: readonly Run[]): void {
  if (value === undefined) return;
  const pattern = value.includes(SPLIT_PLACEHOLDER);
  if (pattern && runs[0]!.split === undefined) throw usage(`--${name} ${value}: ${SPLIT_PLACEHOLDER} stands for a split's name, and --questions runs no split.`);
  if (!pattern && runs.length > 1) throw usage(`--${name} needs a path with ${SPLIT_PLACEHOLDER} when several splits run, e.g. 'eval/${SPLIT_PLACEHOLDER}/${path.basename(value)}'.`);
}

const fileFor = (value: string | undefined, run: Run): string | undefined => (value === undefined || run.split === undefined ? value : splitPath(value, run.split));

function parseFailUnders(arguments_: readonly string[]): ReturnType<typeof parseFailUnder>[] {
  return arguments_.map((argument) => {
    try {
      return parseFailUnder(argument);
    } catch (error) {
      throw usage(error instanceof Error ? error.message : String(error));
    }
  });
}

async function readThresholds(file: string | undefined, failUnders: readonly ReturnType<typeof parseFailUnder>[]): Promise<Thresholds> {
  const thresholds: Thresholds = file ? thresholdsSchema.parse(JSON.parse(await readText(file, "Thresholds file"))) : { minimum: {}, maximum: {} };
  for (const { kind, metric, value } of failUnders) thresholds[kind][metric] = value;
  return thresholds;
}

runCommand(async () => {
  const { values } = parseArguments(
    process.argv.slice(2),
    {
      questions: { type: "string" },
      split: { type: "string" },
      "eval-dir": { type: "string" },
      answers: { type: "string" },
      retriever: { type: "string" },
      fusion: { type: "string" },
      "chunk-size": { type: "string" },
      set: { type: "string", multiple: true },
      out: { type: "string" },
      baseline: { type: "string" },
      "write-baseline": { type: "string" },
      thresholds: { type: "string" },
      "fail-under": { type: "string", multiple: true },
      failures: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      ...ANSWERER_FLAGS,
    },
    USAGE,
  );
  const settings = settingChoices(values.set ?? [], usage);
  // --answerer generative runs the gold questions through a model, every sentence gated (ANSWERER, LLM_* by default).
  const answerer = answererFromFlags(values, process.env);
  const configurations = splitList(values.retriever).flatMap((retriever) =>
    splitList(values.fusion).flatMap((fusion) =>
      splitList(values["chunk-size"]).flatMap((chunkSize) =>
        settings.map((setting) => ({
          retriever: parseRetriever(retriever),
          fusion: parseFusion(fusion),
          chunkSize: parseChunkSize(chunkSize),
          answererSettings: setting.overrides,
          label: [retriever, fusion, chunkSize, setting.label].filter(Boolean).join(" · ") || "default",
        })),
      ),
    ),
  );
  const ablation = configurations.length > 1;
  if (ablation && (values.out || values.baseline || values["write-baseline"] || values.thresholds || values["fail-under"] || values.answers)) {
    throw usage("A comparison of several configurations prints one table; run a single configuration for --out, --baseline, gates or --answers.");
  }
  const failUnders = parseFailUnders(values["fail-under"] ?? []);
  const runs = await selectRuns(values.questions, values.split, values["eval-dir"]);
  for (const name of ["baseline", "thresholds", "write-baseline"] as const) checkFileOption(name, values[name], runs);
  const bySplit = runs[0]!.split !== undefined;

  // Every input is read before anything is evaluated, so a missing baseline fails in a second, not after the run.
  const loaded = [];
  for (const run of runs) {
    const questionFile = parseQuestionFile(await readText(run.questionFile, "Question file"));
    if (questionFile.questions.length === 0) throw new QaError("invalid_parameter", `${run.questionFile} holds no valid questions.`);
    const baselineFile = fileFor(values.baseline, run);
    loaded.push({
      ...run,
      questions: questionFile.questions as readonly GoldQuestion[],
      problems: questionFile.problems.map((problem): Problem => ({ file: run.questionFile, ...problem })),
      baseline: baselineFile ? baselineSchema.parse(JSON.parse(await readText(baselineFile, "Baseline file"))) : undefined,
      thresholds: await readThresholds(fileFor(values.thresholds, run), failUnders),
    });
  }
  const configuration = readConfiguration(process.env);
  const documents = await readCorpus(configuration.corpusDirectory);
  const context: Omit<ScoringContext, "chunks"> = { sources: new Map(documents.map((document) => [document.source, document.text])), containment: characterContainment };
  const report = (problem: Problem): void => void process.stderr.write(`${problem.file}:${problem.line}: ${problem.message} (skipped)\n`);
  const label = (...parts: (string | undefined)[]): string => ["Evaluating", ...parts.filter(Boolean)].join(" ");

  const engineFor = async (setting: (typeof configurations)[number]): Promise<QaEngine> => {
    const options = {
      retrieverMode: setting.retriever,
      ...(setting.fusion ? { fusion: setting.fusion } : {}),
      ...(setting.answererSettings ? { answererSettings: setting.answererSettings } : {}),
    } as const;
    if (setting.chunkSize === undefined) return (await openEngine({ ...options, answerer })).engine;
    // Another chunk size is built in memory, with the served index's lexicon so that only the chunking differs.
    const { lexicon } = (await openEngine({})).engine;
    const modelParts = modelPartsFor(answerer, 0, transformersChatModels(process.env));
    return buildInMemoryEngine(documents, { ...DEFAULT_CHUNKER_SETTINGS, maxCharacters: setting.chunkSize }, { ...options, lexicon, ...modelParts });
  };

  const problems = loaded.flatMap((run) => run.problems);
  if (ablation) {
    problems.forEach(report);
    const rows: { split?: string; label: string; summary: ReturnType<typeof summarizeByType>[number] }[] = [];
    for (const setting of configurations) {
      const engine = await engineFor(setting);
      for (const run of loaded) {
        const questions = await evaluatePipeline(engine, run.questions, { ...context, chunks: engine.chunks }, createProgressBar(label(run.split, setting.label)));
        rows.push({ ...(run.split ? { split: run.split } : {}), label: setting.label, summary: summarizeByType(questions).at(-1)! });
      }
    }
    if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else {
      const tables = loaded.map((run) => `${run.split ? `${run.split}\n` : ""}${formatMetricTable(rows.filter((row) => row.split === run.split), "configuration")}\n`);
      process.stdout.write(tables.join("\n"));
    }
    return;
  }

  const engine = await engineFor(configurations[0]!);
  const graded = values.answers
    ? await gradeAnswerFile(await readText(values.answers, "Answer file"), values.answers, loaded, engine, { ...context, chunks: engine.chunks }, bySplit)
    : undefined;
  const answerProblems = graded?.problems ?? [];
  // Answers to no gold question: one grounding-only report, with nothing to gate or diff.
  const groundingOnly = graded !== undefined && graded.byRun.size === 0;
  if (groundingOnly && (values.baseline || values["write-baseline"] || values.thresholds || values["fail-under"])) {
    throw usage(`${values.answers} answers no gold question, so it is graded for grounding only: --baseline, --write-baseline, --thresholds and --fail-under need gold ids.`);
  }

  const reports: EvaluationReport[] = [];
  for (const run of groundingOnly ? [] : loaded) {
    const answered = graded?.byRun.get(run);
    const questions = answered?.questions ?? (await evaluatePipeline(engine, run.questions, { ...context, chunks: engine.chunks }, createProgressBar(label(run.split))));
    const summaries = summarizeByType(questions);
    const thresholdResults = checkThresholds(summaries, run.thresholds);
    const calibration = calibrateAnswerKinds(questions);
    const generation = summarizeGeneration(questions);
    reports.push({
      version: 1,
      createdAt: new Date().toISOString(),
      mode: values.answers ? "answers" : "pipeline",
      questionFile: run.questionFile,
      ...(run.split ? { split: run.split } : {}),
      ...(values.answers ? { answerFile: values.answers } : {}),
      ...(!values.answers
        ? { engine: { embedder: engine.embedder.id, retriever: engine.retriever.description, answerer: engine.answerer.getName(), indexHash: engine.manifest.indexHash } }
        : {}),
      summaries,
      questions,
      latencyHistogram: latencyHistogram(questions),
      ...(calibration.length > 0 ? { calibration } : {}),
      ...(generation ? { generation } : {}),
      ...(run.baseline ? { baseline: compareWithBaseline(summaries, questions, run.baseline) } : {}),
      ...(thresholdResults.length > 0 ? { thresholds: thresholdResults } : {}),
      ...(answered ? { grounding: answered.grounding } : {}),
      problems: [...run.problems, ...answerProblems],
    });
  }
  if (graded?.outside) {
    // By split, the question files' bad lines belong to the splits' reports; a grounding-only report is the only one.
    reports.push(groundingOnlyReport(values.answers!, graded.outside, groundingOnly ? [...problems, ...answerProblems] : answerProblems, groundingOnly ? undefined : OUTSIDE_GOLD));
  }
  [...problems, ...answerProblems].forEach(report);
  for (const note of graded?.notes ?? []) process.stderr.write(`${note}\n`);

  // A grounding-only report is one report, whatever the splits: DIR/report.*, not DIR/<split>/.
  const splitOutput = bySplit && !groundingOnly;
  if (values.out) process.stderr.write(`Wrote ${await writeReports(values.out, reports, splitOutput)}\n`);
  const baselinePattern = values["write-baseline"];
  if (baselinePattern) {
    // One baseline per gold run; the report of answers outside the gold set comes after them and has none.
    for (const [index, run] of runs.entries()) {
      const file = fileFor(baselinePattern, run)!;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify(baselineOf(reports[index]!), null, 2)}\n`);
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(splitOutput ? { reports } : reports[0], null, 2)}\n`);
  } else {
    const heading = (evaluation: EvaluationReport): string => `== ${evaluation.split} · ${evaluation.questionFile ?? "answers outside the gold set"} ==\n`;
    const sections = reports.map((evaluation) => `${splitOutput ? heading(evaluation) : ""}${formatReport(evaluation, values.failures)}`);
    process.stdout.write(sections.join("\n"));
    if (reports.length > 1) process.stdout.write(`\n${formatSplitSummary(reports)}`);
  }
  for (const evaluation of reports) {
    const failed = gateFailures(evaluation);
    if (failed === undefined) continue;
    process.stderr.write(`Quality gate failed${bySplit ? ` (${evaluation.split})` : ""}: ${failed}\n`);
    process.exitCode = 1;
  }
});
