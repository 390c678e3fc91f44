/** The abuse suite's pure half: what was measured, whether it passes, and the table that shows it. */
import { formatBytes, formatMilliseconds } from "../bench/stats.js";

/** After every attack (and at the end), a normal question must be answered 200 within this. */
export const PROBE_LIMIT_MS = 1000;
/** RSS after the settle may be at most this fraction above RSS before the first attack. */
export const MAX_RSS_GROWTH = 0.2;
/**
 * 503 codes a server under attack may answer with, as documented: the in-flight bound, the
 * request timeout, and storage trouble (`storage_full`, `storage_unavailable`: feedback on a full or
 * unwritable disk). Any other 5xx
 * is a failure: it means a handler broke, not that a limit did its job.
 */
const DOCUMENTED_503_CODE = /^(?:overloaded|timeout|storage_[a-z]+)$/u;

/** Whether a response is a 5xx the README documents (503 with one of the codes above). */
export function isDocumented5xx(status: number, code: string | undefined): boolean {
  return status === 503 && code !== undefined && DOCUMENTED_503_CODE.test(code);
}

/** Responses of one kind within an attack, e.g. 400, "503 timeout", or no response ("hung-up"). */
export interface OutcomeCount {
  /** What the table shows: the status (with the error code for 5xx), or how the exchange ended. */
  readonly label: string;
  readonly status: number | null;
  readonly code?: string;
  readonly count: number;
  /** The first request that ended this way, described ("POST /api/verify numerals ×20000"). */
  readonly example: string;
}

export interface Probe {
  /** "during": while the attack was at its worst; "after": once it ended. */
  readonly phase: "during" | "after";
  readonly status: number | null;
  readonly code?: string;
  /** How the exchange ended when there was no response ("gave-up", "reset" …). */
  readonly ending: string;
  readonly ms: number;
}

export interface AttackResult {
  readonly name: string;
  readonly requests: number;
  readonly outcomes: readonly OutcomeCount[];
  /** Requests that did not end as the attack says they must (refused, in time …), with examples. */
  readonly unexpected: { readonly count: number; readonly examples: readonly string[] };
  readonly probes: readonly Probe[];
  /** Growth of feedback.jsonl while the attack ran. */
  readonly feedbackBytesAdded: number;
  /** False for attacks none of whose requests may store anything (cross-origin, oversized records). */
  readonly mayWriteFeedback: boolean;
  /** Server RSS right after the attack (not judged: it points at the attack when the end figure fails). */
  readonly rssAfterBytes?: number;
  readonly ms: number;
}

export interface ServerSettings {
  readonly requestTimeoutMs: number;
  readonly maxInFlight: number;
  readonly maxBodyBytes: number;
  readonly rateLimitPerMinute: number;
  readonly rateLimitBurst: number;
}

export interface AbuseMeasurements {
  readonly settings: ServerSettings;
  readonly attacks: readonly AttackResult[];
  /** The probe after the settle, the last word on whether the server recovered; undefined if never sent. */
  readonly finalProbe: Probe | undefined;
  /** RSS before the first attack and after the settle, in bytes; or why it was not measured. */
  readonly rss: { readonly startBytes: number; readonly endBytes: number; readonly settleMs: number } | { readonly unavailable: string };
  /** How the server process ended during the run; null when it was still running at the end. */
  readonly serverExit: string | null;
  readonly seconds: number;
}

/** "200", "503 timeout", or the exchange's ending when no status came ("hung-up"). */
export function outcomeLabel(status: number | null, code: string | undefined, ending: string): string {
  if (status === null) return ending;
  return status >= 500 ? `${status} ${code ?? "(no code)"}` : String(status);
}

const describeProbe = (probe: Probe): string =>
  `${probe.status === null ? `no response (${probe.ending})` : outcomeLabel(probe.status, probe.code, probe.ending)} in ${formatMilliseconds(probe.ms)}`;

/** Why a probe failed, or undefined when it was answered well enough for its phase. */
export function probeProblem(probe: Probe, settings: ServerSettings): string | undefined {
  if (probe.phase === "after") {
    return probe.status === 200 && probe.ms <= PROBE_LIMIT_MS ? undefined : `answered ${describeProbe(probe)} (expected 200 within ${PROBE_LIMIT_MS} ms)`;
  }
  // While an attack runs the bounds may legitimately refuse it (503 overloaded), but the server
  // must still answer within its own REQUEST_TIMEOUT_MS: later means the event loop was blocked.
  const answered = probe.status === 200 || (probe.status !== null && isDocumented5xx(probe.status, probe.code));
  return answered && probe.ms <= settings.requestTimeoutMs
    ? undefined
    : `answered ${describeProbe(probe)} while the attack ran (expected 200 or a documented 503 within REQUEST_TIMEOUT_MS=${settings.requestTimeoutMs} ms)`;
}

