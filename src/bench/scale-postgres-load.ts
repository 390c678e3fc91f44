/**
 * The scale-postgres part's HTTP half: two `dist/server.mjs` processes reading one database
 * (DATABASE_URL, no index/) and one file-backed server as the baseline, each under the same
 * POST /api/ask load as `npm run test:load` sends (src/load/soak.ts's question mix, every 2xx
 * body checked for an answer), one target at a time.
 */
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon";
import * as path from "node:path";
import { answerBodyProblem, CLIENT_TIMEOUT_SECONDS } from "../load/verdict.js";
import { questionMix } from "../load/soak.js";
import { readMemory, type MemoryFigures } from "./scale-child.js";
import { askOnce, startProcess, type StartedProcess } from "./server-process.js";
import { median, percentile } from "./stats.js";

/** Connections of the load: the file server gets them all, the two database servers half each. */
export const LOAD_CONNECTIONS = 16;
const START_TIMEOUT_MS = 300_000;

/** autocannon calls a request's onResponse with each response's status and body (not in the shared types). */
interface CheckedRequest extends AutocannonRequest {
  onResponse(status: number, body: string): void;
}

/** One load run against one target (one server, or the pair together). */
export interface TargetRun {
  /** 2xx responses per second, over all of the target's servers. */
  readonly requestsPerSecond: number;
  /** Latency percentiles over every 2xx response, milliseconds (NaN with none). */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** 2xx responses per server of the target. */
  readonly okByServer: readonly number[];
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** 2xx bodies without an answer. */
  readonly badBodies: number;
  readonly statusCodes: Record<string, number>;
}

/** A target's runs together: the rate and percentiles are medians over runs, the counts sums. */
export interface TargetSummary extends TargetRun {
  readonly servers: number;
  readonly connections: number;
  /** Spawn → first answered POST /api/ask, per server. */
  readonly readyMs: readonly number[];
  /** Each server's memory after the load (VmRSS, VmHWM). */
  readonly memory: readonly MemoryFigures[];
  /** What /api/health said each server serves from. */
  readonly storage: readonly string[];
  readonly runs: readonly TargetRun[];
}

export interface LoadComparison {
  readonly files: TargetSummary;
  readonly postgres: TargetSummary;
  readonly seconds: number;
  readonly runs: number;
}

interface Sample {
  readonly latencies: number[];
  ok: number;
  non2xx: number;
  badBodies: number;
  readonly statusCodes: Record<string, number>;
}

/** One autocannon instance on one server for `seconds`, every response counted. */
function drive(port: number, connections: number, seconds: number, questions: readonly string[]): Promise<{ sample: Sample; result: AutocannonResult }> {
  const sample: Sample = { latencies: [], ok: 0, non2xx: 0, badBodies: 0, statusCodes: {} };
  const mix = questionMix(questions);
  const request: CheckedRequest = {
    method: "POST",
    path: "/api/ask",
    headers: { "content-type": "application/json" },
    setupRequest: (base) => ({ ...base, body: JSON.stringify({ question: mix.next() }) }),
    onResponse: (status, body) => {
      if (status >= 200 && status < 300 && answerBodyProblem(body) !== undefined) sample.badBodies++;
    },
  };
  return new Promise((resolve, reject) => {
    const tracker = autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: seconds, timeout: CLIENT_TIMEOUT_SECONDS, requests: [request] }, (error, result) =>
      error ? reject(error) : resolve({ sample, result }),
    );
    tracker.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      sample.statusCodes[statusCode] = (sample.statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        sample.ok++;
        sample.latencies.push(responseTime);
      } else {
        sample.non2xx++;
      }
    });
  });
}

