import { LRUCache } from "lru-cache";
import type { AskRequest } from "../schemas/ask-request.js";
import type { AskResponse } from "../schemas/ask-response.js";
import { ask } from "./ask.js";
import type { QaEngine } from "./qa-engine.js";

export const DEFAULT_ANSWER_CACHE_ENTRIES = 1000;
// Answers are 1–10 KB of JSON; the byte bound keeps a cache of long answers small too.
const MAX_CACHED_CHARACTERS = 16 * 1024 * 1024;

/** Runs a job that computes an answer; a platform may queue it (see adapters/node/turn-scheduler.ts). */
export type Schedule = <T>(job: () => Promise<T>) => Promise<T>;
const runNow: Schedule = (job) => job();

/** An answer ready to send: its JSON text, and whether it came from the cache. */
export interface CachedAnswer {
  readonly json: string;
  readonly hit: boolean;
}

/**
 * Remembers serialised answers for repeated questions. `ask` is deterministic for a given
 * index, question, history and topK, and readers ask the same few questions over and over
 * (the starter questions above all), so a repeat costs a map lookup instead of a retrieval
 * and an answer. The key includes the index hash: after a re-index nothing stale is served.
 * A cached answer says `cached: true`; its timings are those of the computation it saves.
 */
const isTransientFallback = (response: AskResponse): boolean =>
  (response.generation?.status === "fallback" && (response.generation.reason === "model-error" || response.generation.reason === "timeout")) ||
  response.rewrite?.status === "fallback";

export class AnswerCache {
  private readonly entries: LRUCache<string, string> | undefined;

  private readonly schedule: Schedule;

  constructor(maxEntries = DEFAULT_ANSWER_CACHE_ENTRIES, schedule: Schedule = runNow) {
    this.schedule = schedule;
    this.entries =
      maxEntries > 0 ? new LRUCache<string, string>({ max: maxEntries, maxSize: MAX_CACHED_CHARACTERS, sizeCalculation: (json) => Math.max(1, json.length) }) : undefined;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  /** `signal`: the request's deadline, which aborts a model call still running when it passes. */
  async answer(engine: QaEngine, request: AskRequest, signal?: AbortSignal): Promise<CachedAnswer> {
    // The answerer's name holds its model (generative-v1:provider:model): another model, another answer.
    const key = JSON.stringify([engine.manifest.indexHash, engine.answerer.getName(), engine.rewriter?.name ?? null, request.question, request.history ?? [], request.topK ?? null, request.documents ?? null]);
    const cached = this.entries?.get(key);
    if (cached !== undefined) return { json: cached, hit: true };
    const response: AskResponse = await this.schedule(() => ask(engine, request, signal ? { signal } : {}));
    // A model that failed or timed out may answer the next time: its fallback is not kept.
    if (!isTransientFallback(response)) this.entries?.set(key, JSON.stringify({ ...response, cached: true }));
    return { json: JSON.stringify(response), hit: false };
  }
}
