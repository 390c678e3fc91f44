/**
 * The scale-postgres part: the scaled corpus (the scale part's generator) as many documents in
 * PostgreSQL + pgvector beside the same corpus in index/ files, measured in the same run:
 * ingest time, retrieval and ask() with the vector leg from each, pgvector's recall@10 against
 * exact search, and two servers sharing the database under load beside one file-backed server.
 */
import { execFile } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_HASHING_DIMENSIONS } from "../core/embedding/hashing-embedder.js";
import { readGoldQuestions } from "./gold-questions.js";
import type { BenchRow, PartResult } from "./results.js";
import { prepareCorpus, readTemplate, SCALE_GENERATOR_VERSION, SCALE_SEED } from "./scale.js";
import type { MemoryFigures } from "./scale-child.js";
import type { PostgresQueryReport } from "./scale-postgres-child.js";
import { startBenchDatabase, type BenchDatabase } from "./scale-postgres-database.js";
import { compareUnderLoad, type LoadComparison, type TargetSummary } from "./scale-postgres-load.js";
import { formatMilliseconds, formatRatio } from "./stats.js";

const run = promisify(execFile);
const PART = "scale-postgres";
const MEGABYTE = 1024 * 1024;
/** The 1000× corpus ingests for minutes into PGlite (one WASM thread writes the rows and builds the graph). */
const INGEST_TIMEOUT_MS = 3 * 60 * 60_000;
const QUERY_TIMEOUT_MS = 60 * 60_000;

export interface ScalePostgresSettings {
  /** Corpus size as a multiple of the report (the largest of --scales). */
  readonly scale: number;
  /** Rounds of the retrieval timing (capped at 3, as the scale part). */
  readonly rounds: number;
  /** Load runs per target. */
  readonly runs: number;
  /** Seconds per load run. */
  readonly duration: number;
  /** Where the index and the servers' data go (default .tmp/bench/scale-postgres). */
  readonly workDirectory?: string;
  /** The servers' logs: .tmp/bench/<logPrefix>-<server>.log (default scale-postgres-<scale>). */
  readonly logPrefix?: string;
  readonly progress?: (message: string) => void;
}

export interface IngestTiming {
  /** `npm run ingest -- --target files`, spawn to exit. */
  readonly filesSeconds: number;
  /** `npm run ingest -- --target postgres` of the same corpus into the same index/, spawn to exit. */
  readonly postgresSeconds: number;
  /** The database held this build already (a real database kept from an earlier run): nothing was written. */
  readonly postgresReused: boolean;
}

export interface ScalePostgresMeasurement {
  readonly scale: number;
  readonly documents: number;
  readonly characters: number;
  readonly database: { readonly kind: BenchDatabase["kind"]; readonly description: string; readonly memory?: MemoryFigures };
  readonly ingest: IngestTiming;
  readonly query: PostgresQueryReport;
  readonly load: LoadComparison;
}

async function ingestWith(target: "files" | "postgres", corpus: string, index: string, databaseUrl: string): Promise<{ seconds: number; stderr: string }> {
  const started = performance.now();
  const { stderr } = await run(
    process.execPath,
    ["--import", "tsx", "src/cli/ingest.ts", "--corpus", corpus, "--index", index, "--embedder", "hashing", "--target", target],
    { env: { ...process.env, DATABASE_URL: target === "postgres" ? databaseUrl : undefined }, maxBuffer: 16 * MEGABYTE, timeout: INGEST_TIMEOUT_MS },
  );
  return { seconds: (performance.now() - started) / 1000, stderr };
}

async function queryChild(corpus: string, index: string, databaseUrl: string, rounds: number): Promise<PostgresQueryReport> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "src/bench/scale-postgres-child.ts", corpus, index, databaseUrl, String(rounds)], {
    env: { ...process.env, DATABASE_URL: undefined },
    maxBuffer: 16 * MEGABYTE,
    timeout: QUERY_TIMEOUT_MS,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as PostgresQueryReport;
}

