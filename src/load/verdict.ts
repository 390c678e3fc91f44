/** The soak's pure half: what was measured, whether it passes, and the table that shows it. */
import { formatBytes, formatMilliseconds } from "../bench/stats.js";
import { statusBytes } from "../bench/process-memory.js";

/** Memory is compared from this second of the run on, after start-up caches and JIT have settled. */
export const RSS_WARMUP_SECONDS = 10;
/** Largest allowed RSS growth between the warm-up sample and the end, as a fraction. */
export const MAX_RSS_GROWTH = 0.1;
/**
 * The load generator's own timeout, above the server's 10 s REQUEST_TIMEOUT_MS so a request
 * the server gives up on shows as its 503, not as a client timeout racing it.
 */
export const CLIENT_TIMEOUT_SECONDS = 20;

export interface RssSample {
  /** Seconds since the load started. */
  readonly atSeconds: number;
  readonly rssBytes: number;
}

export interface RssGrowth {
  readonly atWarmup: RssSample;
  readonly atEnd: RssSample;
  /** The largest sample from the warm-up point on (V8's heap grows in a sawtooth between major GCs). */
  readonly peak: RssSample;
  /** (end − warm-up) ÷ warm-up; negative when the process shrank. */
  readonly growth: number;
}

export interface SoakMeasurements {
  readonly seconds: number;
  readonly connections: number;
  /** Responses of any status. */
  readonly responses: number;
  readonly requestsPerSecond: number;
  /** Latency over every response, in milliseconds (NaN with no responses). */
  readonly latency: { readonly p50: number; readonly p975: number; readonly p99: number };
  /** Responses by HTTP status code. */
  readonly statusCodes: Readonly<Record<string, number>>;
  /** autocannon's socket errors, timeouts included. */
  readonly errors: number;
  /** autocannon's request timeouts (no response within its timeout). */
  readonly timeouts: number;
  /** Socket errors and timeouts by message ("request timed out", "read ECONNRESET"). */
  readonly errorKinds: Readonly<Record<string, number>>;
  /** Seconds since the load started of the first and the last error or timeout; null with none. */
  readonly errorWindow: readonly [number, number] | null;
  /** 2xx bodies parsed and checked for an `answer`. */
  readonly bodiesChecked: number;
  readonly badBodies: number;
  /** The first few problems found in 2xx bodies. */
  readonly badBodyExamples: readonly string[];
  readonly rssSamples: readonly RssSample[];
  /** Why RSS could not be sampled (not Linux, process gone), when it could not. */
  readonly rssUnavailable?: string;
  /** How the server process ended during the run; null when it was still running at the end. */
  readonly serverExit: string | null;
  /** Status of GET /api/health after the load; null when it did not answer. */
  readonly healthAfter: number | null;
}

/** VmRSS from the text of /proc/<pid>/status, in bytes; undefined when the line is missing. */
export function parseVmRss(statusText: string): number | undefined {
  return statusBytes(statusText, "VmRSS");
}

/**
 * Growth from the first sample at or after `warmupSeconds` to the last sample; undefined when
 * no sample reaches the warm-up point or none follows it.
 */
export function rssGrowth(samples: readonly RssSample[], warmupSeconds = RSS_WARMUP_SECONDS): RssGrowth | undefined {
  const ordered = [...samples].sort((left, right) => left.atSeconds - right.atSeconds);
  const atWarmup = ordered.find((sample) => sample.atSeconds >= warmupSeconds);
  const atEnd = ordered.at(-1);
  if (!atWarmup || !atEnd || atEnd === atWarmup || !(atWarmup.rssBytes > 0)) return undefined;
  const peak = ordered.filter((sample) => sample.atSeconds >= atWarmup.atSeconds).reduce((top, sample) => (sample.rssBytes > top.rssBytes ? sample : top));
  return { atWarmup, atEnd, peak, growth: (atEnd.rssBytes - atWarmup.rssBytes) / atWarmup.rssBytes };
}

/** What is wrong with a 2xx POST /api/ask body, or undefined when it is JSON with a string `answer`. */
export function answerBodyProblem(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `body is not JSON: ${JSON.stringify(body.slice(0, 120))}`;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return `body is not a JSON object: ${JSON.stringify(body.slice(0, 120))}`;
  const answer = (parsed as { answer?: unknown }).answer;
  if (typeof answer !== "string" || answer.trim() === "") return `body has no non-empty string "answer": ${JSON.stringify(body.slice(0, 120))}`;
  return undefined;
}

/** Why a 2xx body from POST /v1/chat/completions is not a chat completion with an answer, or undefined when it is. */
export function completionBodyProblem(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `body is not JSON: ${JSON.stringify(body.slice(0, 120))}`;
  }
  const content = (parsed as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== "string" || content.trim() === "") return `body has no choices[0].message.content: ${JSON.stringify(body.slice(0, 120))}`;
  return undefined;
}

function countWhere(codes: Readonly<Record<string, number>>, test: (code: number) => boolean): { total: number; byCode: Record<string, number> } {
  const byCode: Record<string, number> = {};
  let total = 0;
  for (const [code, count] of Object.entries(codes)) {
    if (!test(Number(code)) || count === 0) continue;
    byCode[code] = count;
    total += count;
  }
  return { total, byCode };
}

