import { mkdir, writeFile } from "node:fs/promises";
import { benchColdStart, buildServer } from "../bench/coldstart.js";
import { benchHttp } from "../bench/http.js";
import { benchGenerative } from "../bench/generative.js";
import { describeMachine } from "../bench/machine.js";
import { BENCH_PARTS, BENCH_USAGE, parseBenchOptions, type BenchPart } from "../bench/options.js";
import { markdownTable, performanceDocument, summaryLines, type BenchResults } from "../bench/report.js";
import type { PartResult } from "../bench/results.js";
import { benchRetrieval } from "../bench/retrieval.js";
import { benchScale } from "../bench/scale.js";
import { benchScalePostgres } from "../bench/scale-postgres.js";
import { benchSegmenter } from "../bench/segmenter.js";
import { benchWidget } from "../bench/widget.js";
import { runCommand } from "./run-command.js";

const RESULTS_FILE = ".tmp/bench/results.json";
const PERFORMANCE_FILE = "docs/PERFORMANCE.md";

runCommand(async () => {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const started = performance.now();
  const progress = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
  const runners: Record<BenchPart, () => Promise<PartResult>> = {
    retrieval: () => benchRetrieval(options.rounds),
    coldstart: () => benchColdStart(options.runs),
    http: () => benchHttp(options.runs, options.duration),
    widget: () => benchWidget(),
    segmenter: () => benchSegmenter(options.rounds, options.runs),
    scale: () => benchScale(options.scales, options.rounds, progress),
    "scale-postgres": () =>
      benchScalePostgres({ scale: Math.max(...options.scales), rounds: options.rounds, runs: options.runs, duration: options.duration, progress }),
    generative: () => benchGenerative(options.rounds),
  };
  const parts: PartResult[] = [];
  // The server and widget parts measure dist/: build it from the current sources first.
  if (options.only.has("coldstart") || options.only.has("http") || options.only.has("widget") || options.only.has("scale") || options.only.has("scale-postgres")) {
    progress("npm run build…");
    const buildStarted = performance.now();
    await buildServer();
    progress(`build done in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s`);
  }
  for (const part of BENCH_PARTS) {
    if (!options.only.has(part)) continue;
    progress(`${part}…`);
    const partStarted = performance.now();
    try {
      parts.push(await runners[part]());
    } catch (error) {
      // One part failing (no dist/, a port) must not hide the others' figures.
      const message = error instanceof Error ? error.message : String(error);
      progress(`${part} failed: ${message}`);
      parts.push({ part, seconds: (performance.now() - partStarted) / 1000, rows: [], details: {}, error: message });
    }
    progress(`${part} done in ${((performance.now() - partStarted) / 1000).toFixed(1)} s`);
  }
  const results: BenchResults = {
    startedAt,
    totalSeconds: (performance.now() - started) / 1000,
    machine,
    options: { only: [...options.only], rounds: options.rounds, runs: options.runs, duration: options.duration, scales: [...options.scales] },
    parts,
  };
  await mkdir(".tmp/bench", { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  const complete = BENCH_PARTS.every((part) => options.only.has(part));
  if (options.writeDocs && complete) await writeFile(PERFORMANCE_FILE, performanceDocument(results));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    process.stdout.write(`${markdownTable(results)}\n\n${summaryLines(results)}\n`);
  }
  progress(`results in ${RESULTS_FILE}${options.writeDocs && complete ? ` and ${PERFORMANCE_FILE}` : complete ? "" : ` (${PERFORMANCE_FILE} is only rewritten by a run of every part)`}`);
  if (parts.some((part) => part.error)) process.exitCode = 1;
});
