/** Keeps a promise's work alive after the response is sent: the Worker's ExecutionContext.waitUntil. */
export type KeepAlive = (work: Promise<unknown>) => void;

export interface PollOnRequestsOptions {
  /** Least milliseconds between the starts of two checks (DATABASE_POLL_MS); 0 never checks. */
  readonly intervalMs: number;
  /** One check; expected never to reject (followPublishedVersion's check() does not). */
  readonly check: () => Promise<void>;
  /**
   * A check still unsettled after this long is taken as lost (the runtime cancels a waitUntil some
   * 30 s after its response) and no longer blocks the next one. Default: 60 s.
   */
  readonly abandonAfterMs?: number;
  /** Milliseconds, monotonic enough for intervals (tests move it). Default Date.now: a Worker's clock advances with I/O. */
  readonly now?: () => number;
}

/**
 * A poll driven by requests instead of a timer, for Workers: an isolate runs code only while it
 * handles a request, so each request asks whether a check is due (at most one every
 * `intervalMs`, never two at once) and, if so, starts it under the request's waitUntil. The
 * request itself does not wait: it is answered by what is served now, and a check that finds a
 * new version swaps it in for the requests after it.
 */
export function pollOnRequests(options: PollOnRequestsOptions): (keepAlive: KeepAlive) => void {
  const now = options.now ?? (() => Date.now());
  const abandonAfterMs = options.abandonAfterMs ?? 60_000;
  // The first check is due one interval after start-up, when what is served was just read.
  let lastStarted = now();
  let running = false;
  return (keepAlive) => {
    if (options.intervalMs <= 0) return;
    const at = now();
    if (running && at - lastStarted < abandonAfterMs) return;
    if (at - lastStarted < options.intervalMs) return;
    lastStarted = at;
    running = true;
    const started = at;
    keepAlive(
      options
        .check()
        .catch(() => undefined)
        .finally(() => {
          // A check given up on as lost must not clear the flag of the one that replaced it.
          if (lastStarted === started) running = false;
        }),
    );
  };
}
