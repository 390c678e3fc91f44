import type { ClientKey } from "./limits.js";
import type { Reindex } from "./admin-routes.js";
import type { LogSink } from "./request-log.js";
import type { Schedule } from "../core/pipeline/answer-cache.js";
import type { FeedbackStore } from "../core/ports/feedback-store.js";
import type { StarterQuestion } from "../core/pipeline/starter-questions.js";
import type { PageAbout } from "./pages.js";
import type { StaticAsset } from "./static-asset.js";

/** What the health endpoint reports beyond the engine itself (known only to the platform entry). */
export interface ServiceInfo {
  readonly builtAt?: string;
  readonly corpusMatches?: boolean;
  readonly vectorIndex: string;
  /** The checksums of the index files the served search does not read: "ok", "corrupt", undefined until checked. */
  readonly indexFiles?: "ok" | "corrupt" | undefined;
  /** Where the served index is stored: index/ files (the default, and the Worker's bundle) or PostgreSQL. */
  readonly storage?: "files" | "postgres";
  /**
   * With a database: a cheap probe of it, for /api/health only (never run per question). It
   * bounds its own time and answers "unreachable" rather than rejecting.
   */
  readonly database?: () => Promise<"ok" | "unreachable">;
}

/** Platform capabilities and settings the entry injects; each is optional, and its routes say so when absent. */
export interface AppOptions {
  readonly about?: PageAbout;
  readonly starters?: () => Promise<readonly StarterQuestion[]>;
  readonly feedbackStore?: FeedbackStore;
  readonly assets?: { readonly widget?: StaticAsset; readonly app?: StaticAsset };
  /** Origins allowed to call /api/* from the browser (the widget embedded elsewhere). Same origin needs none. */
  readonly allowedOrigins?: readonly string[];
  /** Host names the server answers to (see host-guard.ts; ".example.org" covers its subdomains, "*" any); absent, any. */
  readonly allowedHosts?: readonly string[];
  /** Compress responses in the app (default true; off where the platform compresses). */
  readonly compress?: boolean;
  /** Who may frame the pages (CSP frame-ancestors); default: only this origin. */
  readonly frameAncestors?: readonly string[];

  /** Largest accepted /api/* request body in bytes (default 64 KiB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** Sustained /api/* requests per minute per client (default 0 = no limit); /api/health is exempt. */
  readonly rateLimitPerMinute?: number;
  /** Requests a client may make at once before the per-minute rate applies (default 20). */
  readonly rateLimitBurst?: number;
  /** Who a request comes from, for the rate limit (default: one bucket shared by all). */
  readonly clientKey?: ClientKey;
  /** /api/* requests at work at once (default 256; 0 = no bound); beyond it 503 `overloaded`. */
  readonly maxInFlight?: number;
  /** Milliseconds an /api/* request may take (default 10 000; 0 = none); then 503 `timeout`. */
  readonly requestTimeoutMs?: number;
  /** The whole corpus's model id on /v1 (CORPUS_MODEL_ID); default: named after its documents (openai-models.ts). */
  readonly corpusModelId?: string;
  /** When set, /api/* (except /api/health) requires `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  /** Reverse proxies trusted to append X-Forwarded-For (default 0: key the rate limit on `clientKey` alone). */
  readonly trustProxy?: number;
  /** When set, /api/admin/* requires `Authorization: Bearer <adminKey>`; unset, they answer 403 `admin_disabled`. */
  readonly adminKey?: string;
  /** Rebuilds the index and swaps the served engine (POST /api/admin/reindex); absent, that route is unavailable. */
  readonly reindex?: Reindex;
  /** Answers kept for repeated questions (default 1000; 0 = no cache). */
  readonly answerCacheEntries?: number;
  /** Queues the computation of answers not in the cache (Node: one per event-loop turn); default: at once. */
  readonly scheduleAnswer?: Schedule;
  /** One JSON line per request and per server error; default none (errors still go to console.error). */
  readonly logger?: LogSink;
  /** Monotonic clock in milliseconds for latency and the rate limit (default performance.now). */
  readonly now?: () => number;
  /** New request ids when the caller sends none (default crypto.randomUUID). */
  readonly newRequestId?: () => string;
}
