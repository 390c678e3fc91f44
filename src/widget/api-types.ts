// The shapes the widget exchanges with the server. The AskResponse contract is defined
// once, with zod, in src/core/schemas; it is imported here as types only, so no zod code
// reaches the browser bundle (the budget is 35 KB gzipped).
export type { AskResponse, Citation, Passage, Suggestion, AbstentionReason, RefusalPlace } from "../core/schemas/ask-response.js";
export type { ConversationTurn } from "../core/schemas/ask-request.js";

/** One starter question from GET /api/meta, derived on the server from the report's outline. */
export interface StarterQuestion {
  readonly question: string;
  readonly section: readonly string[];
}

/** GET /api/meta: what the page header and the empty conversation show. */
export interface ReportMeta {
  readonly title: string;
  readonly author: string | null;
  readonly published: string | null;
  readonly chunkCount: number;
  readonly starters: readonly StarterQuestion[];
}

export type FeedbackRating = "up" | "down";

/** Body of POST /api/feedback. */
export interface FeedbackRequest {
  readonly question: string;
  readonly answer: string;
  readonly rating: FeedbackRating;
  readonly comment?: string;
  readonly engine?: { embedder: string; retriever: string; answerer: string; indexHash: string };
  readonly citations?: ReadonlyArray<{ marker: number; chunkId: string; quoteStart: number; quoteEnd: number }>;
}
