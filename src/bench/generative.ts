import { serve, type ServerType } from "@hono/node-server";
import { loadNodeEngine } from "../adapters/node/load-engine.js";
import { gateAnswer } from "../core/answering/generative/answer-gate.js";
import { DEFAULT_GENERATIVE_SETTINGS } from "../core/answering/generative/generative-answerer.js";
import { ask } from "../core/pipeline/ask.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import type { RetrievedPassage } from "../core/retrieval/retrieved-passage.js";
import { createApp } from "../http/create-app.js";
import { readGoldQuestions } from "./gold-questions.js";
import type { BenchRow, PartResult } from "./results.js";
import { startScriptedLlmServer } from "./scripted-llm-server.js";
import { faithfulAnswer, promptQuestion, rewriteQuestion } from "./stand-in-replies.js";
import { formatMilliseconds, formatRatio, median, percentile, ratio } from "./stats.js";

/**
 * The generative answerer as served, against a model of fixed speed: the scripted
 * OpenAI-compatible server (src/bench/scripted-llm-server.ts) on loopback answers every
 * question after FIRST_TOKEN_MS, then CHUNK_CHARACTERS characters every CHUNK_MS, with a
 * faithful ~200-character answer made of the report's own sentences from the passages it was
 * given, each citing its passage. The app (index/ as served, the real OpenAI-compatible adapter
 * built from the ANSWERER=generative settings) runs on @hono/node-server on loopback and is
 * read with fetch as a browser reads POST /api/ask/stream. What is ours is everything but the
 * scripted delays: retrieval, the extractive pass, the client, the gate, SSE.
 *
 * And the gate's own cost: gateAnswer() in-process on the same answers and passages, against
 * the extractive ask() of the same question as the baseline.
 */

export const FIRST_TOKEN_MS = 150;
export const CHUNK_MS = 10;
export const CHUNK_CHARACTERS = 2;
/** Gold questions timed (evenly spread over the answerable ones). */
const SAMPLE = 30;
/** The faithful answers are whole sentences up to at least this many characters (a median of ~200). */
const ANSWER_CHARACTERS = 180;
const GATE_WARM_UP_RUNS = 3;
/** Passages the answerer gets (ask.ts: max(topK 5, 6)). */
const PASSAGES = 6;
const MODEL = "scripted-bench";

interface Sampled {
  readonly question: string;
  readonly passages: readonly RetrievedPassage[];
  readonly reply: string;
}

/** A faithful answer from the passages the model is given (stand-in-replies.ts), about ANSWER_CHARACTERS long. */
export function faithfulReply(passages: readonly RetrievedPassage[], characters = ANSWER_CHARACTERS): string {
  return faithfulAnswer(passages.map((passage) => passage.chunk.text), characters);
}

interface StreamTiming {
  readonly firstByteMs: number;
  readonly firstDeltaMs: number;
  readonly firstSentenceMs: number | undefined;
  readonly totalMs: number;
  readonly answerMode: string;
  readonly fallbackReason: string | undefined;
}

