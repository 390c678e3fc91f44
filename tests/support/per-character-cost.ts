import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Time per character of a scanner at several text lengths, measured to be compared by
 * ratio on a shared, noisy machine:
 *
 * - CPU time of this process (`process.cpuUsage`), not wall time: time other processes
 *   take the core away is not counted (the machine has two cores and several test runs).
 * - Texts are built before timing; every size is warmed up first (JIT, caches).
 * - Each sample lasts about the same CPU time at every size (many calls on a short text,
 *   few on a long one), so fixed costs per call and GC weigh alike; a scavenge before each
 *   sample starts them all with an empty young generation.
 * - Sizes take turns within a round, so a slow moment slows all of them; the median of the
 *   samples per size is kept.
 */

export interface CostOptions {
  /** CPU time one sample aims at (default 5 ms; a single call may take longer). */
  readonly sampleMilliseconds?: number;
  /** Samples per size; the median is kept (default 5). */
  readonly samples?: number;
}

type Scan = (text: string) => unknown;

/**
 * Costs per character below this count as this: there a scanner only skips text natively (a
 * regex looking for its next start), and a 64 k text falling out of the CPU caches shows as
 * up to 2× on its own (measured: splitSentences 0.8 → 1.5 ns). A quadratic scanner is far
 * above it at 64 k: 64× its cost per character at 1 k.
 */
export const NOISE_FLOOR_NS = 2;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (options: { type: "minor" | "major" }) => void;
/** A scavenge: every sample starts with an empty young generation (a full GC per sample would cost more than the samples). */
const collectGarbage = (): void => gc({ type: "minor" });

const cpuMicroseconds = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

async function run(scan: Scan, text: string, calls: number): Promise<number> {
  const started = cpuMicroseconds();
  for (let call = 0; call < calls; call++) {
    const result = scan(text);
    if (result instanceof Promise) await result;
  }
  return cpuMicroseconds() - started;
}

const median = (values: readonly number[]): number => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;

/** Median CPU nanoseconds per character of `scan` over each of `texts`. */
export async function perCharacterCosts(scan: Scan, texts: readonly string[], options: CostOptions = {}): Promise<number[]> {
  const sampleMicroseconds = (options.sampleMilliseconds ?? 5) * 1000;
  const samples = options.samples ?? 5;
  const calls: number[] = [];
  for (const text of texts) {
    await run(scan, text, 1);
    // Calls per sample from a timed batch: enough to fill a sample, at most 100 000.
    const probeCalls = Math.max(1, Math.round(16_000 / text.length));
    const perCall = Math.max(await run(scan, text, probeCalls), 1) / probeCalls;
    calls.push(Math.min(100_000, Math.max(1, Math.round(sampleMicroseconds / perCall))));
  }
  const measured: number[][] = texts.map(() => []);
  for (let round = 0; round < samples; round++) {
    for (let turn = 0; turn < texts.length; turn++) {
      const index = (round + turn) % texts.length;
      collectGarbage();
      const microseconds = await run(scan, texts[index]!, calls[index]!);
      measured[index]!.push(Math.max(NOISE_FLOOR_NS, (microseconds * 1000) / (calls[index]! * texts[index]!.length)));
    }
  }
  return measured.map(median);
}

/** How far apart costs per character are: 1 when they are the same at every size. */
export type Spread = (costs: readonly number[]) => number;

/** Largest over smallest, whatever the sizes. */
export const spread: Spread = (costs) => Math.max(...costs) / Math.min(...costs);

/**
 * The most the cost per character grows from a shorter text (costs in order of size) to a
 * longer one; cheaper per character on longer texts (fixed costs per call spread out) is 1.
 */
export const growth: Spread = (costs) => Math.max(1, ...costs.map((cost, index) => cost / Math.min(...costs.slice(0, index + 1))));

/** Measurements settledCosts takes at most. */
const MEASUREMENTS = 3;

/**
 * Costs per character whose spread is within `bound`, measured again (up to MEASUREMENTS in all)
 * while it is not (noise only ever adds time, so each size keeps its lowest median).
 */
export async function settledCosts(scan: Scan, texts: readonly string[], bound: number, options: CostOptions = {}, measure: Spread = spread): Promise<number[]> {
  // Up to three measurements, keeping each size's lowest: a scanner that really grows faster than
  // its text is slow every time, while a spike (another test process taking the shared caches, a
  // major GC at one size) is not. Two were not always enough once the suite grew (a 3× spike at
  // 64 k in normalizeText, 5.5 / 5.4 / 16.0 ns, on a clean CI run; 5.4 ns alone).
  let costs = await perCharacterCosts(scan, texts, options);
  for (let attempt = 1; attempt < MEASUREMENTS && measure(costs) > bound; attempt++) {
    const again = await perCharacterCosts(scan, texts, options);
    costs = costs.map((cost, index) => Math.min(cost, again[index]!));
  }
  return costs;
}

