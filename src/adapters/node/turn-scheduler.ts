import type { Schedule } from "../../core/pipeline/answer-cache.js";

/**
 * Starts at most one CPU-heavy job (an answer to compute) per event-loop turn, in arrival order.
 *
 * Why: libuv accepts one new connection per turn of the loop. Left alone, every request that
 * arrived during a poll would be answered before the loop turns again: at 100 connections that
 * is ~100 × 6 ms per turn, new connections then wait in the kernel's accept queue for tens of
 * seconds, and clients time out although the server is healthy. One job per turn keeps turns
 * short, so accepting, reading and answering interleave, and answers go out first come, first
 * served.
 */
export function createTurnScheduler(): Schedule {
  const waiting: Array<() => void> = [];
  let pending = false;
  const startNext = (): void => {
    pending = false;
    waiting.shift()?.();
    if (waiting.length > 0) {
      pending = true;
      setImmediate(startNext);
    }
  };
  return (job) =>
    new Promise((resolve, reject) => {
      waiting.push(() => void job().then(resolve, reject));
      if (!pending) {
        pending = true;
        setImmediate(startNext);
      }
    });
}
