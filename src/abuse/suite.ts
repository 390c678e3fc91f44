/** The abuse suite's measuring half: the bundled server as a child process, attacked, then checked. */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { readProcessStatus, statusBytes } from "../bench/process-memory.js";
import { askOnce, startProcess } from "../bench/server-process.js";
import { Tally, type Attack, type AttackContext } from "./attack.js";
import { crossOrigin } from "./attacks/cross-origin.js";
import { oversizedRecords } from "./attacks/oversized-records.js";
import { pathologicalTexts } from "./attacks/pathological-texts.js";
import { slotCapacity } from "./attacks/slot-capacity.js";
import { slowHeaders } from "./attacks/slow-headers.js";
import { unfinishedBodies } from "./attacks/unfinished-bodies.js";
import type { AbuseOptions, AttackName } from "./options.js";
import { exchange, wholeRequest } from "./raw-http.js";
import { MAX_RSS_GROWTH, type AbuseMeasurements, type AttackResult, type Probe, type ServerSettings } from "./verdict.js";

export const PROBE_QUESTION = "到2026年地区生产总值的目标是多少";

const ATTACKS: Record<AttackName, Attack> = {
  "cross-origin": crossOrigin,
  "oversized-records": oversizedRecords,
  "pathological-texts": pathologicalTexts,
  "slow-headers": slowHeaders,
  "unfinished-bodies": unfinishedBodies,
  "slot-capacity": slotCapacity,
};

/**
 * The server is configured so that the suite is fast and its floods mean something:
 * - REQUEST_TIMEOUT_MS=2000: an unfinished body meets its timeout within the suite (10 s by default).
 * - MAX_IN_FLIGHT=32: small enough that three rounds of unfinished bodies fill it if slots leak,
 *   and that slot-capacity can hold all but one; large enough for the pathological flood (4 at once) and the probe.
 * - RATE_LIMIT_PER_MINUTE=300, RATE_LIMIT_BURST=6, with SOURCES (24) attacking addresses: the limit
 *   stays on as in production and refuses part of each unfinished-bodies round (10–11 requests per
 *   address), yet 24 × 6 = 144 requests a round get past it — 4.5 times MAX_IN_FLIGHT, so the limit
 *   cannot mask a slot leak. The other attacks stay under 6 per address, so their inputs do reach
 *   the routes; 5 a second per address keeps the probe (its own address, 2 a second at most) from
 *   ever waiting on it, and every attack starts with full buckets (REFILL_MS between attacks).
 * - MAX_BODY_BYTES at its default, stated so the attacks know it; ANSWER_CACHE_ENTRIES=0: every
 *   question is computed, as an attacker's fresh wordings would be (the probe too).
 * - No API or admin key; one allowed origin, so a configured ALLOWED_ORIGINS is what evil.example must not pass.
 */
const SETTINGS: ServerSettings = { requestTimeoutMs: 2000, maxInFlight: 32, maxBodyBytes: 64 * 1024, rateLimitPerMinute: 300, rateLimitBurst: 6 };
/** Attacking connections come from 127.0.0.2 … 127.0.0.25 (all of 127/8 is loopback on Linux); the probe from 127.0.0.1. */
const SOURCES = 24;
/** Between attacks, long enough for an empty rate-limit bucket to fill again (burst ÷ rate). */
const REFILL_MS = Math.ceil((SETTINGS.rateLimitBurst * 60_000) / SETTINGS.rateLimitPerMinute);
const PROBE_SOURCE = "127.0.0.1";
const WARM_UP_SOURCE_PREFIX = "127.0.0.";
/** RSS is sampled this often after the attacks, for at most SETTLE_MAX_MS, until it is back within the limit. */
const SETTLE_EVERY_MS = 500;
const SETTLE_MIN_MS = 1000;
const SETTLE_MAX_MS = 10_000;

const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

function rssOf(pid: number | undefined): number | undefined {
  const status = pid === undefined ? undefined : readProcessStatus(pid);
  return status === undefined ? undefined : statusBytes(status, "VmRSS");
}

/** Bytes of feedback stored: feedback.jsonl and any rotated feedback.jsonl.N beside it. */
function feedbackBytes(directory: string): number {
  let total = 0;
  for (const name of readdirSync(directory)) {
    if (!name.startsWith("feedback.jsonl")) continue;
    try {
      total += statSync(path.join(directory, name)).size;
    } catch {
      // Rotated away between the listing and the stat.
    }
  }
  return total;
}

