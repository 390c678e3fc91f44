/**
 * The scale-postgres bench's query child: one process holding the same index twice — served
 * from index/ (vector leg hnswlib) and from the database (vector leg pgvector) — so both legs
 * answer the same questions in the same process, interleaved:
 *
 *   node --import tsx src/bench/scale-postgres-child.ts <corpus> <index> <database-url> <rounds>
 *
 * Prints one JSON object on stdout (PostgresQueryReport).
 */
import { readStoredIndex } from "../adapters/node/file-index-store.js";
import { efSearchFor, HnswlibVectorIndex } from "../adapters/node/hnswlib-vector-index.js";
import { loadNodeEngine } from "../adapters/node/load-engine.js";
import { closeSharedPgvectorStores, openPgvectorIndexFor } from "../adapters/postgres/open-pgvector-index.js";
import { PgvectorStore } from "../adapters/postgres/pgvector-store.js";
import { readIndexContents } from "../core/index/read-index-contents.js";
import { ask } from "../core/pipeline/ask.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { BruteForceVectorIndex } from "../core/retrieval/brute-force-vector-index.js";
import { readGoldQuestions } from "./gold-questions.js";
import { recallWithTies, strictRecall } from "./scale-child.js";
import { median, percentile } from "./stats.js";

/** Passages ask() retrieves, as in the retrieval and scale parts. */
const K = 6;
const RECALL_K = 10;
/** As the scale part: the opening words of chunks spread over the corpus, added to the gold questions' vectors. */
const GENERATED_QUERIES = 200;
/** pgvector's largest hnsw.ef_search: recall is also measured there, to show what the served breadth leaves. */
const PGVECTOR_MAX_EF_SEARCH = 1_000;

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
}

export interface LegTimes {
  readonly files: Percentiles;
  readonly postgres: Percentiles;
  /** Median over questions of each question's postgres ÷ files time. */
  readonly ratio: number;
}

export interface RecallFigures {
  /** Ties within RECALL_TOLERANCE of the 10th exact similarity count as found. */
  readonly withTies: number;
  /** Plain id overlap with the exact top 10. */
  readonly strict: number;
  /** Ties counted, the gold questions' vectors only. */
  readonly goldWithTies: number;
  readonly efSearch: number;
  /** Median time of one search (k = 10) over the recall queries, milliseconds. */
  readonly searchMs: number;
}

