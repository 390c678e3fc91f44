/** What every attack gets to work with, and the tally it fills in. */
import type { Exchange } from "./raw-http.js";
import { isDocumented5xx, outcomeLabel, type OutcomeCount, type Probe, type ServerSettings } from "./verdict.js";

const EXAMPLES_KEPT = 5;

export interface AttackContext {
  readonly port: number;
  readonly settings: ServerSettings;
  /** The next loopback source address for an attacking connection (never the probe's). */
  nextSource(): string;
  /** Sends the probe question now and records it with the attack. */
  probe(phase: Probe["phase"]): Promise<Probe>;
  /** A progress line, shown with --verbose. */
  log(message: string): void;
}

export interface Attack {
  /** Short name, also what --only selects ("unfinished-bodies"). */
  readonly name: string;
  /** False when none of the attack's requests may append feedback. */
  readonly mayWriteFeedback: boolean;
  run(context: AttackContext, tally: Tally): Promise<void>;
}

/**
 * Counts an attack's exchanges by outcome and keeps a few examples of the ones that went
 * wrong. `problem` is the attack's own judgement of one exchange (undefined: as it should be);
 * 5xx responses are judged by the verdict, in one place.
 */
export class Tally {
  requests = 0;
  unexpected = 0;
  readonly examples: string[] = [];
  readonly probes: Probe[] = [];
  private readonly outcomes = new Map<string, { status: number | null; code?: string; count: number; example: string }>();

  record(what: string, result: Exchange, problem?: string): void {
    this.requests += 1;
    const label = outcomeLabel(result.status, result.code, result.ending);
    const known = this.outcomes.get(label);
    if (known) known.count += 1;
    else this.outcomes.set(label, { status: result.status, ...(result.code ? { code: result.code } : {}), count: 1, example: what });
    if (problem !== undefined) {
      this.unexpected += 1;
      if (this.examples.length < EXAMPLES_KEPT) this.examples.push(`${what}: ${problem}`);
    }
  }

  counts(): OutcomeCount[] {
    return [...this.outcomes].map(([label, outcome]) => ({ label, ...outcome }));
  }
}

/** "503 timeout", "400", or how it ended, for messages. */
export const describeExchange = (result: Exchange): string => `${outcomeLabel(result.status, result.code, result.ending)} after ${(result.ms / 1000).toFixed(2)} s`;

/**
 * Why a request that must reach its handler did not get a timely answer of its own: none came,
 * it came after the server's own REQUEST_TIMEOUT_MS (only a blocked event loop is that late),
 * or a limit answered instead (429, 503 overloaded), so the input was never tested.
 */
export function answeredInTime(result: Exchange, settings: ServerSettings, slackMs = 1000): string | undefined {
  if (result.ending !== "response") return `no response (${result.ending} after ${(result.ms / 1000).toFixed(2)} s)`;
  if (result.ms > settings.requestTimeoutMs + slackMs) return `answered ${describeExchange(result)}, past REQUEST_TIMEOUT_MS=${settings.requestTimeoutMs} (the event loop was blocked)`;
  if (result.status === 429 || (result.status === 503 && result.code === "overloaded")) return `${describeExchange(result)}: refused by a limit, so the input was never tested`;
  return undefined;
}

/** Why a request that must be refused was not: it must get a 4xx of its own, in time. */
export function refusedInTime(result: Exchange, settings: ServerSettings, expectedStatus?: number): string | undefined {
  const late = answeredInTime(result, settings);
  if (late) return late;
  const status = result.status ?? 0;
  if (expectedStatus !== undefined && status !== expectedStatus && !isDocumented5xx(status, result.code)) return `${describeExchange(result)}, expected ${expectedStatus}`;
  if (status < 400) return `accepted with ${describeExchange(result)}, expected a 4xx refusal`;
  return undefined;
}

/** Runs `work` over `items` with at most `concurrency` at once (bounded floods, not all at once). */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