/** The target's servers loaded at once, the connections split evenly among them. */
async function runTarget(servers: readonly StartedProcess[], connections: number, seconds: number, questions: readonly string[]): Promise<TargetRun> {
  const each = Math.max(1, Math.floor(connections / servers.length));
  const outcomes = await Promise.all(servers.map((server) => drive(server.port, each, seconds, questions)));
  const latencies = outcomes.flatMap(({ sample }) => sample.latencies);
  const statusCodes: Record<string, number> = {};
  for (const { sample } of outcomes) for (const [code, count] of Object.entries(sample.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  const elapsed = Math.max(...outcomes.map(({ result }) => (result.duration > 0 ? result.duration : seconds)));
  const at = (p: number): number => (latencies.length ? percentile(latencies, p) : Number.NaN);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    okByServer: outcomes.map(({ sample }) => sample.ok),
    non2xx: outcomes.reduce((sum, { sample }) => sum + sample.non2xx, 0),
    errors: outcomes.reduce((sum, { result }) => sum + result.errors, 0),
    timeouts: outcomes.reduce((sum, { result }) => sum + result.timeouts, 0),
    badBodies: outcomes.reduce((sum, { sample }) => sum + sample.badBodies, 0),
    statusCodes,
  };
}

async function storageOf(server: StartedProcess): Promise<string> {
  const health = (await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json()) as { storage?: string };
  return health.storage ?? "unknown";
}

const finiteMedian = (values: readonly number[]): number => {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length ? median(finite) : Number.NaN;
};

function summarise(servers: readonly StartedProcess[], connections: number, runs: readonly TargetRun[], storage: readonly string[]): TargetSummary {
  const statusCodes: Record<string, number> = {};
  for (const run of runs) for (const [code, count] of Object.entries(run.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    servers: servers.length,
    connections,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50: finiteMedian(runs.map((run) => run.p50)),
    p95: finiteMedian(runs.map((run) => run.p95)),
    p99: finiteMedian(runs.map((run) => run.p99)),
    okByServer: servers.map((_, index) => runs.reduce((sum, run) => sum + (run.okByServer[index] ?? 0), 0)),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    timeouts: runs.reduce((sum, run) => sum + run.timeouts, 0),
    badBodies: runs.reduce((sum, run) => sum + run.badBodies, 0),
    statusCodes,
    readyMs: servers.map((server) => server.readyMs),
    memory: servers.map((server) => (server.child.pid !== undefined ? readMemory(server.child.pid) : { peakRssBytes: 0, rssBytes: 0 })),
    storage,
    runs,
  };
}

export interface LoadSettings {
  readonly corpusDirectory: string;
  readonly indexDirectory: string;
  readonly databaseUrl: string;
  /** Where the servers' DATA_DIRs go. */
  readonly workDirectory: string;
  readonly questions: readonly string[];
  /** The servers' logs go to .tmp/bench/<logPrefix>-<server>.log. */
  readonly logPrefix: string;
  readonly seconds: number;
  readonly runs: number;
  readonly progress: (message: string) => void;
}

/**
 * Starts the file-backed server and the two database servers (one after the other: the
 * database serves one connection at a time anyway), checks each serves from where it should,
 * then loads the two targets in turn `runs` times (order rotated), after one untimed run of each.
 */
export async function compareUnderLoad(settings: LoadSettings): Promise<LoadComparison> {
  const { questions } = settings;
  // No rate limit (one client address sends everything), no API key; the in-flight bound, the
  // request timeout and the body limit at their defaults, as test:load runs the server.
  const common = { RATE_LIMIT_PER_MINUTE: "0", API_KEY: undefined, MAX_IN_FLIGHT: undefined, REQUEST_TIMEOUT_MS: undefined, MAX_BODY_BYTES: undefined, CORPUS_DIR: settings.corpusDirectory };
  const started: StartedProcess[] = [];
  const start = async (name: string, environment: Record<string, string | undefined>): Promise<StartedProcess> => {
    const server = await startProcess(["dist/server.mjs"], (port) => askOnce(port, questions[0]!), {
      environment: { ...common, DATA_DIR: path.join(settings.workDirectory, `data-${name}`), ...environment },
      logName: `${settings.logPrefix}-${name}`,
      timeoutMs: START_TIMEOUT_MS,
    });
    started.push(server);
    return server;
  };
  try {
    settings.progress("file-backed server…");
    const fileServer = await start("files", { INDEX_DIR: settings.indexDirectory, VECTOR_INDEX: "auto", DATABASE_URL: undefined });
    settings.progress("two servers on the database…");
    const databaseServers: StartedProcess[] = [];
    for (const name of ["postgres-a", "postgres-b"]) {
      // No index/ at all: with DATABASE_URL the whole index comes from the database.
      databaseServers.push(await start(name, { INDEX_DIR: path.join(settings.workDirectory, "no-index-here"), DATABASE_URL: settings.databaseUrl }));
    }
    const fileStorage = [await storageOf(fileServer)];
    const databaseStorage = await Promise.all(databaseServers.map(storageOf));
    if (fileStorage[0] !== "files" || databaseStorage.some((storage) => storage !== "postgres")) {
      throw new Error(`the servers serve from ${[...fileStorage, ...databaseStorage].join(", ")}; expected files, postgres, postgres`);
    }
    const targets = [
      { name: "files", servers: [fileServer], runs: [] as TargetRun[] },
      { name: "postgres", servers: databaseServers, runs: [] as TargetRun[] },
    ];
    // One untimed run per target first: at scale the first pass over the gold questions computes
    // every answer (later passes are partly cached), and a short warm-up left the first timed run cold.
    for (const target of targets) {
      settings.progress(`warm-up: ${target.name}, ${settings.seconds} s…`);
      await runTarget(target.servers, LOAD_CONNECTIONS, settings.seconds, questions);
    }
    for (let run = 0; run < settings.runs; run++) {
      const order = run % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        settings.progress(`load run ${run + 1}/${settings.runs}: ${target.name}, ${settings.seconds} s at ${LOAD_CONNECTIONS} connections…`);
        target.runs.push(await runTarget(target.servers, LOAD_CONNECTIONS, settings.seconds, questions));
      }
    }
    return {
      files: summarise(targets[0]!.servers, LOAD_CONNECTIONS, targets[0]!.runs, fileStorage),
      postgres: summarise(targets[1]!.servers, LOAD_CONNECTIONS, targets[1]!.runs, databaseStorage),
      seconds: settings.seconds,
      runs: settings.runs,
    };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
}