/** Every failed assertion, one clear sentence each; empty when the soak passed. */
export function soakFailures(measured: SoakMeasurements): string[] {
  const failures: string[] = [];
  if (measured.responses === 0) failures.push("the server answered no requests at all.");
  const serverErrors = countWhere(measured.statusCodes, (code) => code >= 500);
  if (serverErrors.total > 0) {
    failures.push(
      `${serverErrors.total} 5xx responses (by code: ${JSON.stringify(serverErrors.byCode)}); 503 means the in-flight bound (MAX_IN_FLIGHT) or the request timeout (REQUEST_TIMEOUT_MS) was hit, see .tmp/bench/load-server.log.`,
    );
  }
  const otherNon2xx = countWhere(measured.statusCodes, (code) => (code < 200 || code >= 300) && code < 500);
  if (otherNon2xx.total > 0) failures.push(`${otherNon2xx.total} other non-2xx responses (by code: ${JSON.stringify(otherNon2xx.byCode)}).`);
  const socketErrors = measured.errors - measured.timeouts;
  const when = measured.errorWindow ? `, between ${measured.errorWindow[0]} s and ${measured.errorWindow[1]} s into the load` : "";
  if (socketErrors > 0) failures.push(`${socketErrors} socket errors (by message: ${JSON.stringify(measured.errorKinds)}${when}).`);
  if (measured.timeouts > 0) failures.push(`${measured.timeouts} client timeouts (no response within the load generator's ${CLIENT_TIMEOUT_SECONDS} s${when}).`);
  if (measured.responses > 0 && measured.bodiesChecked === 0) failures.push("no 2xx response body was checked for an answer.");
  if (measured.badBodies > 0) failures.push(`${measured.badBodies} of ${measured.bodiesChecked} checked 2xx bodies are not an answer, e.g. ${measured.badBodyExamples[0] ?? "?"}`);
  if (measured.rssUnavailable) {
    failures.push(`server RSS was not measured: ${measured.rssUnavailable}`);
  } else {
    const growth = rssGrowth(measured.rssSamples);
    if (!growth) failures.push(`too few RSS samples to compare the ${RSS_WARMUP_SECONDS}th second with the end (${measured.rssSamples.length} samples).`);
    else if (growth.growth >= MAX_RSS_GROWTH) {
      failures.push(
        `server RSS grew ${(growth.growth * 100).toFixed(1)}% from ${formatBytes(growth.atWarmup.rssBytes)} at ${growth.atWarmup.atSeconds.toFixed(0)} s to ${formatBytes(growth.atEnd.rssBytes)} at ${growth.atEnd.atSeconds.toFixed(0)} s (limit < ${MAX_RSS_GROWTH * 100}%).`,
      );
    }
  }
  if (measured.serverExit !== null) failures.push(`the server process died during the load (${measured.serverExit}).`);
  else if (measured.healthAfter !== 200) failures.push(`GET /api/health after the load answered ${measured.healthAfter ?? "nothing"}, not 200.`);
  return failures;
}

/** A short two-column table of the figures. */
export function soakTable(measured: SoakMeasurements): string {
  const growth = rssGrowth(measured.rssSamples);
  const non2xx = countWhere(measured.statusCodes, (code) => code < 200 || code >= 300);
  const rows: Array<[string, string]> = [
    ["load", `${measured.seconds} s at ${measured.connections} connections, POST /api/ask and /v1/chat/completions in turn (gold questions, half reworded so they miss the answer caches)`],
    ["responses", `${measured.responses} (${non2xx.total} non-2xx, ${measured.errors} errors, ${measured.timeouts} timeouts)`],
    ["req/s", measured.requestsPerSecond.toFixed(1)],
    ["latency p50", formatMilliseconds(measured.latency.p50)],
    ["latency p97.5", formatMilliseconds(measured.latency.p975)],
    ["latency p99", formatMilliseconds(measured.latency.p99)],
    ["bodies checked", `${measured.bodiesChecked} (${measured.badBodies} without an answer)`],
    [`RSS at ${RSS_WARMUP_SECONDS} s`, growth ? `${formatBytes(growth.atWarmup.rssBytes)} (sampled at ${growth.atWarmup.atSeconds.toFixed(1)} s)` : "n/a"],
    ["RSS at end", growth ? `${formatBytes(growth.atEnd.rssBytes)} (sampled at ${growth.atEnd.atSeconds.toFixed(1)} s)` : "n/a"],
    ["RSS peak after 10 s", growth ? `${formatBytes(growth.peak.rssBytes)} (at ${growth.peak.atSeconds.toFixed(1)} s)` : "n/a"],
    ["RSS growth", growth ? `${growth.growth >= 0 ? "+" : ""}${(growth.growth * 100).toFixed(1)}% (limit < ${MAX_RSS_GROWTH * 100}%)` : (measured.rssUnavailable ?? "n/a")],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return ["| " + "metric".padEnd(width) + " | value |", "|-" + "-".repeat(width) + "-|-------|", ...rows.map(([name, value]) => `| ${name.padEnd(width)} | ${value} |`)].join("\n");
}
