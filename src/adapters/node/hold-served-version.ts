import type { EngineHolder } from "../../core/pipeline/engine-holder.js";
import type { QaEngine } from "../../core/pipeline/qa-engine.js";
import type { VersionLease } from "../postgres/version-leases.js";

/** How often a server renews the lease on the version it serves; the lease lasts three renewals. */
export const LEASE_RENEW_MS = 30_000;
const LEASE_RENEWALS_PER_TTL = 3;

export interface ServedVersionHold {
  /** Renews now (after a swap, so the new version is held at once). Never rejects. */
  renew(): Promise<void>;
  /** Stops renewing and gives the lease up, so the version can go at the next ingest. Never rejects. */
  release(): Promise<void>;
}

/**
 * Keeps a lease on whatever version the holder serves, renewed every `renewEveryMs`, whether
 * or not the server follows new versions (DATABASE_POLL_MS=0 serves one version for as long as
 * it runs, and pruning must leave it be). A failed renewal is a warning, once per distinct
 * failure: the lease outlives two missed renewals, and the grace period after a swap covers more.
 */
export function holdServedVersion(options: {
  readonly holder: EngineHolder<{ readonly engine: QaEngine }>;
  readonly lease: VersionLease;
  readonly renewEveryMs?: number;
  readonly warn?: (message: string) => void;
}): ServedVersionHold {
  const renewEveryMs = options.renewEveryMs ?? LEASE_RENEW_MS;
  let lastWarning: string | undefined;
  let released = false;
  const renew = async (): Promise<void> => {
    if (released) return;
    const version = options.holder.get().engine.manifest.indexHash;
    try {
      await options.lease.renew(version, renewEveryMs * LEASE_RENEWALS_PER_TTL);
      lastWarning = undefined;
    } catch (error) {
      const message = `the lease on index version ${version.slice(0, 12)} could not be renewed (${error instanceof Error ? error.message : String(error)}); an ingest may prune it once the lease runs out`;
      if (message !== lastWarning) options.warn?.(message);
      lastWarning = message;
    }
  };
  const timer = setInterval(() => void renew(), renewEveryMs);
  // Holding a lease never keeps a process alive on its own.
  timer.unref?.();
  void renew();
  return {
    renew,
    async release() {
      released = true;
      clearInterval(timer);
      await options.lease.release().catch(() => undefined);
    },
  };
}
