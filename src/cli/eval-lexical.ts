import { readFile } from "node:fs/promises";
import { readConfiguration } from "../adapters/node/configuration.js";
import { readCorpus } from "../adapters/node/corpus-reader.js";
import { loadNodeEngine } from "../adapters/node/load-engine.js";
import { describeDatabase, parseDatabaseUrl } from "../adapters/postgres/database-url.js";
import { PgvectorStore } from "../adapters/postgres/pgvector-store.js";
import { TS_RANK_FUNCTIONS, TsvectorLexicalSearch, type TsvectorRanking, type TsvectorVersionSearch } from "../adapters/postgres/tsvector-lexical-search.js";
import { median, percentile } from "../bench/stats.js";
import { QaError } from "../core/errors.js";
import { parseQuestionFile } from "../core/evaluation/gold-question.js";
import { bestLeg, HYBRID_TOP_K, LEXICAL_CUTOFFS, renderSplitTable, type LegResult, type SplitResult } from "../core/evaluation/lexical-comparison-report.js";
import { fusedTopPositions } from "../core/evaluation/lexical-fused-ranking.js";
import { questionsWithEvidence, rankingFigures, type QuestionWithEvidence } from "../core/evaluation/lexical-ranking-figures.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { Bm25Index } from "../core/retrieval/bm25-index.js";
import { indexedText } from "../core/retrieval/indexed-text.js";
import { normalizeText } from "../core/text/normalize.js";
import { tokenize } from "../core/text/tokenize.js";
import { parseArguments } from "./arguments.js";
import { findSplits, selectSplits } from "./eval-splits.js";
import { runCommand } from "./run-command.js";

/**
 * npm run eval:lexical — issue 14 item 3: our BM25 (in memory, as served) against PostgreSQL
 * full-text ranking (ts_rank, ts_rank_cd and their normalizations) over the same tokens of the
 * same chunks of index/, on every gold split: each leg's ranking of the gold evidence, the
 * hybrid retriever's final passages with that leg fused in BM25's place, and each leg's
 * latency. Without --database-url the database is PGlite (PostgreSQL compiled to WASM) in this
 * process, reached over the wire protocol as a server would be.
 */
const USAGE =
  "Usage: npm run eval:lexical -- [--split dev,blind] [--eval-dir eval] [--rounds N] [--database-url postgres://…] [--json]\n" +
  "  --database-url  a PostgreSQL with pgvector to measure in instead of in-process PGlite; a version named eval-lexical-<time> is written there and discarded at the end";

const usage = (message: string): QaError => new QaError("invalid_parameter", `${message}\n${USAGE}`);

/** Candidates a leg gives the fusion: HybridRetriever's CANDIDATES_PER_LEG (the recomposition check below fails if they part). */
const CANDIDATES_PER_LEG = 30;
const WARM_UP_ROUNDS = 1;
const BM25_LEG = "bm25 (in memory, as served)";

/**
 * The PostgreSQL rankings measured: each function with no normalization and with each
 * single normalization bit that can change an order (32, rank/(rank+1), cannot; 4 is
 * ts_rank_cd's alone). Their meanings are in tsvector-lexical-search.ts.
 */
const NORMALIZATION_BITS = [0, 1, 2, 4, 8, 16];
const RANKINGS: readonly TsvectorRanking[] = TS_RANK_FUNCTIONS.flatMap((rankFunction) =>
  NORMALIZATION_BITS.filter((bits) => bits !== 4 || rankFunction === "ts_rank_cd").map((normalization) => ({ function: rankFunction, normalization })),
);

/** One leg: from the question's search text, the chunk positions it ranks first (best first) with their scores. Each leg tokenises the text itself, as serving would. */
type Leg = (searchText: string) => Promise<ReadonlyMap<number, number>>;

interface Measured {
  /** Per question: the leg's candidates (position → score, in rank order). */
  readonly candidates: ReadonlyMap<number, number>[];
  /** Per question: the median of its timed rounds. */
  readonly milliseconds: number[];
}