export async function measureScalePostgres(settings: ScalePostgresSettings): Promise<ScalePostgresMeasurement> {
  const progress = settings.progress ?? (() => undefined);
  const work = settings.workDirectory ?? ".tmp/bench/scale-postgres";
  const corpus = await prepareCorpus(settings.scale, await readTemplate());
  const index = path.join(work, `index-${settings.scale}`);
  await rm(index, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const database = await startBenchDatabase();
  try {
    progress(`${PART} ${settings.scale}×: ${database.kind === "pglite" ? "PGlite started" : database.description}; ingest of ${corpus.documents} documents to files…`);
    const files = await ingestWith("files", corpus.directory, index, database.url);
    progress(`${PART} ${settings.scale}×: files in ${files.seconds.toFixed(1)} s; ingest --target postgres…`);
    const postgres = await ingestWith("postgres", corpus.directory, index, database.url);
    const postgresReused = /PostgreSQL already held/u.test(postgres.stderr);
    progress(`${PART} ${settings.scale}×: postgres in ${postgres.seconds.toFixed(1)} s; retrieval, ask() and recall…`);
    const query = await queryChild(corpus.directory, index, database.url, Math.min(settings.rounds, 3));
    progress(`${PART} ${settings.scale}×: servers under load…`);
    const load = await compareUnderLoad({
      corpusDirectory: corpus.directory,
      indexDirectory: index,
      databaseUrl: database.url,
      workDirectory: work,
      questions: await readGoldQuestions(),
      logPrefix: settings.logPrefix ?? `${PART}-${settings.scale}`,
      seconds: settings.duration,
      runs: settings.runs,
      progress: (message) => progress(`${PART} ${settings.scale}×: ${message}`),
    });
    const memory = database.memory();
    return {
      scale: settings.scale,
      documents: corpus.documents,
      characters: corpus.characters,
      database: { kind: database.kind, description: database.description, ...(memory ? { memory } : {}) },
      ingest: { filesSeconds: files.seconds, postgresSeconds: postgres.seconds, postgresReused },
      query,
      load,
    };
  } finally {
    await database.stop();
  }
}

const mb = (bytes: number): string => `${(bytes / MEGABYTE).toFixed(0)} MB`;
const pair = (p50: number, p95: number): string => `${formatMilliseconds(p50)} / ${formatMilliseconds(p95)}`;

function loadValue(target: TargetSummary): string {
  return `${target.requestsPerSecond.toFixed(0)} req/s; p50 / p95 / p99 ${formatMilliseconds(target.p50)} / ${formatMilliseconds(target.p95)} / ${formatMilliseconds(target.p99)}`;
}

function loadNote(target: TargetSummary, load: LoadComparison): string {
  const ok = target.okByServer.map((count, index) => `server ${index + 1}: ${count}`).join(", ");
  return (
    `${target.servers} server process${target.servers > 1 ? "es" : ""} (storage ${target.storage.join(", ")}), ${target.connections} connections in all, ` +
    `median of ${load.runs} × ${load.seconds}-s runs; 2xx ${ok}; non-2xx ${target.non2xx}, socket errors ${target.errors}, timeouts ${target.timeouts}, 2xx without an answer ${target.badBodies}; ` +
    `ready after ${target.readyMs.map((ms) => formatMilliseconds(ms)).join(", ")}; RSS after ${target.memory.map((memory) => mb(memory.rssBytes)).join(", ")}`
  );
}

/** The part's table rows: each Postgres figure beside the file-backed one from the same run, and their ratio. */
export function scalePostgresRows(measurement: ScalePostgresMeasurement): BenchRow[] {
  const { query, ingest, load } = measurement;
  const label = `${measurement.scale}× (${query.chunks.toLocaleString("en-US")} chunks, ${measurement.documents} documents)`;
  const row = (metric: string, value: string, measured: number | null, unit: string, note?: string): BenchRow => ({
    part: PART,
    metric: `${label}: ${metric}`,
    value,
    measured,
    unit,
    ...(note ? { note } : {}),
  });
  const ingestRatio = ingest.postgresSeconds / ingest.filesSeconds;
  const throughputRatio = load.postgres.requestsPerSecond / load.files.requestsPerSecond;
  const p50Ratio = load.postgres.p50 / load.files.p50;
  return [
    row("database", measurement.database.kind === "pglite" ? "PGlite (WASM)" : "PostgreSQL", null, "", `${measurement.database.description}${measurement.database.memory ? `; its peak RSS ${mb(measurement.database.memory.peakRssBytes)}` : ""}`),
    row("ingest to files (npm run ingest)", `${ingest.filesSeconds.toFixed(1)} s`, ingest.filesSeconds, "s", "wall time of the CLI child, spawn to exit (chunk, embed, lexical postings, HNSW graph, files)"),
    row(
      "ingest --target postgres",
      `${ingest.postgresSeconds.toFixed(1)} s`,
      ingest.postgresSeconds,
      "s",
      `${formatRatio(ingestRatio)} the file ingest; the same files ingest, then vectors, manifest and index files written as a version (pgvector's HNSW graph built over all the rows at publish) and published: ≈ ${(ingest.postgresSeconds - ingest.filesSeconds).toFixed(1)} s more` +
        (ingest.postgresReused ? "; THE DATABASE HELD THIS BUILD ALREADY, so nothing was written (use a fresh database for this figure)" : ""),
    ),
    row("retrieval p50 / p95, vector leg hnswlib (index/)", pair(query.retrieveMs.files.p50, query.retrieveMs.files.p95), query.retrieveMs.files.p95, "ms (p95)", `hybrid, k = 6, the ${query.questions} gold questions' search text; per-question median of ${query.retrieveRounds} round(s) after a warm-up, legs interleaved`),
    row(
      "retrieval p50 / p95, vector leg pgvector",
      pair(query.retrieveMs.postgres.p50, query.retrieveMs.postgres.p95),
      query.retrieveMs.postgres.p95,
      "ms (p95)",
      `${formatRatio(query.retrieveMs.ratio)} hnswlib (median of per-question ratios); same top 6 passages for ${query.sameTopPassages} of ${query.questions} questions`,
    ),
    row("ask() p50 / p95, index/", pair(query.askMs.files.p50, query.askMs.files.p95), query.askMs.files.p95, "ms (p95)", `${query.askRounds} timed round after a warm-up`),
    row("ask() p50 / p95, database", pair(query.askMs.postgres.p50, query.askMs.postgres.p95), query.askMs.postgres.p95, "ms (p95)", `${formatRatio(query.askMs.ratio)} index/ (median of per-question ratios)`),
    row(
      "pgvector HNSW recall@10 vs exact brute force",
      query.pgvector.withTies.toFixed(4),
      query.pgvector.withTies,
      "",
      `${query.recallQueries} queries (${query.goldRecallQueries} gold + generated${query.zeroQueryVectors ? `; ${query.zeroQueryVectors} all-zero query vector(s) left out: no direction, so every chunk ties at similarity 0` : ""}), hnsw.ef_search ${query.pgvector.efSearch} as served; ties within 1e-4 count; strict id overlap ${query.pgvector.strict.toFixed(3)}; gold only ${query.pgvector.goldWithTies.toFixed(4)}; one search (k = 10) ${formatMilliseconds(query.pgvector.searchMs)}`,
    ),
    row(
      "pgvector recall@10 at its largest hnsw.ef_search",
      query.pgvectorAtMaxEf.withTies.toFixed(4),
      query.pgvectorAtMaxEf.withTies,
      "",
      `hnsw.ef_search ${query.pgvectorAtMaxEf.efSearch} (pgvector's cap), same queries; strict ${query.pgvectorAtMaxEf.strict.toFixed(3)}; gold only ${query.pgvectorAtMaxEf.goldWithTies.toFixed(4)}; one search ${formatMilliseconds(query.pgvectorAtMaxEf.searchMs)}`,
    ),
    row(
      "hnswlib recall@10 on the same queries",
      query.hnswlib.withTies.toFixed(4),
      query.hnswlib.withTies,
      "",
      `efSearch ${query.hnswlib.efSearch} (as served); strict ${query.hnswlib.strict.toFixed(3)}; gold only ${query.hnswlib.goldWithTies.toFixed(4)}; one search ${formatMilliseconds(query.hnswlib.searchMs)}`,
    ),
    row("load: one file-backed server", loadValue(load.files), load.files.requestsPerSecond, "req/s", loadNote(load.files, load)),
    row("load: two servers sharing the database", loadValue(load.postgres), load.postgres.requestsPerSecond, "req/s", loadNote(load.postgres, load)),
    row(
      "load: two database servers ÷ one file server",
      `${formatRatio(throughputRatio)} req/s, ${formatRatio(p50Ratio)} p50`,
      Number.isFinite(throughputRatio) ? throughputRatio : null,
      "×",
      "POST /api/ask with test:load's mix (gold questions, half of them reworded so they are computed, not cached); autocannon in the bench process on the same cores",
    ),
  ];
}

export async function benchScalePostgres(settings: ScalePostgresSettings): Promise<PartResult> {
  const started = performance.now();
  const measurement = await measureScalePostgres(settings);
  return {
    part: PART,
    seconds: (performance.now() - started) / 1000,
    rows: scalePostgresRows(measurement),
    details: { embedder: `hashing (${DEFAULT_HASHING_DIMENSIONS} dimensions)`, seed: SCALE_SEED, generatorVersion: SCALE_GENERATOR_VERSION, measurement },
  };
}
