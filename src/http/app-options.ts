import type { FeedbackStore } from "../core/ports/feedback-store.js";
import type { StarterQuestion } from "../core/pipeline/starter-questions.js";
import type { PageAbout } from "./pages.js";
import type { StaticAsset } from "./static-asset.js";

/** What the health endpoint reports beyond the engine itself (known only to the platform entry). */
export interface ServiceInfo {
  readonly builtAt?: string;
  readonly corpusMatches?: boolean;
  readonly vectorIndex: string;
}

/** Platform capabilities and settings the entry injects; each is optional, and its routes say so when absent. */
export interface AppOptions {
  readonly about?: PageAbout;
  readonly starters?: () => Promise<readonly StarterQuestion[]>;
  readonly feedbackStore?: FeedbackStore;
  readonly assets?: { readonly widget?: StaticAsset; readonly app?: StaticAsset };
  /** Origins allowed to call /api/* from the browser (the widget embedded elsewhere). Same origin needs none. */
  readonly allowedOrigins?: readonly string[];
  /** Compress responses in the app (default true; off where the platform compresses). */
  readonly compress?: boolean;
  /** Who may frame the pages (CSP frame-ancestors); default: only this origin. */
  readonly frameAncestors?: readonly string[];
}
