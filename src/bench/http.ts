import autocannon, { type AutocannonOptions, type AutocannonResult } from "autocannon";
import { readGoldQuestions } from "./gold-questions.js";
import type { BenchRow, PartResult } from "./results.js";
import { askOnce, startProcess } from "./server-process.js";
import { formatMilliseconds, formatRatio, median, percentile, ratio } from "./stats.js";

export const CONCURRENCIES = [1, 16, 64] as const;

/** A bare node:http server answering every request with a small JSON body: the ceiling. */
const BARE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ status: "ok" });
http.createServer((request, response) => {
  request.resume();
  response.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  response.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

/**
 * The same small JSON from a one-route Hono app on @hono/node-server: what the framework and
 * its Node adapter cost before any of our middleware, so the gap to bare node:http splits
 * into "framework" and "ours".
 */
const BARE_HONO_SERVER = `
import { serve } from "@hono/node-server";
import { Hono } from "hono";
const app = new Hono();
app.get("/health", (context) => context.json({ status: "ok" }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
`;

interface LoadRun {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p975: number;
  readonly p99: number;
  readonly responses: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Responses by status code (2xx included). */
  readonly statusCodes: Record<string, number>;
}

/** One autocannon run; latencies taken from every response at sub-millisecond precision. */
function load(options: AutocannonOptions): Promise<LoadRun> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const tracker = autocannon(options, (error: Error | null, result: AutocannonResult) => {
      if (error) return reject(error);
      const safe = latencies.length ? latencies : [Number.NaN];
      resolve({
        requestsPerSecond: result["2xx"] / (options.duration ?? 10),
        p50: latencies.length ? percentile(safe, 50) : Number.NaN,
        p975: latencies.length ? percentile(safe, 97.5) : Number.NaN,
        p99: latencies.length ? percentile(safe, 99) : Number.NaN,
        responses: latencies.length,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes,
      });
    });
    tracker.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

type Target = "bare" | "hono" | "health" | "ask" | "askUncached";

async function answersGet(port: number, path: string): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`)).status === 200;
  } catch {
    return false;
  }
}

export async function benchHttp(runs: number, duration: number): Promise<PartResult> {
  const started = performance.now();
  const questions = await readGoldQuestions();
  // A throughput bench needs the per-client rate limit off and no API key; everything else
  // (in-flight bound, timeout, request log) stays at its defaults.
  const ours = await startProcess(["dist/server.mjs"], (port) => askOnce(port, questions[0]!), {
    environment: { RATE_LIMIT_PER_MINUTE: "0", API_KEY: undefined },
    logName: "http-server",
  });
  // The same server with the answer cache off: every question retrieved and answered afresh.
  const uncached = await startProcess(["dist/server.mjs"], (port) => askOnce(port, questions[0]!), {
    environment: { RATE_LIMIT_PER_MINUTE: "0", API_KEY: undefined, ANSWER_CACHE_ENTRIES: "0" },
    logName: "http-server-uncached",
  });
  const bare = await startProcess(["-e", BARE_SERVER], (port) => answersGet(port, "/"), { logName: "http-bare" });
  const hono = await startProcess(["--input-type=module", "-e", BARE_HONO_SERVER], (port) => answersGet(port, "/health"), { logName: "http-hono" });
  const optionsFor = (target: Target, connections: number, seconds: number): AutocannonOptions => {
    const base = { connections, duration: seconds, timeout: 10 };
    if (target === "bare") return { ...base, url: `http://127.0.0.1:${bare.port}/health` };
    if (target === "hono") return { ...base, url: `http://127.0.0.1:${hono.port}/health` };
    if (target === "health") return { ...base, url: `http://127.0.0.1:${ours.port}/api/health` };
    return {
      ...base,
      url: `http://127.0.0.1:${(target === "ask" ? ours : uncached).port}`,
      requests: questions.map((question) => ({ method: "POST", path: "/api/ask", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) })),
    };
  };
  const targets: Target[] = ["bare", "hono", "health", "ask", "askUncached"];
  const results = new Map<string, LoadRun[]>();
  try {
    // Warm-up, not recorded: JIT, connection pools, the answerer's caches.
    for (const target of targets) await load(optionsFor(target, 16, 1));
    for (let run = 0; run < runs; run++) {
      for (const connections of CONCURRENCIES) {
        // Rotate which target goes first so none always meets the coolest machine.
        for (let offset = 0; offset < targets.length; offset++) {
          const target = targets[(offset + run) % targets.length]!;
          const key = `${target}@${connections}`;
          const list = results.get(key) ?? [];
          list.push(await load(optionsFor(target, connections, duration)));
          results.set(key, list);
        }
      }
    }
  } finally {
    await Promise.all([ours.stop(), uncached.stop(), bare.stop(), hono.stop()]);
  }

  const summary = (target: Target, connections: number) => {
    const list = results.get(`${target}@${connections}`) ?? [];
    return {
      rps: median(list.map((run) => run.requestsPerSecond)),
      p50: median(list.map((run) => run.p50)),
      p975: median(list.map((run) => run.p975)),
      p99: median(list.map((run) => run.p99)),
      failures: list.reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0),
      codes: list.reduce<Record<string, number>>((all, run) => {
        for (const [code, count] of Object.entries(run.statusCodes)) if (!code.startsWith("2")) all[code] = (all[code] ?? 0) + count;
        return all;
      }, {}),
    };
  };
  const names: Record<Target, string> = {
    bare: "bare node:http JSON",
    hono: "bare Hono on @hono/node-server JSON (framework ceiling)",
    health: "our GET /api/health",
    ask: "our POST /api/ask (mixed gold questions, answer cache on: as served)",
    askUncached: "our POST /api/ask (same questions, ANSWER_CACHE_ENTRIES=0: every answer computed)",
  };
  const rows: BenchRow[] = [];
  for (const connections of CONCURRENCIES) {
    for (const target of targets) {
      const s = summary(target, connections);
      rows.push({
        part: "http",
        metric: `c=${connections} ${names[target]}`,
        value: `${s.rps.toFixed(0)} req/s; p50 ${formatMilliseconds(s.p50)}, p97.5 ${formatMilliseconds(s.p975)}, p99 ${formatMilliseconds(s.p99)}`,
        measured: s.rps,
        unit: "req/s",
        ...(s.failures ? { note: `${s.failures} failed responses over all runs (non-2xx by code: ${JSON.stringify(s.codes)}; the rest socket errors/timeouts)` } : {}),
      });
    }
    const healthRatio = ratio(summary("health", connections).rps, summary("bare", connections).rps);
    rows.push({
      part: "http",
      metric: `c=${connections} our health ÷ bare (req/s)`,
      value: formatRatio(healthRatio),
      measured: healthRatio ?? null,
      unit: "×",
      target: "≥ 0.75×",
      met: healthRatio !== undefined && healthRatio >= 0.75,
    });
    const frameworkRatio = ratio(summary("hono", connections).rps, summary("bare", connections).rps);
    rows.push({ part: "http", metric: `c=${connections} bare Hono ÷ bare node:http (req/s)`, value: formatRatio(frameworkRatio), measured: frameworkRatio ?? null, unit: "×" });
    const askRatio = ratio(summary("ask", connections).rps, summary("health", connections).rps);
    rows.push({
      part: "http",
      metric: `c=${connections} ask ÷ health (req/s)`,
      value: formatRatio(askRatio),
      measured: askRatio ?? null,
      unit: "×",
      ...(connections === 64 ? { target: "≥ 0.40×", met: askRatio !== undefined && askRatio >= 0.4 } : {}),
    });
    const uncachedRatio = ratio(summary("askUncached", connections).rps, summary("health", connections).rps);
    rows.push({
      part: "http",
      metric: `c=${connections} ask with the cache off ÷ health (req/s)`,
      value: formatRatio(uncachedRatio),
      measured: uncachedRatio ?? null,
      unit: "×",
      note: "every request retrieves and answers; bounded by the answerer's CPU time on one core",
    });
  }
  return {
    part: "http",
    seconds: (performance.now() - started) / 1000,
    rows,
    details: {
      runs,
      durationSeconds: duration,
      note: "autocannon runs in the bench process; every server is a separate process; all share the machine's cores",
      runsByTargetAndConcurrency: Object.fromEntries(results),
    },
  };
}
