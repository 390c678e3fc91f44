/** What /api/health reports as `checks.database`. */
export type DatabaseStatus = "ok" | "unreachable";

export interface DatabaseProbeSettings {
  /** Longest a probe may take before the database counts as unreachable: a load balancer's health check must not hang. */
  readonly timeoutMs?: number;
  /** How long an outcome is reused: health polled many times a second costs one query per interval, not one per poll. */
  readonly maxAgeMs?: number;
  /** Monotonic milliseconds (tests move it). */
  readonly now?: () => number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 1_000;
export const DEFAULT_PROBE_MAX_AGE_MS = 2_000;

/**
 * A database check for /api/health: runs `query` (a cheap statement such as SELECT 1) at most
 * once per `maxAgeMs`, concurrent callers sharing the one in flight, and answers "unreachable"
 * when it fails or outlasts `timeoutMs`. It never rejects, and /api/ask never runs it.
 */
export function createDatabaseProbe(query: () => Promise<unknown>, settings: DatabaseProbeSettings = {}): () => Promise<DatabaseStatus> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const maxAgeMs = settings.maxAgeMs ?? DEFAULT_PROBE_MAX_AGE_MS;
  const now = settings.now ?? (() => performance.now());
  let last: { status: DatabaseStatus; at: number } | undefined;
  let running: Promise<DatabaseStatus> | undefined;
  const probe = async (): Promise<DatabaseStatus> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<DatabaseStatus>((resolve) => {
      timer = setTimeout(() => resolve("unreachable"), timeoutMs);
    });
    try {
      return await Promise.race([query().then((): DatabaseStatus => "ok", (): DatabaseStatus => "unreachable"), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.status);
    running ??= probe().then((status) => {
      last = { status, at: now() };
      running = undefined;
      return status;
    });
    return running;
  };
}
