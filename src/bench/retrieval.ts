import MiniSearch from "minisearch";
import { readCorpus } from "../adapters/node/corpus-reader.js";
import { loadNodeEngine } from "../adapters/node/load-engine.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../core/chunking/chunk.js";
import { ask } from "../core/pipeline/ask.js";
import { buildInMemoryEngine } from "../core/pipeline/in-memory-engine.js";
import { indexedText } from "../core/retrieval/indexed-text.js";
import { normalizeText } from "../core/text/normalize.js";
import { tokenize } from "../core/text/tokenize.js";
import { readGoldQuestions } from "./gold-questions.js";
import type { BenchRow, PartResult } from "./results.js";
import { formatMilliseconds, formatRatio, median, percentile, ratio } from "./stats.js";

/** Passages the answerer asks the retriever for (ask.ts: max(topK 5, 6)). */
const K = 6;
const WARM_UP_ROUNDS = 2;

type Leg = (query: string) => Promise<unknown> | unknown;

/**
 * Times every leg on every query, `rounds` times, legs interleaved per query so drift
 * on a shared machine hits them alike. Returns per-leg, per-query medians over rounds.
 */
async function timeLegs(legs: Record<string, Leg>, queries: readonly string[], rounds: number): Promise<Record<string, number[]>> {
  const names = Object.keys(legs);
  const samples: Record<string, number[][]> = Object.fromEntries(names.map((name) => [name, queries.map(() => [] as number[])]));
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    for (let index = 0; index < queries.length; index++) {
      const query = queries[index]!;
      // Rotate the order of legs so none always runs first (cache effects).
      for (let offset = 0; offset < names.length; offset++) {
        const name = names[(offset + round + index) % names.length]!;
        const started = performance.now();
        await legs[name]!(query);
        const elapsed = performance.now() - started;
        if (round >= WARM_UP_ROUNDS) samples[name]![index]!.push(elapsed);
      }
    }
  }
  return Object.fromEntries(names.map((name) => [name, samples[name]!.map((perQuery) => median(perQuery))]));
}

/** Median over queries of the per-query ratio leg / baseline (both medians over rounds). */
function medianRatio(values: readonly number[], baseline: readonly number[]): number | undefined {
  const ratios = values.flatMap((value, index) => {
    const r = ratio(value, baseline[index] ?? 0);
    return r === undefined ? [] : [r];
  });
  return ratios.length ? median(ratios) : undefined;
}