/** Every failed assertion, one clear sentence each; empty when the suite passed. */
export function abuseFailures(measured: AbuseMeasurements): string[] {
  const failures: string[] = [];
  if (measured.attacks.length === 0) failures.push("no attack ran.");
  for (const attack of measured.attacks) {
    for (const outcome of attack.outcomes) {
      if (outcome.status !== null && outcome.status >= 500 && !isDocumented5xx(outcome.status, outcome.code)) {
        failures.push(`${attack.name}: ${outcome.count} × ${outcome.label}, not a documented 503 (overloaded, timeout, storage); e.g. ${outcome.example}.`);
      }
    }
    if (attack.unexpected.count > 0) {
      failures.push(`${attack.name}: ${attack.unexpected.count} of ${attack.requests} requests went wrong, e.g. ${attack.unexpected.examples.slice(0, 3).join("; ")}.`);
    }
    if (!attack.mayWriteFeedback && attack.feedbackBytesAdded > 0) {
      failures.push(`${attack.name}: feedback.jsonl grew by ${formatBytes(attack.feedbackBytesAdded)}; none of these requests may store anything.`);
    }
    const bad = attack.probes.map((probe) => probeProblem(probe, measured.settings)).filter((problem): problem is string => problem !== undefined);
    if (bad.length > 0) failures.push(`${attack.name}: ${bad.length} of ${attack.probes.length} probe questions failed; first ${bad[0]}.`);
  }
  if (measured.finalProbe === undefined) failures.push("the final probe question was never sent.");
  else {
    const problem = probeProblem(measured.finalProbe, measured.settings);
    if (problem) failures.push(`final probe after the settle: ${problem}.`);
  }
  if ("unavailable" in measured.rss) failures.push(`server RSS was not measured: ${measured.rss.unavailable}`);
  else {
    const { startBytes, endBytes, settleMs } = measured.rss;
    const growth = startBytes > 0 ? (endBytes - startBytes) / startBytes : Number.POSITIVE_INFINITY;
    if (!(growth <= MAX_RSS_GROWTH)) {
      failures.push(
        `server RSS ${formatBytes(endBytes)} after a ${(settleMs / 1000).toFixed(1)} s settle is ${(growth * 100).toFixed(1)}% above ${formatBytes(startBytes)} before the attacks (limit ${MAX_RSS_GROWTH * 100}%).`,
      );
    }
  }
  if (measured.serverExit !== null) failures.push(`the server process died during the run (${measured.serverExit}).`);
  return failures;
}

function maxProbe(probes: readonly Probe[]): string {
  if (probes.length === 0) return "n/a";
  const worst = probes.reduce((top, probe) => (probe.ms > top.ms ? probe : top));
  const failed = probes.filter((probe) => probe.status !== 200).length;
  return `${formatMilliseconds(worst.ms)}${failed > 0 ? ` (${failed} of ${probes.length} not 200)` : ""}`;
}

/** One row per attack: attack · requests · outcomes by status · max latency of the probe question. */
export function abuseTable(measured: AbuseMeasurements): string {
  const rows: string[][] = measured.attacks.map((attack) => [
    attack.name,
    String(attack.requests),
    [...attack.outcomes]
      .sort((left, right) => (left.status ?? 1000) - (right.status ?? 1000) || left.label.localeCompare(right.label))
      .map((outcome) => `${outcome.label}×${outcome.count}`)
      .join(" ") + (attack.unexpected.count > 0 ? `  ← ${attack.unexpected.count} wrong` : ""),
    maxProbe(attack.probes),
    attack.rssAfterBytes === undefined ? "n/a" : formatBytes(attack.rssAfterBytes),
  ]);
  if (measured.finalProbe) {
    const rssEnd = "unavailable" in measured.rss ? "n/a" : formatBytes(measured.rss.endBytes);
    rows.push(["final probe", "1", outcomeLabel(measured.finalProbe.status, measured.finalProbe.code, measured.finalProbe.ending), maxProbe([measured.finalProbe]), rssEnd]);
  }
  const header = ["attack", "requests", "outcomes", "probe max", "RSS after"];
  const widths = header.map((name, column) => Math.max(name.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  const rss = "unavailable" in measured.rss ? `RSS n/a (${measured.rss.unavailable})` : `RSS ${formatBytes(measured.rss.startBytes)} → ${formatBytes(measured.rss.endBytes)} after ${(measured.rss.settleMs / 1000).toFixed(1)} s settle (limit +${MAX_RSS_GROWTH * 100}%)`;
  return [line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(line), `${rss}; server ${measured.serverExit === null ? "alive" : measured.serverExit}; ${measured.seconds.toFixed(1)} s`].join("\n");
}
