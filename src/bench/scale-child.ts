/**
 * The scale bench's child process, so that each ingest and each served engine is measured
 * with its own memory (peak RSS from /proc/self/status) and not the bench's:
 *
 *   node --import tsx src/bench/scale-child.ts ingest <corpus> <index> <embedder> <m> <efConstruction> <efSearch>
 *   node --import tsx src/bench/scale-child.ts query <corpus> <index> <rounds>
 *
 * Prints one JSON object on stdout (see IngestReport and QueryReport).
 */
import { readStoredIndex } from "../adapters/node/file-index-store.js";
import { efSearchFor, HnswlibVectorIndex } from "../adapters/node/hnswlib-vector-index.js";
import { ingestCorpus } from "../adapters/node/ingest.js";
import { loadNodeEngine } from "../adapters/node/load-engine.js";
import { readIndexContents } from "../core/index/read-index-contents.js";
import { ask } from "../core/pipeline/ask.js";
import { BruteForceVectorIndex } from "../core/retrieval/brute-force-vector-index.js";
import type { VectorMatch } from "../core/ports/vector-index.js";
import { readGoldQuestions } from "./gold-questions.js";
import { median, percentile } from "./stats.js";
import { readProcessStatus, statusBytes } from "./process-memory.js";

/** Passages ask() retrieves (as in the retrieval part), and the vector leg's candidates (hybrid-retriever.ts). */
const K = 6;
const VECTOR_CANDIDATES = 30;
const RECALL_K = 10;
/** Generated queries added to the gold ones for recall: opening words of chunks spread over the corpus. */
const GENERATED_QUERIES = 200;
/**
 * A returned neighbour counts as found when its similarity is within this of the k-th exact
 * one (the ann-benchmarks convention): rewrites of one report hold chunks with equal vectors,
 * and which of several equal neighbours is returned is not a recall loss.
 */
export const RECALL_TOLERANCE = 1e-4;

export interface MemoryFigures {
  /** Peak resident set (VmHWM), bytes. */
  readonly peakRssBytes: number;
  /** Resident set now (VmRSS), bytes. */
  readonly rssBytes: number;
}

export interface IngestReport {
  readonly seconds: number;
  /** Seconds per ingest phase (see IngestOptions.onTiming). */
  readonly phases: { readonly build: number; readonly files: number; readonly hnsw: number };
  readonly chunks: number;
  readonly dimensions: number;
  readonly memory: MemoryFigures;
}

export interface QueryReport {
  readonly chunks: number;
  readonly loadMs: number;
  /** Memory of this process after loading the served engine (HNSW) and running every query through it. */
  readonly servedMemory: MemoryFigures;
  readonly retrieveMs: { readonly p50: number; readonly p95: number };
  readonly askMs: { readonly p50: number; readonly p95: number };
  readonly askRounds: number;
  readonly recallAt10: number;
  readonly strictRecallAt10: number;
  readonly recallQueries: number;
  readonly hnswSearchMs: number;
  readonly bruteForceSearchMs: number;
  readonly efSearch: number;
}

/** VmHWM and VmRSS of a process from /proc/<pid>/status (Linux); zeros elsewhere. */
export function readMemory(pid: number | "self" = "self"): MemoryFigures {
  const status = readProcessStatus(pid) ?? "";
  return { peakRssBytes: statusBytes(status, "VmHWM") ?? 0, rssBytes: statusBytes(status, "VmRSS") ?? 0 };
}

/** Share of `found` that are true neighbours: similarity ≥ the k-th exact similarity − tolerance. */
export function recallWithTies(found: readonly VectorMatch[], exact: readonly VectorMatch[], tolerance = RECALL_TOLERANCE): number {
  if (exact.length === 0) return 1;
  const kth = exact[exact.length - 1]!.similarity;
  return Math.min(exact.length, found.filter((match) => match.similarity >= kth - tolerance).length) / exact.length;
}

/** Share of the exact neighbours' chunks that `found` holds (no allowance for ties). */
export function strictRecall(found: readonly VectorMatch[], exact: readonly VectorMatch[]): number {
  if (exact.length === 0) return 1;
  const chunkIds = new Set(found.map((match) => match.chunkId));
  return exact.filter((match) => chunkIds.has(match.chunkId)).length / exact.length;
}

async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

/** Per-query median over rounds (after one warm-up round), for each query. */
async function perQueryMedians(queries: readonly string[], rounds: number, run: (query: string) => Promise<unknown> | unknown): Promise<number[]> {
  const samples = queries.map(() => [] as number[]);
  for (let round = -1; round < rounds; round++) {
    for (let index = 0; index < queries.length; index++) {
      const [, ms] = await timed(() => run(queries[index]!));
      if (round >= 0) samples[index]!.push(ms);
    }
  }
  return samples.map((values) => median(values));
}