export async function benchRetrieval(rounds: number): Promise<PartResult> {
  const started = performance.now();
  const questions = await readGoldQuestions();
  const documents = await readCorpus("corpus");
  const bm25Engine = await buildInMemoryEngine(documents, DEFAULT_CHUNKER_SETTINGS, { retrieverMode: "bm25" });
  const hybridEngine = await buildInMemoryEngine(documents, DEFAULT_CHUNKER_SETTINGS, { retrieverMode: "hybrid" });
  // The engine the server runs: index/ as stored, HNSW when hnswlib loads.
  const { engine: servedEngine } = await loadNodeEngine({ indexDirectory: "index", environment: process.env });

  const miniSearch = new MiniSearch<{ id: number; text: string }>({
    fields: ["text"],
    tokenize: (text) => tokenize(normalizeText(text)),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => tokenize(normalizeText(text)), processTerm: (term) => term },
  });
  miniSearch.addAll(bm25Engine.chunks.map((chunk, id) => ({ id, text: indexedText(chunk) })));

  // The retrieval text ask() uses: the question with report vocabulary added.
  const queries = questions.map((question) => bm25Engine.reader.read(question).searchText);
  const times = await timeLegs(
    {
      miniSearch: (query) => miniSearch.search(query).slice(0, K),
      bm25: (query) => bm25Engine.retriever.retrieve(query, K),
      hybridBruteForce: (query) => hybridEngine.retriever.retrieve(query, K),
      hybridServed: (query) => servedEngine.retriever.retrieve(query, K),
      // Where hybrid time goes: the hashing embedder's query vector alone.
      embedQuery: (query) => hybridEngine.embedder.embedQuery(query),
    },
    queries,
    rounds,
  );
  // ask() reports its own split (retrieve vs answer); kept per question, last round wins.
  const askSplit = new Map<string, { retrieveMs: number; answerMs: number }>();
  const askTimes = (
    await timeLegs(
      {
        ask: async (question) => {
          const response = await ask(servedEngine, { question });
          askSplit.set(question, { retrieveMs: response.timings.retrieveMs, answerMs: response.timings.answerMs });
        },
      },
      questions,
      rounds,
    )
  ).ask!;
  const answerShare = median([...askSplit.values()].map((split) => split.answerMs / Math.max(0.001, split.retrieveMs + split.answerMs)));

  // Same work? Share of our BM25 top-k that MiniSearch also ranks in its top-k.
  const overlaps = await Promise.all(
    queries.map(async (query) => {
      const ours = new Set((await bm25Engine.retriever.retrieve(query, K)).map((passage) => passage.position));
      const theirs = miniSearch.search(query).slice(0, K).map((result) => Number(result.id));
      return ours.size ? theirs.filter((id) => ours.has(id)).length / ours.size : 1;
    }),
  );
  const topKOverlap = overlaps.reduce((sum, value) => sum + value, 0) / overlaps.length;
  const mini = times.miniSearch!;
  const bm25Ratio = medianRatio(times.bm25!, mini);
  const hybridRatio = medianRatio(times.hybridBruteForce!, mini);
  const servedRatio = medianRatio(times.hybridServed!, mini);
  const askP50 = median(askTimes);
  const queriesNote = `${questions.length} gold questions × ${rounds} rounds (after ${WARM_UP_ROUNDS} warm-up); per-query median over rounds, then median over queries`;
  const timeRow = (metric: string, values: readonly number[], note?: string): BenchRow => ({
    part: "retrieval",
    metric,
    value: `${formatMilliseconds(median(values))} (p95 ${formatMilliseconds(percentile(values, 95))})`,
    measured: median(values),
    unit: "ms",
    ...(note ? { note } : {}),
  });
  const rows: BenchRow[] = [
    timeRow("MiniSearch query, same chunks and tokens (baseline)", mini, queriesNote),
    timeRow("our BM25 leg (retriever, mode bm25)", times.bm25!),
    {
      part: "retrieval",
      metric: "BM25 leg ÷ MiniSearch",
      value: formatRatio(bm25Ratio),
      measured: bm25Ratio ?? null,
      unit: "×",
      target: "≤ 1.5×",
      met: bm25Ratio !== undefined && bm25Ratio <= 1.5,
      note: `median of per-query ratios; top-${K} overlap with MiniSearch ${(topKOverlap * 100).toFixed(0)}% (same work)`,
    },
    timeRow("hybrid retrieval, hashing embedder, exact vectors (in-memory)", times.hybridBruteForce!),
    {
      part: "retrieval",
      metric: "hybrid (exact vectors) ÷ MiniSearch",
      value: formatRatio(hybridRatio),
      measured: hybridRatio ?? null,
      unit: "×",
      target: "≤ 3×",
      met: hybridRatio !== undefined && hybridRatio <= 3,
      note: "no neural embedding: the hashing embedder embeds the query",
    },
    timeRow("of which: hashing embedder, query vector only", times.embedQuery!),
    timeRow(`hybrid retrieval as served (index/, ${servedEngine.retriever.description})`, times.hybridServed!),
    {
      part: "retrieval",
      metric: "hybrid as served ÷ MiniSearch",
      value: formatRatio(servedRatio),
      measured: servedRatio ?? null,
      unit: "×",
      target: "≤ 3×",
      met: servedRatio !== undefined && servedRatio <= 3,
    },
    {
      part: "retrieval",
      metric: "full ask() p50 (index/ as served)",
      value: formatMilliseconds(askP50),
      measured: askP50,
      unit: "ms",
      target: "≤ 3 ms",
      met: askP50 <= 3,
      note: "percentiles over questions of each question's median over rounds",
    },
    {
      part: "retrieval",
      metric: "share of ask() time spent answering (vs retrieving)",
      value: `${(answerShare * 100).toFixed(0)}%`,
      measured: answerShare,
      unit: "fraction",
      note: "from ask()'s own timings (answerMs ÷ retrieveMs + answerMs), median over questions",
    },
    { part: "retrieval", metric: "full ask() p95", value: formatMilliseconds(percentile(askTimes, 95)), measured: percentile(askTimes, 95), unit: "ms" },
    { part: "retrieval", metric: "full ask() p99", value: formatMilliseconds(percentile(askTimes, 99)), measured: percentile(askTimes, 99), unit: "ms" },
  ];
  return {
    part: "retrieval",
    seconds: (performance.now() - started) / 1000,
    rows,
    details: { questions: questions.length, rounds, warmUpRounds: WARM_UP_ROUNDS, k: K, chunks: bm25Engine.chunks.length, topKOverlapWithMiniSearch: topKOverlap, perQueryMedianMs: { ...times, ask: askTimes } },
  };
}
