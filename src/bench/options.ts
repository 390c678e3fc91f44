import type { QaError } from "../core/errors.js";
import { readFlags, usageError as flagError, wholeNumber } from "../cli/flags.js";

export const BENCH_PARTS = ["retrieval", "coldstart", "http", "widget", "segmenter", "scale", "scale-postgres", "generative"] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchOptions {
  readonly only: ReadonlySet<BenchPart>;
  /** Rounds over all gold questions for in-process timings (≥ 5 for the published figures). */
  readonly rounds: number;
  /** Repetitions of each HTTP load run and of each cold start. */
  readonly runs: number;
  /** Seconds per autocannon run. */
  readonly duration: number;
  /** Print the JSON results instead of the Markdown table. */
  readonly json: boolean;
  /** Write the table into docs/PERFORMANCE.md (off for partial runs unless asked). */
  readonly writeDocs: boolean;
  readonly help: boolean;
  /** Corpus sizes (multiples of the report) the scale part measures; the scale-postgres part measures the largest. */
  readonly scales: readonly number[];
}

export const BENCH_USAGE = `Usage: npm run bench -- [--only ${BENCH_PARTS.join(",")}] [--rounds N] [--runs N] [--duration SECONDS] [--json] [--no-docs] [--scales 1,10,100,1000]
  --only      comma-separated parts to run (default: all)
  --rounds    rounds over all gold questions for in-process timings, and over the segmenter corpora (default 7, at least 1)
  --runs      repetitions of each HTTP run and cold start (default 3 for HTTP; cold start takes max(runs, 5))
  --duration  seconds per HTTP load run (default 3, 1–60)
  --json      print the JSON results instead of the Markdown table
  --no-docs   do not rewrite docs/PERFORMANCE.md
  --scales    comma-separated corpus sizes for the scale part, as multiples of the report (default 1,10,100,1000; each 1–1000);
              the scale-postgres part measures the largest of them only
  scale-postgres uses BENCH_DATABASE_URL (a scratch PostgreSQL with pgvector: the bench publishes its index there) if set, else PGlite`;

const KNOWN = new Set(["--only", "--rounds", "--runs", "--duration", "--scales", "--json", "--no-docs", "--help", "-h"]);
const TAKES_VALUE = new Set(["--only", "--rounds", "--runs", "--duration", "--scales"]);

const usageError = (message: string): QaError => flagError(message, BENCH_USAGE);
const positiveInteger = (name: string, text: string, minimum: number, maximum: number): number => wholeNumber(name, text, minimum, maximum, BENCH_USAGE);

/** Parses `npm run bench` arguments; any mistake is a usage error (exit 2) naming it. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values, flags } = readFlags(argv, KNOWN, TAKES_VALUE, BENCH_USAGE);
  let only: Set<BenchPart> = new Set(BENCH_PARTS);
  const onlyText = values.get("--only");
  if (onlyText !== undefined) {
    only = new Set();
    for (const part of onlyText.split(",").map((item) => item.trim())) {
      if (!(BENCH_PARTS as readonly string[]).includes(part)) throw usageError(`--only: unknown part "${part}"; choose from ${BENCH_PARTS.join(", ")}.`);
      only.add(part as BenchPart);
    }
  }
  let scales: number[] = [1, 10, 100, 1000];
  const scalesText = values.get("--scales");
  if (scalesText !== undefined) {
    scales = [...new Set(scalesText.split(",").map((item) => positiveInteger("--scales", item.trim(), 1, 1000)))].sort((left, right) => left - right);
  }
  return {
    only,
    scales,
    rounds: values.has("--rounds") ? positiveInteger("--rounds", values.get("--rounds")!, 1, 1000) : 7,
    runs: values.has("--runs") ? positiveInteger("--runs", values.get("--runs")!, 1, 50) : 3,
    duration: values.has("--duration") ? positiveInteger("--duration", values.get("--duration")!, 1, 60) : 3,
    json: flags.has("--json"),
    writeDocs: !flags.has("--no-docs"),
    help: flags.has("--help") || flags.has("-h"),
  };
}
