import type { Runnable } from "@langchain/core/runnables";
import type { AnswerDraft, AnswerInput } from "../answering/answer-draft.js";
import type { Chunk } from "../chunking/chunk.js";
import type { IndexManifest } from "../index/manifest.js";
import type { QuestionLexicon } from "../lexicon/question-lexicon.js";
import type { Embedder } from "../ports/embedder.js";
import type { WordSegmenter } from "../ports/word-segmenter.js";
import type { HybridRetriever } from "../retrieval/hybrid-retriever.js";
import type { QuestionReader } from "../understanding/question-reader.js";
import type { QuestionRewriter } from "../understanding/rewrite/model-question-rewriter.js";
import type { CorpusDocument } from "./corpus-documents.js";

/** Everything needed to answer: built once at start-up, shared by HTTP, CLI and eval. */
export interface QaEngine {
  readonly manifest: IndexManifest;
  readonly chunks: readonly Chunk[];
  /** The corpus's documents in manifest order, with their metadata and subjects (corpus-documents.ts). */
  readonly documents: readonly CorpusDocument[];
  readonly embedder: Embedder;
  readonly retriever: HybridRetriever;
  /** The understanding stage: reads each question once, for retrieval and for the answerer. */
  readonly reader: QuestionReader;
  /** Any Runnable from question + passages to a draft answer: the extractive one today, a generative one later. */
  readonly answerer: Runnable<AnswerInput, AnswerDraft>;
  /** The extractive answerer (the answerer itself by default): how ask() tells which reading, the question's or a model's rewrite, the report answers. */
  readonly extractive: Runnable<AnswerInput, AnswerDraft>;
  /** Rewrites each question for retrieval with a model, next to the offline reading (src/core/pipeline/rewritten-retrieval.ts). */
  readonly rewriter?: QuestionRewriter;
  /** The word segmenter the composition root chose (jieba-wasm in Node and Workers), taught the report's terms. */
  readonly segmenter?: WordSegmenter;
  /** The question lexicon of the index (everyday, dialect and English vocabulary, gazetteer, the reports' own terms). */
  readonly lexicon: QuestionLexicon;
  /** Monotonic milliseconds (performance.now in Node and Workers); injected so tests can fix time. */
  readonly now: () => number;
}