async function readQuestions(file: string) {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new QaError("invalid_parameter", `Question file ${file} cannot be read.`);
  }
  const { questions, problems } = parseQuestionFile(text);
  for (const problem of problems) process.stderr.write(`${file}:${problem.line}: ${problem.message} (skipped)\n`);
  if (questions.length === 0) throw new QaError("invalid_parameter", `${file} holds no valid questions.`);
  return questions;
}

/** Every leg on every query, rounds interleaved and the legs' order rotated per query, so drift on a shared machine hits them alike. */
async function measureLegs(legs: ReadonlyMap<string, Leg>, queries: readonly string[], rounds: number): Promise<Map<string, Measured>> {
  const names = [...legs.keys()];
  const candidates = new Map(names.map((name) => [name, [] as ReadonlyMap<number, number>[]]));
  const samples = new Map(names.map((name) => [name, queries.map(() => [] as number[])]));
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    for (let index = 0; index < queries.length; index++) {
      for (let offset = 0; offset < names.length; offset++) {
        const name = names[(offset + round + index) % names.length]!;
        const started = performance.now();
        const found = await legs.get(name)!(queries[index]!);
        const elapsed = performance.now() - started;
        if (round === 0) candidates.get(name)!.push(found);
        if (round >= WARM_UP_ROUNDS) samples.get(name)![index]!.push(elapsed);
      }
    }
  }
  return new Map(names.map((name) => [name, { candidates: candidates.get(name)!, milliseconds: samples.get(name)!.map((perQuery) => median(perQuery)) }]));
}

const positionsToIds = (engine: QaEngine, positions: Iterable<number>): string[] => [...positions].map((position) => engine.chunks[position]!.id);

function parseRounds(value: string): number {
  const rounds = Number(value);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw usage(`--rounds must be a whole number from 1 to 50, not "${value}".`);
  return rounds;
}

/** host:port/database of --database-url (no credentials), refusing anything but a postgres:// URL before any work starts. */
function databaseLabel(url: string): string {
  try {
    return describeDatabase(parseDatabaseUrl(url));
  } catch (error) {
    throw usage(`--database-url: ${error instanceof Error ? error.message.replace(/^DATABASE_URL /u, "") : String(error)}`);
  }
}

/** The database to measure in: the one named, or PGlite started here (a devDependency, as for the tests). */
async function openDatabase(url: string | undefined): Promise<{ url: string; label: string; stop: () => Promise<void> }> {
  if (url !== undefined) return { url, label: `PostgreSQL at ${databaseLabel(url)}`, stop: async () => undefined };
  const { startPgliteServer } = await import("../../tests/support/pglite-server.js");
  const server = await startPgliteServer();
  return { url: server.url, label: "PGlite (PostgreSQL in WASM, this process, over loopback)", stop: () => server.stop() };
}