async function ask(port: number, localAddress: string, question: string, phase: Probe["phase"]): Promise<Probe> {
  const bytes = wholeRequest("POST", "/api/ask", { "Content-Type": "application/json" }, JSON.stringify({ question }));
  const result = await exchange({ port, localAddress, pieces: [{ bytes }], deadlineMs: 10_000 });
  return { phase, status: result.status, ...(result.code ? { code: result.code } : {}), ending: result.ending, ms: result.ms };
}

/**
 * Requests on every route before RSS is first read, the largest legitimate ones included (a
 * 200-sentence verify, a 1000-character question), so start-up caches, JIT and a working heap
 * are in the baseline: what must come back is the server's normal size, not its size at rest.
 * RSS is sampled after each one: the baseline is the largest sample, since where in V8's
 * collection cycle a single sample falls moves it by 10–20 MB.
 */
async function warmUp(port: number, sampleRss: () => void): Promise<void> {
  const json = { "Content-Type": "application/json" };
  const report = "到2026年，地区生产总值达1800亿元左右。";
  const requests = [
    wholeRequest("POST", "/api/ask", json, JSON.stringify({ question: "五大专项行动是哪五个" })),
    wholeRequest("POST", "/api/ask", json, JSON.stringify({ question: "森林覆盖率是多少" })),
    wholeRequest("POST", "/api/ask", json, JSON.stringify({ question: "乡村振兴和城市更新有哪些目标".repeat(70).slice(0, 1000) })),
    wholeRequest("POST", "/api/verify", json, JSON.stringify({ text: report })),
    wholeRequest("POST", "/api/verify", json, JSON.stringify({ text: report.repeat(200) })),
    wholeRequest("GET", `/api/search?q=${encodeURIComponent("乡村振兴")}`, {}),
    wholeRequest("GET", "/api/meta", {}),
    wholeRequest("POST", "/api/feedback", json, JSON.stringify({ question: "预热", answer: "预热", rating: "up" })),
  ];
  // Twice, from four addresses: under the rate-limit burst, and the second round runs on warm code.
  const rounds = [...requests, ...requests];
  for (const [index, bytes] of rounds.entries()) {
    await exchange({ port, localAddress: `${WARM_UP_SOURCE_PREFIX}${250 + (index % 4)}`, pieces: [{ bytes }], deadlineMs: 10_000 });
    sampleRss();
  }
  // The largest legitimate requests, four at once as the pathological flood sends them: a body
  // near the limit in each of the verify and the ask routes.
  const history = Array.from({ length: 20 }, (_, index) => ({ role: index % 2 ? "assistant" : "user", content: report.repeat(40).slice(0, 950) }));
  const heavy = [
    wholeRequest("POST", "/api/verify", json, JSON.stringify({ text: report.repeat(200) })),
    wholeRequest("POST", "/api/ask", json, JSON.stringify({ question: "那到2026年呢", history })),
  ];
  for (let round = 0; round < 2; round++) {
    await Promise.all(Array.from({ length: 4 }, (_, index) => exchange({ port, localAddress: `${WARM_UP_SOURCE_PREFIX}${246 + index}`, pieces: [{ bytes: heavy[index % 2]! }], deadlineMs: 10_000 })));
    sampleRss();
  }
  await ask(port, PROBE_SOURCE, PROBE_QUESTION, "after");
}

