import type { AppOptions } from "./app-options.js";
import type { HealthChecks } from "./response-schemas.js";

export type { HealthChecks } from "./response-schemas.js";

/**
 * What /api/health reports under `checks`: one entry per dependency the API needs beyond the
 * engine, "ok" or the reason it is not. Any entry other than "ok" makes the status "degraded".
 * Each check answers from memory: health is polled by load balancers and must stay cheap.
 * The entries and their values are those of `healthChecksSchema` (response-schemas.ts).
 */
export function healthChecks(options: AppOptions): HealthChecks {
  const checks: HealthChecks = {};
  // DATA_DIR: feedback posts answer 503 while it cannot be written; questions are unaffected.
  const dataDirectory = options.feedbackStore?.status?.();
  if (dataDirectory !== undefined) checks.dataDir = dataDirectory;
  return checks;
}

export const isDegraded = (checks: HealthChecks): boolean => Object.values(checks).some((value) => value !== "ok");