runCommand(async () => {
  const { values } = parseArguments(
    process.argv.slice(2),
    { split: { type: "string" }, "eval-dir": { type: "string" }, rounds: { type: "string", default: "3" }, "database-url": { type: "string" }, json: { type: "boolean", default: false } },
    USAGE,
  );
  const rounds = parseRounds(values.rounds);
  if (values["database-url"] !== undefined) databaseLabel(values["database-url"]);
  const evalDirectory = values["eval-dir"] ?? "eval";
  const splits = selectSplits(await findSplits(evalDirectory), values.split, usage);
  if (splits.length === 0) throw new QaError("invalid_parameter", `No ${evalDirectory}/<split>/questions.jsonl found.`);
  const questionsBySplit = [];
  for (const split of splits) questionsBySplit.push({ split: split.name, questions: await readQuestions(split.questionFile) });

  const configuration = readConfiguration(process.env);
  const warn = (message: string): void => void process.stderr.write(`warning: ${message}\n`);
  const documents = await readCorpus(configuration.corpusDirectory);
  const sources = new Map(documents.map((document) => [document.source, document.text]));
  // The committed index as served from files (never DATABASE_URL: the comparison is of the
  // lexical leg, over index/'s chunks); one engine per retriever mode.
  const load = async (retrieverMode: "bm25" | "dense" | "hybrid") =>
    (await loadNodeEngine({ indexDirectory: configuration.indexDirectory, environment: process.env, vectorIndex: configuration.vectorIndex, retrieverMode, warn })).engine;
  const served = { bm25: await load("bm25"), dense: await load("dense"), hybrid: await load("hybrid") };
  const engine = served.hybrid;
  // The tokens ingest gives BM25 (build-index.ts), written to PostgreSQL as they are.
  const chunkTokens = engine.chunks.map((chunk) => tokenize(normalizeText(indexedText(chunk))));
  const tokenBm25 = new Bm25Index(chunkTokens);
  const positionOf = new Map(engine.chunks.map((chunk, position) => [chunk.id, position]));

  const database = await openDatabase(values["database-url"]);
  const store = await PgvectorStore.connect({ url: database.url, poolSize: 2 }).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  const version = `eval-lexical-${Date.now()}`;
  try {
    await store.createVersion(version, engine.manifest.embedder.dimensions);
    const lexical = await TsvectorLexicalSearch.attach(store);
    const writeStarted = performance.now();
    await lexical.writeVersion(version, engine.chunks.map((chunk, position) => ({ chunkId: chunk.id, tokens: chunkTokens[position]! })));
    const writeMs = performance.now() - writeStarted;
    const rows: TsvectorVersionSearch = await lexical.open(version);

    const legs = new Map<string, Leg>([
      [
        BM25_LEG,
        async (searchText) => {
          const passages = await served.bm25.retriever.retrieve(searchText, CANDIDATES_PER_LEG);
          return new Map(passages.map((passage) => [passage.position, passage.lexicalScore]));
        },
      ],
      ...RANKINGS.map((ranking): [string, Leg] => [
        `${ranking.function} norm ${ranking.normalization}`,
        async (searchText) => new Map((await rows.search(tokenize(normalizeText(searchText)), CANDIDATES_PER_LEG, ranking)).map((hit) => [positionOf.get(hit.chunkId)!, hit.score])),
      ]),
    ]);

    const results: SplitResult[] = [];
    const checks = { tokensAgree: 0, fusionAgrees: 0, questions: 0 };
    for (const { split, questions } of questionsBySplit) {
      const { graded, withoutEvidence } = questionsWithEvidence(questions, engine.chunks, sources);
      const searchTexts = graded.map(({ question }) => engine.reader.read(question.question, question.history ?? []).searchText);
      const queries = searchTexts.map((text) => tokenize(normalizeText(text)));
      process.stderr.write(`${split}: ${graded.length} questions with evidence × ${legs.size} legs × ${rounds} rounds…\n`);
      const measured = await measureLegs(legs, searchTexts, rounds);
      const vectors = await Promise.all(
        searchTexts.map(async (text) => new Map((await served.dense.retriever.retrieve(text, CANDIDATES_PER_LEG)).map((passage) => [passage.position, passage.vectorSimilarity]))),
      );
      const servedTop = await Promise.all(searchTexts.map(async (text) => (await served.hybrid.retriever.retrieve(text, HYBRID_TOP_K)).map((passage) => passage.position)));
      const bm25 = measured.get(BM25_LEG)!;
      graded.forEach((_, index) => {
        checks.questions++;
        // The tokens written to PostgreSQL are BM25's own: a BM25 over them ranks as the served one does.
        const fromTokens = tokenBm25.search(queries[index]!, CANDIDATES_PER_LEG).map((match) => match.position);
        if (fromTokens.join() === [...bm25.candidates[index]!.keys()].join()) checks.tokensAgree++;
        // The recomposed fusion over BM25's candidates is the served hybrid retriever's ranking.
        if (fusedTopPositions(bm25.candidates[index]!, vectors[index]!, HYBRID_TOP_K).join() === servedTop[index]!.join()) checks.fusionAgrees++;
      });
      const legResults: LegResult[] = [...measured].map(([leg, { candidates, milliseconds }]) => {
        const relevantOf = (index: number): QuestionWithEvidence["relevant"] => graded[index]!.relevant;
        return {
          leg,
          lexical: rankingFigures(candidates.map((found, index) => ({ retrieved: positionsToIds(engine, found.keys()).slice(0, 10), relevant: relevantOf(index) })), LEXICAL_CUTOFFS),
          hybrid: rankingFigures(
            candidates.map((found, index) => ({ retrieved: positionsToIds(engine, fusedTopPositions(found, vectors[index]!, HYBRID_TOP_K)), relevant: relevantOf(index) })),
            [HYBRID_TOP_K],
          ),
          latencyMs: { p50: median(milliseconds), p95: percentile(milliseconds, 95) },
        };
      });
      results.push({ split, questions: questions.length, withoutEvidence, legs: legResults });
    }

    // Figures over tokens or a fusion other than the served ones would compare something else: say so, and fail.
    if (checks.tokensAgree !== checks.questions || checks.fusionAgrees !== checks.questions) {
      warn(
        `the comparison does not match serving (tokens agree on ${checks.tokensAgree}/${checks.questions}, fusion on ${checks.fusionAgrees}/${checks.questions}): ` +
          "the retriever's tokens, candidates per leg or fusion changed; update src/cli/eval-lexical.ts to match.",
      );
      process.exitCode = 1;
    }
    const dev = results.find((result) => result.split === "dev") ?? results[0]!;
    const winner = bestLeg(dev);
    const bestTsRank = bestLeg(dev, (leg) => leg.leg.startsWith("ts_rank "));
    const bestTsRankCd = bestLeg(dev, (leg) => leg.leg.startsWith("ts_rank_cd "));
    const summary = {
      index: { directory: configuration.indexDirectory, chunks: engine.chunks.length, embedder: engine.manifest.embedder.id, retriever: served.hybrid.retriever.description },
      database: database.label,
      rounds,
      warmUpRounds: WARM_UP_ROUNDS,
      candidatesPerLeg: CANDIDATES_PER_LEG,
      writeMs,
      checks,
      chosenOn: dev.split,
      best: { overall: winner?.leg, tsRank: bestTsRank?.leg, tsRankCd: bestTsRankCd?.leg },
      splits: results,
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    const lines = [
      `# Lexical leg: our BM25 against PostgreSQL full-text ranking over our own tokens`,
      "",
      `- index: ${engine.chunks.length} chunks (${configuration.indexDirectory}), ${summary.index.retriever}`,
      `- database: ${database.label}; ${engine.chunks.length} tsvectors written in ${writeMs.toFixed(0)} ms`,
      `- relevance as npm run eval grades it (a chunk overlapping gold evidence); questions without evidence (unanswerable) are not graded`,
      `- each leg gives ${CANDIDATES_PER_LEG} candidates (as the hybrid retriever asks); R@k, hit@5 and MRR@10 from its first 10; hybrid R@${HYBRID_TOP_K} / hit@${HYBRID_TOP_K}: the final ${HYBRID_TOP_K} passages with that leg fused in BM25's place (weighted 0.5)`,
      `- latency: ${rounds} rounds after ${WARM_UP_ROUNDS} warm-up, per-question median, then p50/p95 over questions; BM25 in this process, the others one SQL round trip each`,
      `- checks: the tokens written give BM25's own ranking on ${checks.tokensAgree}/${checks.questions} questions; recomposed fusion = served hybrid top-${HYBRID_TOP_K} on ${checks.fusionAgrees}/${checks.questions}`,
      "",
    ];
    for (const result of results) {
      lines.push(`## ${result.split}: ${result.questions - result.withoutEvidence} of ${result.questions} questions graded`, "", renderSplitTable(result), "");
    }
    lines.push(
      `Best on ${dev.split} (MRR@10, then R@5, then R@1): ${winner?.leg ?? "—"}; best ts_rank: ${bestTsRank?.leg ?? "—"}; best ts_rank_cd: ${bestTsRankCd?.leg ?? "—"}.`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await store.discard(version).catch(() => undefined);
    await store.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
  }
});