export async function runAbuseSuite(options: AbuseOptions, progress: (message: string) => void): Promise<AbuseMeasurements> {
  const started = performance.now();
  const dataDirectory = mkdtempSync(path.join(tmpdir(), "abuse-data-"));
  // A server that never comes up must not leave its data directory behind either.
  const server = await startProcess(["dist/server.mjs"], (port) => askOnce(port, PROBE_QUESTION), {
    environment: {
      DATA_DIR: dataDirectory,
      REQUEST_TIMEOUT_MS: String(SETTINGS.requestTimeoutMs),
      MAX_IN_FLIGHT: String(SETTINGS.maxInFlight),
      MAX_BODY_BYTES: String(SETTINGS.maxBodyBytes),
      RATE_LIMIT_PER_MINUTE: String(SETTINGS.rateLimitPerMinute),
      RATE_LIMIT_BURST: String(SETTINGS.rateLimitBurst),
      ANSWER_CACHE_ENTRIES: "0",
      ALLOWED_ORIGINS: "https://widget.example",
      API_KEY: undefined,
      ADMIN_KEY: undefined,
      TRUST_PROXY: undefined,
    },
    logName: "abuse-server",
  }).catch((error: unknown) => {
    rmSync(dataDirectory, { recursive: true, force: true });
    throw error;
  });
  let serverExit: string | null = null;
  server.child.once("exit", (code, signal) => {
    serverExit = signal ? `killed by ${signal}` : `exit code ${code}`;
  });
  try {
    const pid = server.child.pid;
    progress(`server pid ${pid} on 127.0.0.1:${server.port} (REQUEST_TIMEOUT_MS=${SETTINGS.requestTimeoutMs}, MAX_IN_FLIGHT=${SETTINGS.maxInFlight}, rate limit ${SETTINGS.rateLimitPerMinute}/min burst ${SETTINGS.rateLimitBurst}, data in ${dataDirectory})`);
    let rssStart: number | undefined;
    const sampleStart = (): void => {
      const sample = rssOf(pid);
      if (sample !== undefined) rssStart = Math.max(rssStart ?? 0, sample);
    };
    const warmUpStarted = performance.now();
    await warmUp(server.port, sampleStart);
    for (let sample = 0; sample < 5; sample++) {
      await sleep(100);
      sampleStart();
    }
    progress(`started in ${(server.readyMs / 1000).toFixed(1)} s, warmed up in ${((performance.now() - warmUpStarted) / 1000).toFixed(1)} s; RSS baseline ${rssStart === undefined ? "n/a" : `${(rssStart / 1024 / 1024).toFixed(1)} MB`}`);
    let source = 0;
    const attacks: AttackResult[] = [];
    for (const name of options.attacks) {
      if (serverExit !== null) break;
      const attack = ATTACKS[name];
      const tally = new Tally();
      const context: AttackContext = {
        port: server.port,
        settings: SETTINGS,
        nextSource: () => `127.0.0.${2 + (source++ % SOURCES)}`,
        probe: async (phase) => {
          const probe = await ask(server.port, PROBE_SOURCE, PROBE_QUESTION, phase);
          tally.probes.push(probe);
          if (options.verbose) progress(`${name}: probe (${phase}) ${probe.status ?? probe.ending}${probe.code ? ` ${probe.code}` : ""} in ${probe.ms.toFixed(0)} ms`);
          return probe;
        },
        log: (message) => {
          if (options.verbose) progress(`${name}: ${message}`);
        },
      };
      if (attacks.length > 0) await sleep(REFILL_MS);
      const feedbackBefore = feedbackBytes(dataDirectory);
      const attackStarted = performance.now();
      progress(`${name}…`);
      await attack.run(context, tally);
      const rssAfter = rssOf(pid);
      attacks.push({
        name,
        requests: tally.requests,
        outcomes: tally.counts(),
        unexpected: { count: tally.unexpected, examples: tally.examples },
        probes: tally.probes,
        feedbackBytesAdded: feedbackBytes(dataDirectory) - feedbackBefore,
        mayWriteFeedback: attack.mayWriteFeedback,
        ...(rssAfter === undefined ? {} : { rssAfterBytes: rssAfter }),
        ms: performance.now() - attackStarted,
      });
    }
    // Settle: every attacking socket is closed by now; give the server a moment to be idle and
    // collect, and stop as soon as RSS is back within the limit (the lowest sample counts).
    const settleStarted = performance.now();
    let rssEnd = rssOf(pid);
    while (rssStart !== undefined && serverExit === null && performance.now() - settleStarted < SETTLE_MAX_MS) {
      await sleep(SETTLE_EVERY_MS);
      const sample = rssOf(pid);
      if (sample !== undefined) rssEnd = Math.min(rssEnd ?? sample, sample);
      if (performance.now() - settleStarted >= SETTLE_MIN_MS && rssEnd !== undefined && rssEnd <= rssStart * (1 + MAX_RSS_GROWTH)) break;
    }
    const settleMs = performance.now() - settleStarted;
    const finalProbe = serverExit === null ? await ask(server.port, PROBE_SOURCE, PROBE_QUESTION, "after") : undefined;
    const rss =
      rssStart === undefined || rssEnd === undefined
        ? { unavailable: `could not read VmRSS from /proc/${pid ?? "?"}/status (Linux only; platform here: ${process.platform}, or the server is gone)` }
        : { startBytes: rssStart, endBytes: rssEnd, settleMs };
    return { settings: SETTINGS, attacks, finalProbe, rss, serverExit, seconds: (performance.now() - started) / 1000 };
  } finally {
    await server.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
