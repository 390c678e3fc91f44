import type { EngineHolder } from "../../core/pipeline/engine-holder.js";
import type { QaEngine } from "../../core/pipeline/qa-engine.js";

export interface FollowPublishedVersionOptions<T extends { readonly engine: QaEngine }> {
  readonly holder: EngineHolder<T>;
  /** Milliseconds between polls (DATABASE_POLL_MS); 0 turns following off. */
  readonly intervalMs: number;
  /** The version the database serves now (its index hash), undefined before any publish. */
  readonly readCurrentVersion: () => Promise<string | undefined>;
  /** Loads the engine of the database's current version, whole, without touching the holder. */
  readonly load: () => Promise<T>;
  readonly warn?: (message: string) => void;
  /** Told of each swap (the server logs it). */
  readonly onSwap?: (loaded: T, previous: T) => void;
}

export interface PublishedVersionFollower {
  /** One poll now (tests; the timer calls the same). Never rejects. */
  check(): Promise<void>;
  stop(): void;
}

/**
 * Keeps a server on the version the database publishes, for several servers over one
 * database: every `intervalMs` it reads current_version and, when it names another index than
 * the one served, loads that version completely and only then swaps it into the holder — as
 * POST /api/admin/reindex does — so no request sees a half-loaded engine. A poll or load that
 * fails is a warning (once per distinct failure) and the served engine stays; the next poll
 * tries again. Polls never overlap: the next is scheduled when one ends.
 */
export function followPublishedVersion<T extends { readonly engine: QaEngine }>(options: FollowPublishedVersionOptions<T>): PublishedVersionFollower {
  let stopped = options.intervalMs <= 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWarning: string | undefined;
  const warnOnce = (message: string): void => {
    if (message !== lastWarning) options.warn?.(message);
    lastWarning = message;
  };
  const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  const check = async (): Promise<void> => {
    const before = options.holder.get();
    const served = before.engine.manifest.indexHash;
    let current: string | undefined;
    try {
      current = await options.readCurrentVersion();
    } catch (error) {
      warnOnce(`the database could not be polled for a new index version (${reason(error)}); still serving index ${served.slice(0, 12)}`);
      return;
    }
    if (current === undefined || current === served) {
      lastWarning = undefined;
      return;
    }
    let loaded: T;
    try {
      loaded = await options.load();
    } catch (error) {
      warnOnce(`index version ${current.slice(0, 12)} published in the database could not be loaded (${reason(error)}); still serving index ${served.slice(0, 12)}`);
      return;
    }
    // A reindex in this process (or an earlier poll) swapped meanwhile: the next poll decides again.
    if (options.holder.get() !== before || loaded.engine.manifest.indexHash === served) return;
    options.holder.replace(loaded);
    lastWarning = undefined;
    options.onSwap?.(loaded, before);
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void check().finally(schedule), options.intervalMs);
    // Following never keeps a process alive on its own (a server stops when its listener closes).
    timer.unref?.();
  };
  schedule();
  return {
    check,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