export interface PostgresQueryReport {
  readonly chunks: number;
  readonly questions: number;
  readonly loadMs: { readonly files: number; readonly postgres: number };
  readonly retrieveMs: LegTimes;
  readonly askMs: LegTimes;
  readonly retrieveRounds: number;
  readonly askRounds: number;
  /** Questions whose top-6 passages (ids, in order) are the same from both legs. */
  readonly sameTopPassages: number;
  readonly recallQueries: number;
  readonly goldRecallQueries: number;
  /** Query vectors left out of recall because they are all zeros (no direction to search in). */
  readonly zeroQueryVectors: number;
  /** At the served hnsw.ef_search. */
  readonly pgvector: RecallFigures;
  /** At pgvector's largest hnsw.ef_search (1,000). */
  readonly pgvectorAtMaxEf: RecallFigures;
  readonly hnswlib: RecallFigures;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * Each question through both engines once per round (after one warm-up round), the order of
 * the two alternated by question and round so neither always finds the caches warm.
 */
async function interleaved(inputs: readonly string[], rounds: number, files: (input: string) => Promise<unknown>, postgres: (input: string) => Promise<unknown>): Promise<LegTimes> {
  const fileSamples = inputs.map(() => [] as number[]);
  const postgresSamples = inputs.map(() => [] as number[]);
  for (let round = -1; round < rounds; round++) {
    for (let index = 0; index < inputs.length; index++) {
      const input = inputs[index]!;
      const filesFirst = (round + index) % 2 === 0;
      const first = await timed(() => (filesFirst ? files : postgres)(input));
      const second = await timed(() => (filesFirst ? postgres : files)(input));
      if (round < 0) continue;
      fileSamples[index]!.push(filesFirst ? first : second);
      postgresSamples[index]!.push(filesFirst ? second : first);
    }
  }
  const fileMedians = fileSamples.map((values) => median(values));
  const postgresMedians = postgresSamples.map((values) => median(values));
  const of = (values: number[]): Percentiles => ({ p50: percentile(values, 50), p95: percentile(values, 95) });
  return {
    files: of(fileMedians),
    postgres: of(postgresMedians),
    ratio: median(postgresMedians.map((value, index) => value / Math.max(fileMedians[index]!, 1e-6))),
  };
}

async function topIds(engine: QaEngine, text: string): Promise<string> {
  const passages = await engine.retriever.retrieve(text, K);
  return passages.map((passage) => passage.chunk.id).join("\n");
}

async function runQueries(corpus: string, index: string, databaseUrl: string, rounds: number): Promise<PostgresQueryReport> {
  const questions = await readGoldQuestions();
  const environment = { ...process.env, DATABASE_URL: undefined };
  let started = performance.now();
  const files = (await loadNodeEngine({ indexDirectory: index, corpusDirectory: corpus, environment, vectorIndex: "hnsw" })).engine;
  const fileLoadMs = performance.now() - started;
  started = performance.now();
  // No index/ for this one: with databaseUrl everything comes from the database, as a server with DATABASE_URL reads it.
  const postgres = (await loadNodeEngine({ indexDirectory: `${index}-not-read`, corpusDirectory: corpus, environment, databaseUrl })).engine;
  const postgresLoadMs = performance.now() - started;
  if (postgres.manifest.indexHash !== files.manifest.indexHash) {
    throw new Error(`the database serves index ${postgres.manifest.indexHash.slice(0, 12)}, index/ holds ${files.manifest.indexHash.slice(0, 12)}: not the same build`);
  }

  const searchTexts = questions.map((question) => files.reader.read(question).searchText);
  const retrieveMs = await interleaved(searchTexts, rounds, (text) => files.retriever.retrieve(text, K), (text) => postgres.retriever.retrieve(text, K));
  // ask() is the slow path at scale: one timed round after the warm-up, as the scale part.
  const askRounds = 1;
  const askMs = await interleaved(questions, askRounds, (question) => ask(files, { question }), (question) => ask(postgres, { question }));
  let sameTopPassages = 0;
  for (const text of searchTexts) if ((await topIds(files, text)) === (await topIds(postgres, text))) sameTopPassages++;

  // Recall of both graphs against exact search over the very vectors index/ stores (and the database was written from).
  const stored = await readStoredIndex(index);
  const { vectors } = readIndexContents(stored.manifest, stored.files);
  const dimensions = stored.manifest.embedder.dimensions;
  const ids = files.chunks.map((chunk) => chunk.id);
  const exact = new BruteForceVectorIndex(dimensions, { ids, vectors });
  const hnswEfSearch = efSearchFor(stored.manifest.chunkCount, stored.manifest.vectorIndex.efSearch);
  const hnsw = await HnswlibVectorIndex.read(`${index}/${stored.manifest.files.hnsw!.path}`, dimensions, { ...stored.manifest.vectorIndex, efSearch: hnswEfSearch }, ids);
  // As a server opens it: hnsw.ef_search as wide as hnswlib's for this many chunks, up to pgvector's cap.
  const pgvector = await openPgvectorIndexFor(databaseUrl, stored.manifest);
  const servedEfSearch = Math.min(PGVECTOR_MAX_EF_SEARCH, Math.max(RECALL_K, hnswEfSearch));
  const widest = await PgvectorStore.connect({ url: databaseUrl, poolSize: 1, search: { efSearch: PGVECTOR_MAX_EF_SEARCH } });
  try {
    const pgvectorAtMax = await widest.open(stored.manifest.indexHash);
    const queryVectors = await Promise.all(searchTexts.map((text) => files.embedder.embedQuery(text)));
    const chunks = files.chunks;
    for (let position = 0; position < GENERATED_QUERIES; position++) {
      const chunk = chunks[Math.floor(((position + 0.5) * chunks.length) / GENERATED_QUERIES)]!;
      queryVectors.push(await files.embedder.embedQuery(chunk.text.slice(0, 24)));
    }
    const legs = {
      pgvector: { search: (vector: number[]) => pgvector.search(vector, RECALL_K), efSearch: servedEfSearch },
      pgvectorAtMaxEf: { search: (vector: number[]) => pgvectorAtMax.search(vector, RECALL_K), efSearch: PGVECTOR_MAX_EF_SEARCH },
      hnswlib: { search: async (vector: number[]) => hnsw.nearest(vector, RECALL_K), efSearch: hnswEfSearch },
    };
    const sums = Object.fromEntries(Object.keys(legs).map((name) => [name, { ties: 0, strict: 0, gold: 0, ms: [] as number[] }]));
    let count = 0;
    let gold = 0;
    let zeroVectors = 0;
    for (let position = 0; position < queryVectors.length; position++) {
      const vector = queryVectors[position]!;
      // A query with no embedded features (search text ";") has no direction: every chunk is an
      // equal neighbour, and pgvector's cosine distance to it is NaN. Left out, and counted.
      if (!vector.some((value) => value !== 0)) {
        zeroVectors++;
        continue;
      }
      count++;
      const isGold = position < searchTexts.length;
      if (isGold) gold++;
      const truth = exact.nearest(vector, RECALL_K);
      for (const [name, leg] of Object.entries(legs)) {
        const started = performance.now();
        const found = await leg.search(vector);
        const sum = sums[name]!;
        sum.ms.push(performance.now() - started);
        const ties = recallWithTies(found, truth);
        sum.ties += ties;
        sum.strict += strictRecall(found, truth);
        if (isGold) sum.gold += ties;
      }
    }
    const figures = (name: keyof typeof legs): RecallFigures => {
      const sum = sums[name]!;
      return { withTies: sum.ties / count, strict: sum.strict / count, goldWithTies: sum.gold / gold, efSearch: legs[name].efSearch, searchMs: median(sum.ms) };
    };
    return {
      chunks: chunks.length,
      questions: questions.length,
      loadMs: { files: fileLoadMs, postgres: postgresLoadMs },
      retrieveMs,
      askMs,
      retrieveRounds: rounds,
      askRounds,
      sameTopPassages,
      recallQueries: count,
      goldRecallQueries: gold,
      zeroQueryVectors: zeroVectors,
      // The breadth a server's pgvector leg searches with (PgvectorStore's default), and pgvector's cap.
      pgvector: figures("pgvector"),
      pgvectorAtMaxEf: figures("pgvectorAtMaxEf"),
      hnswlib: figures("hnswlib"),
    };
  } finally {
    await widest.close();
  }
}

async function main(): Promise<void> {
  const [corpus, index, databaseUrl, rounds] = process.argv.slice(2);
  if (!corpus || !index || !databaseUrl || !Number.isInteger(Number(rounds)) || Number(rounds) < 1) {
    throw new Error("usage: scale-postgres-child.ts <corpus> <index> <database-url> <rounds>");
  }
  try {
    process.stdout.write(`${JSON.stringify(await runQueries(corpus, index, databaseUrl, Number(rounds)))}\n`);
  } finally {
    await closeSharedPgvectorStores();
  }
}

if (process.argv[1]?.endsWith("scale-postgres-child.ts")) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