/** One POST /api/ask/stream, read as it arrives: when the first byte, delta, sentence and done came. */
async function timeStream(port: number, question: string): Promise<StreamTiming> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/ask/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  if (response.status !== 200 || !response.body) throw new Error(`/api/ask/stream answered ${response.status} for ${question}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  let firstByteMs: number | undefined;
  let firstDeltaMs: number | undefined;
  let firstSentenceMs: number | undefined;
  let done: { answerMode?: string; generation?: { reason?: string } } | undefined;
  for (;;) {
    const { done: ended, value } = await reader.read();
    if (ended) break;
    const now = performance.now() - started;
    firstByteMs ??= now;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf("\n\n")) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = /^event: (.+)$/mu.exec(block)?.[1];
      if (event === "delta") firstDeltaMs ??= now;
      else if (event === "sentence") firstSentenceMs ??= now;
      else if (event === "error") throw new Error(`/api/ask/stream ended with an error for ${question}: ${block}`);
      else if (event === "done") done = JSON.parse([...block.matchAll(/^data: (.*)$/gmu)].map((match) => match[1]).join("\n")) as typeof done;
    }
  }
  const totalMs = performance.now() - started;
  if (!done || firstByteMs === undefined || firstDeltaMs === undefined) throw new Error(`/api/ask/stream gave no done event for ${question}`);
  return { firstByteMs, firstDeltaMs, firstSentenceMs, totalMs, answerMode: done.answerMode ?? "?", fallbackReason: done.generation?.reason };
}

function listen(engine: QaEngine): Promise<{ port: number; server: ServerType }> {
  // No answer cache (each question is asked once anyway), no rate limit, a generous timeout.
  const app = createApp(engine, { vectorIndex: "as loaded" }, { answerCacheEntries: 0, requestTimeoutMs: 60_000 });
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve({ port: info.port, server }));
  });
}

function close(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    if ("closeAllConnections" in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Answerable gold questions (the extractive answerer does not refuse them), evenly spread. */
async function sample(engine: QaEngine): Promise<Sampled[]> {
  const answerable: Sampled[] = [];
  for (const question of await readGoldQuestions()) {
    const response = await ask(engine, { question });
    if (response.abstained) continue;
    const passages = await engine.retriever.retrieve(engine.reader.read(question).searchText, PASSAGES);
    const reply = faithfulReply(passages);
    if (reply) answerable.push({ question, passages, reply });
  }
  if (answerable.length === 0) throw new Error("no answerable gold question");
  const step = Math.max(1, answerable.length / SAMPLE);
  const chosen: Sampled[] = [];
  for (let at = 0; at < answerable.length && chosen.length < SAMPLE; at += step) chosen.push(answerable[Math.floor(at)]!);
  return chosen;
}

export async function benchGenerative(rounds: number): Promise<PartResult> {
  const started = performance.now();
  const { engine: extractive } = await loadNodeEngine({ indexDirectory: "index", environment: process.env });
  const sampled = await sample(extractive);
  const replies = new Map(sampled.map((item) => [item.question, item.reply]));
  const llm = await startScriptedLlmServer((request) => ({
    // A rewrite request gets the question back (no rewrite): the timings are the answer's.
    reply: rewriteQuestion(request) ?? replies.get(promptQuestion(request)) ?? "报告中没有找到相关内容。",
    firstByteDelayMs: FIRST_TOKEN_MS,
    chunkDelayMs: CHUNK_MS,
    chunkSize: CHUNK_CHARACTERS,
  }));
  const { engine: generative } = await loadNodeEngine({
    indexDirectory: "index",
    environment: process.env,
    // Without the question rewrite, so these figures compare with earlier runs; the next engine has it on.
    answerer: { kind: "generative", baseUrl: llm.baseUrl, model: MODEL, apiKey: undefined, timeoutMs: 30_000, rewrite: false },
  });
  const { engine: rewriting } = await loadNodeEngine({
    indexDirectory: "index",
    environment: process.env,
    answerer: { kind: "generative", baseUrl: llm.baseUrl, model: MODEL, apiKey: undefined, timeoutMs: 30_000, rewrite: true },
  });
  const generativeServer = await listen(generative);
  const rewritingServer = await listen(rewriting);
  const extractiveServer = await listen(extractive);

  const streamed: StreamTiming[] = [];
  const extractiveStreamed: StreamTiming[] = [];
  const rewritingStreamed: StreamTiming[] = [];
  const gateMs: number[][] = [];
  const askMs: number[][] = [];
  const gateKept: number[] = [];
  try {
    // Warm-up, not recorded: JIT, the client's connection pool, the segmenter's caches.
    for (const item of sampled.slice(0, 3)) {
      await timeStream(generativeServer.port, item.question);
      await timeStream(extractiveServer.port, item.question);
      await timeStream(rewritingServer.port, item.question);
    }
    for (const item of sampled) {
      extractiveStreamed.push(await timeStream(extractiveServer.port, item.question));
      streamed.push(await timeStream(generativeServer.port, item.question));
      rewritingStreamed.push(await timeStream(rewritingServer.port, item.question));
    }

    // The gate alone, and the extractive ask() of the same question, interleaved per run.
    const runs = Math.max(10, rounds * 3);
    for (const item of sampled) {
      const gates: number[] = [];
      const asks: number[] = [];
      for (let run = 0; run < GATE_WARM_UP_RUNS + runs; run++) {
        const gateStarted = performance.now();
        const gated = await gateAnswer(item.reply, item.passages, generative, DEFAULT_GENERATIVE_SETTINGS.verifier);
        const gateElapsed = performance.now() - gateStarted;
        const askStarted = performance.now();
        await ask(extractive, { question: item.question });
        const askElapsed = performance.now() - askStarted;
        if (run < GATE_WARM_UP_RUNS) continue;
        gates.push(gateElapsed);
        asks.push(askElapsed);
        if (run === GATE_WARM_UP_RUNS) gateKept.push(gated.sentences.filter((sentence) => sentence.action !== "removed").length / Math.max(1, gated.sentences.length));
      }
      gateMs.push(gates);
      askMs.push(asks);
    }
  } finally {
    await Promise.all([close(generativeServer.server), close(extractiveServer.server), close(rewritingServer.server)]);
    await llm.close();
  }

  const of = (list: readonly StreamTiming[], pick: (timing: StreamTiming) => number | undefined): number[] => list.flatMap((timing) => {
    const value = pick(timing);
    return value === undefined ? [] : [value];
  });
  const figure = (samples: readonly number[]): string => `${formatMilliseconds(median(samples))} (p95 ${formatMilliseconds(percentile(samples, 95))})`;
  const firstByte = of(streamed, (timing) => timing.firstByteMs);
  const firstDelta = of(streamed, (timing) => timing.firstDeltaMs);
  const firstSentence = of(streamed, (timing) => timing.firstSentenceMs);
  const total = of(streamed, (timing) => timing.totalMs);
  const extractiveTotal = of(extractiveStreamed, (timing) => timing.totalMs);
  const modes = streamed.reduce<Record<string, number>>((counts, timing) => {
    const key = timing.fallbackReason ? `${timing.answerMode}:${timing.fallbackReason}` : timing.answerMode;
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});
  const replyCharacters = median(sampled.map((item) => item.reply.length));
  // The model's own time for a reply: first token, then one chunk per CHUNK_MS.
  const scriptedMs = median(sampled.map((item) => FIRST_TOKEN_MS + CHUNK_MS * (Math.ceil([...item.reply].length / CHUNK_CHARACTERS) + 2)));
  const gatePerQuestion = gateMs.map((samples) => median(samples));
  const askPerQuestion = askMs.map((samples) => median(samples));
  const gateMedian = median(gatePerQuestion);
  const gateRatios = gatePerQuestion.flatMap((value, index) => {
    const r = ratio(value, askPerQuestion[index]!);
    return r === undefined ? [] : [r];
  });
  const gateRatio = gateRatios.length ? median(gateRatios) : undefined;
  const totalRatio = ratio(median(total), median(extractiveTotal));
  // The rewrite's cost: the same question with and without it, paired.
  const rewritingFirstByte = of(rewritingStreamed, (timing) => timing.firstByteMs);
  const rewriteAdded = rewritingStreamed.map((timing, index) => timing.firstByteMs - streamed[index]!.firstByteMs);
  const rewritingTotalRatio = ratio(median(of(rewritingStreamed, (timing) => timing.totalMs)), median(total));
  const latency = `scripted model: ${FIRST_TOKEN_MS} ms to the first token, ${CHUNK_CHARACTERS} characters every ${CHUNK_MS} ms`;
  const over = `${sampled.length} gold dev questions, one pass after 3 warm-ups`;

  const rows: BenchRow[] = [
    { part: "generative", metric: "/api/ask/stream time to the first byte (the sources event)", value: figure(firstByte), measured: median(firstByte), unit: "ms", note: over },
    { part: "generative", metric: "/api/ask/stream time to the first delta (the model's first text)", value: figure(firstDelta), measured: median(firstDelta), unit: "ms", note: `${latency}; ≥ ${FIRST_TOKEN_MS} ms is the model's` },
    {
      part: "generative",
      metric: "/api/ask/stream time to the first verified sentence event",
      value: firstSentence.length ? figure(firstSentence) : "none",
      measured: firstSentence.length ? median(firstSentence) : null,
      unit: "ms",
      note: `${firstSentence.length}/${streamed.length} streams had sentence events; each sentence is verified as it closes, while the model writes on`,
    },
    {
      part: "generative",
      metric: "/api/ask/stream total (the done event)",
      value: figure(total),
      measured: median(total),
      unit: "ms",
      note: `the scripted model alone takes ~${scriptedMs.toFixed(0)} ms for a median reply of ${replyCharacters} characters; answer modes ${JSON.stringify(modes)}`,
    },
    {
      part: "generative",
      metric: "/api/ask/stream time to the first byte with the question rewrite on",
      value: figure(rewritingFirstByte),
      measured: median(rewritingFirstByte),
      unit: "ms",
      note: `the rewrite call runs before the sources event; it adds a median ${formatMilliseconds(median(rewriteAdded))} per question (paired), the scripted model answering it after ${FIRST_TOKEN_MS} ms`,
    },
    { part: "generative", metric: "rewrite on ÷ off, stream total", value: formatRatio(rewritingTotalRatio), measured: rewritingTotalRatio ?? null, unit: "×", note: "one more model call per question" },
    { part: "generative", metric: "extractive /api/ask/stream total (baseline)", value: figure(extractiveTotal), measured: median(extractiveTotal), unit: "ms", note: "the same questions, same app, no model" },
    { part: "generative", metric: "generative ÷ extractive stream total", value: formatRatio(totalRatio), measured: totalRatio ?? null, unit: "×", note: "mostly the scripted model's own time" },
    {
      part: "generative",
      metric: `gate per answer (gateAnswer, ~200-character faithful answer, ${PASSAGES} passages)`,
      value: `${formatMilliseconds(gateMedian)} (p95 over questions ${formatMilliseconds(percentile(gatePerQuestion, 95))})`,
      measured: gateMedian,
      unit: "ms",
      target: "≤ 2 ms",
      met: gateMedian <= 2,
      note: `median over ${sampled.length} questions of each one's median over ${gateMs[0]?.length ?? 0} runs; answers of median ${replyCharacters} characters; sentences kept: median share ${median(gateKept).toFixed(2)}, min ${Math.min(...gateKept).toFixed(2)}`,
    },
    { part: "generative", metric: "gate ÷ extractive ask() of the same question (in-process)", value: formatRatio(gateRatio), measured: gateRatio ?? null, unit: "×", note: `extractive ask() median ${formatMilliseconds(median(askPerQuestion))}` },
  ];
  return {
    part: "generative",
    seconds: (performance.now() - started) / 1000,
    rows,
    details: {
      latency: { firstTokenMs: FIRST_TOKEN_MS, chunkMs: CHUNK_MS, chunkCharacters: CHUNK_CHARACTERS },
      note: "the scripted model server, the app and the client share the bench process and the machine's cores",
      questions: sampled.map((item, index) => ({ question: item.question, replyCharacters: item.reply.length, stream: streamed[index], rewritingStream: rewritingStreamed[index], extractiveStream: extractiveStreamed[index], gateMs: gatePerQuestion[index], askMs: askPerQuestion[index], gateKeptShare: gateKept[index] })),
      modelRequests: llm.requests.length,
    },
  };
}