async function runIngest(corpus: string, index: string, embedder: string, m: number, efConstruction: number, efSearch: number): Promise<IngestReport> {
  const started = performance.now();
  const phases = { build: 0, files: 0, hnsw: 0 };
  const manifest = await ingestCorpus({
    onTiming: (phase, seconds) => (phases[phase] = seconds),
    corpusDirectory: corpus,
    indexDirectory: index,
    embedder,
    environment: process.env,
    hnsw: { m, efConstruction, efSearch, seed: 100 },
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  return { seconds: (performance.now() - started) / 1000, phases, chunks: manifest.chunkCount, dimensions: manifest.embedder.dimensions, memory: readMemory() };
}

async function runQueries(corpus: string, index: string, rounds: number): Promise<QueryReport> {
  const questions = await readGoldQuestions();
  const [loaded, loadMs] = await timed(() => loadNodeEngine({ indexDirectory: index, corpusDirectory: corpus, environment: process.env, vectorIndex: "hnsw" }));
  const { engine } = loaded;
  const searchTexts = questions.map((question) => engine.reader.read(question).searchText);
  const retrieve = await perQueryMedians(searchTexts, rounds, (query) => engine.retriever.retrieve(query, K));
  // ask() is the slow path at scale (the answerer's term statistics): one timed round.
  const askRounds = 1;
  const askTimes = await perQueryMedians(questions, askRounds, (question) => ask(engine, { question }));
  const servedMemory = readMemory();

  // Recall and the brute-force/HNSW comparison, on the very vectors the index stores.
  const stored = await readStoredIndex(index);
  const { vectors } = readIndexContents(stored.manifest, stored.files);
  const dimensions = stored.manifest.embedder.dimensions;
  const ids = engine.chunks.map((chunk) => chunk.id);
  const exactIndex = new BruteForceVectorIndex(dimensions, { ids, vectors });
  const hnswFile = `${index}/${stored.manifest.files.hnsw!.path}`;
  // The breadth the server uses for this index (load-engine.ts).
  const efSearch = efSearchFor(stored.manifest.chunkCount, stored.manifest.vectorIndex.efSearch);
  const hnsw = await HnswlibVectorIndex.read(hnswFile, dimensions, { ...stored.manifest.vectorIndex, efSearch }, ids);
  const queryVectors = await Promise.all(searchTexts.map((text) => engine.embedder.embedQuery(text)));
  const chunks = engine.chunks;
  for (let index = 0; index < GENERATED_QUERIES; index++) {
    const chunk = chunks[Math.floor(((index + 0.5) * chunks.length) / GENERATED_QUERIES)]!;
    queryVectors.push(await engine.embedder.embedQuery(chunk.text.slice(0, 24)));
  }
  let recall = 0;
  let strict = 0;
  for (const vector of queryVectors) {
    const exact = exactIndex.nearest(vector, RECALL_K);
    const found = hnsw.nearest(vector, RECALL_K);
    recall += recallWithTies(found, exact);
    strict += strictRecall(found, exact);
  }
  // Search time per vector leg, k as the hybrid retriever asks (30), interleaved per query.
  const timingVectors = queryVectors.slice(0, questions.length);
  const hnswTimes = timingVectors.map(() => [] as number[]);
  const exactTimes = timingVectors.map(() => [] as number[]);
  const exactRounds = chunks.length > 20_000 ? 1 : rounds;
  for (let round = -1; round < exactRounds; round++) {
    timingVectors.forEach((vector, index) => {
      // Alternate which leg runs first, so neither always finds the caches warm.
      const hnswFirst = (round + index) % 2 === 0;
      // The synchronous search of each, so the times are the scans, not promise turns.
      const firstMs = timedSync(() => (hnswFirst ? hnsw : exactIndex).nearest(vector, VECTOR_CANDIDATES));
      const secondMs = timedSync(() => (hnswFirst ? exactIndex : hnsw).nearest(vector, VECTOR_CANDIDATES));
      const [hnswMs, exactMs] = hnswFirst ? [firstMs, secondMs] : [secondMs, firstMs];
      if (round >= 0) {
        hnswTimes[index]!.push(hnswMs);
        exactTimes[index]!.push(exactMs);
      }
    });
  }
  const retrieveP = { p50: percentile(retrieve, 50), p95: percentile(retrieve, 95) };
  return {
    chunks: chunks.length,
    loadMs,
    servedMemory,
    retrieveMs: retrieveP,
    askMs: { p50: percentile(askTimes, 50), p95: percentile(askTimes, 95) },
    askRounds,
    recallAt10: recall / queryVectors.length,
    strictRecallAt10: strict / queryVectors.length,
    recallQueries: queryVectors.length,
    hnswSearchMs: median(hnswTimes.map((values) => median(values))),
    bruteForceSearchMs: median(exactTimes.map((values) => median(values))),
    efSearch,
  };
}

function timedSync(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  let report: unknown;
  if (mode === "ingest") {
    const [corpus, index, embedder, m, efConstruction, efSearch] = rest;
    report = await runIngest(corpus!, index!, embedder!, Number(m), Number(efConstruction), Number(efSearch));
  } else if (mode === "query") {
    const [corpus, index, rounds] = rest;
    report = await runQueries(corpus!, index!, Number(rounds));
  } else {
    throw new Error(`scale-child: unknown mode ${String(mode)}`);
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// Only as a script: tests import the helpers above.
if (process.argv[1]?.endsWith("scale-child.ts")) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
