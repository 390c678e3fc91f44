import type { FeedbackStoreStatus } from "../core/ports/feedback-store.js";

/** How old the last outcome may be before a health probe has the store checked again. */
export const STATUS_MAX_AGE_MS = 10_000;

/** A check's outcome: a status, and for the operator the error behind it. */
export interface StoreCheck {
  readonly status: FeedbackStoreStatus;
  readonly error?: unknown;
}

export interface StoreStatus<C extends StoreCheck> {
  /** Records the outcome of a write or a check. */
  remember(status: FeedbackStoreStatus): void;
  /** The outcome last remembered, undefined before any. */
  last(): FeedbackStoreStatus | undefined;
  /** Runs the probe, one at a time: callers arriving while it runs share its outcome. */
  check(): Promise<C>;
  /** From memory, at once (health must not wait on the store); a stale answer starts a check. */
  status(): FeedbackStoreStatus;
}

/**
 * The status memory every feedback store keeps (files in DATA_DIR, the database's table): the
 * outcome of the last write or probe, a single probe in flight at a time, and a fresh probe
 * started in the background when /api/health asks and the outcome is older than `maxAgeMs`.
 * The probe remembers its own outcome (it knows what a successful read can and cannot clear).
 */
export function storeStatus<C extends StoreCheck>(probe: () => Promise<C>, now: () => number, maxAgeMs = STATUS_MAX_AGE_MS): StoreStatus<C> {
  let last: { status: FeedbackStoreStatus; at: number } | undefined;
  let probing: Promise<C> | undefined;
  const check = (): Promise<C> => {
    probing ??= probe().finally(() => {
      probing = undefined;
    });
    return probing;
  };
  return {
    remember: (status) => void (last = { status, at: now() }),
    last: () => last?.status,
    check,
    status() {
      if (last === undefined || now() - last.at > maxAgeMs) void check();
      return last?.status ?? "ok";
    },
  };
}
