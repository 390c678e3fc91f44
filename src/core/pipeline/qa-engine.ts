import type { Runnable } from "@langchain/core/runnables";
import type { AnswerDraft, AnswerInput } from "../answering/answer-draft.js";
import type { Chunk } from "../chunking/chunk.js";
import type { IndexManifest } from "../index/manifest.js";
import type { Embedder } from "../ports/embedder.js";
import type { HybridRetriever } from "../retrieval/hybrid-retriever.js";

/** Everything needed to answer: built once at start-up, shared by HTTP, CLI and eval. */
export interface QaEngine {
  readonly manifest: IndexManifest;
  readonly chunks: readonly Chunk[];
  readonly embedder: Embedder;
  readonly retriever: HybridRetriever;
  /** Any Runnable from question + passages to a draft answer: the extractive one today, a generative one later. */
  readonly answerer: Runnable<AnswerInput, AnswerDraft>;
  /** Monotonic milliseconds (performance.now in Node and Workers); injected so tests can fix time. */
  readonly now: () => number;
}
