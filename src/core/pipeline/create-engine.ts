import type { Runnable } from "@langchain/core/runnables";
import type { AnswerDraft, AnswerInput } from "../answering/answer-draft.js";
import type { VerifierEngine } from "../verification/verify-text.js";
import { ExtractiveAnswerer, type AnswererSettingsOverrides } from "../answering/extractive-answerer.js";
import { TermStatistics } from "../answering/term-statistics.js";
import { lexiconVocabulary } from "../lexicon/lexicon-vocabulary.js";
import { QuestionReader, type QuestionVocabulary } from "../understanding/question-reader.js";
import { ReportVocabulary } from "../understanding/typo-correction.js";
import type { Chunk } from "../chunking/chunk.js";
import { EmbedderMismatchError, IndexCorruptError } from "../errors.js";
import type { IndexManifest } from "../index/manifest.js";
import type { QuestionLexicon } from "../lexicon/question-lexicon.js";
import type { Embedder } from "../ports/embedder.js";
import type { WordSegmenter } from "../ports/word-segmenter.js";
import type { VectorIndex } from "../ports/vector-index.js";
import { Bm25Index } from "../retrieval/bm25-index.js";
import { ChunkVectorStore, documentFromChunk } from "../retrieval/chunk-vector-store.js";
import type { FusionSettings } from "../retrieval/fusion.js";
import { HybridRetriever } from "../retrieval/hybrid-retriever.js";
import { indexedText } from "../retrieval/indexed-text.js";
import type { RetrieverMode } from "../retrieval/retrieved-passage.js";
import { normalizeText } from "../text/normalize.js";
import { reportTerms } from "../text/report-terms.js";
import { tokenize } from "../text/tokenize.js";
import type { QuestionRewriter } from "../understanding/rewrite/model-question-rewriter.js";
import type { QaEngine } from "./qa-engine.js";
import { corpusDocuments, type CorpusDocument } from "./corpus-documents.js";

export interface EngineParts {
  readonly manifest: IndexManifest;
  readonly chunks: readonly Chunk[];
  readonly embedder: Embedder;
  /** Holds the chunks' vectors in chunk order (exact search or HNSW). */
  readonly vectorIndex: VectorIndex;
  /** BM25 postings read from the index; built from the chunks when absent. */
  readonly lexicalIndex?: Bm25Index;
  /** Stored term postings (TermStatistics.serialize) for these chunks; built when absent. */
  readonly termPostings?: Uint8Array;
  readonly retrieverMode?: RetrieverMode;
  readonly fusion?: FusionSettings;
  readonly answererSettings?: AnswererSettingsOverrides;
  /** Builds the answerer from what the engine knows; the extractive answerer when absent. */
  readonly answerer?: (context: AnswererContext) => Runnable<AnswerInput, AnswerDraft>;
  /** A model that rewrites each question for retrieval (a model is configured); none when absent. */
  readonly rewriter?: QuestionRewriter;
  /** Everyday, dialect and English wording → the report's terms, and the place gazetteer; the built-in map when absent. */
  readonly vocabulary?: QuestionVocabulary;
  /** Cuts questions and the report into words (jieba in Node and Workers); Intl.Segmenter when absent. */
  readonly segmenter?: WordSegmenter;
  /** The question lexicon stored in the index (src/core/lexicon/): everyday, dialect and English wording, the gazetteer, the reports' own terms. */
  readonly lexicon: QuestionLexicon;
  readonly now?: () => number;
}

/** What an answerer may use besides the passages it is given. */
export interface AnswererContext {
  readonly embedder: Embedder;
  readonly statistics: TermStatistics;
  readonly subjectPlaces: readonly string[];
  readonly parentPlaces: readonly string[];
  /** The corpus's documents with their own subjects (the answer checks run per document) and titles (a prompt names them). */
  readonly documents: readonly CorpusDocument[];
  readonly placesIn: (normalized: string) => string[];
  readonly settings?: AnswererSettingsOverrides;
  /** A new extractive answerer on this engine: the fallback of an answerer that may fail (a model). */
  readonly extractive: () => Runnable<AnswerInput, AnswerDraft>;
  /** What the grounding checker reads: the gate on generated answers. */
  readonly verifier: VerifierEngine;
}

/**
 * Wires a loaded index into an engine. Refuses an embedder other than the one that
 * built the index: its vectors would live in another space and every search would
 * silently return noise.
 */
export function createEngine(parts: EngineParts): QaEngine {
  const { manifest, chunks, embedder, vectorIndex } = parts;
  if (embedder.id !== manifest.embedder.id) {
    throw new EmbedderMismatchError(
      `The index was built with embedder "${manifest.embedder.id}" but "${embedder.id}" was configured. ` +
        `Rebuild it with: npm run ingest -- --embedder ${embedder.id.startsWith("transformers:") ? embedder.id : "hashing"}`,
    );
  }
  if (vectorIndex.dimensions !== manifest.embedder.dimensions) {
    throw new EmbedderMismatchError(`The index holds ${vectorIndex.dimensions}-dimensional vectors; the manifest says ${manifest.embedder.dimensions}.`);
  }
  const vectorStore = new ChunkVectorStore(embedder, vectorIndex);
  vectorStore.attachDocuments(chunks.map((chunk, position) => documentFromChunk(chunk, position)));
  const texts = chunks.map(indexedText);
  const lexicalIndex = parts.lexicalIndex ?? Bm25Index.fromTexts(texts, (text) => tokenize(normalizeText(text)));
  const retriever = new HybridRetriever({
    chunks,
    embedder,
    vectorStore,
    lexicalIndex,
    ...(parts.retrieverMode ? { mode: parts.retrieverMode } : {}),
    ...(parts.fusion ? { fusion: parts.fusion } : {}),
  });
  const titles = [...new Set(chunks.map((chunk) => chunk.title))];
  const vocabulary = parts.vocabulary ?? lexiconVocabulary(parts.lexicon);
  const statistics = parts.termPostings ? termStatisticsFromStored(texts, parts.termPostings) : new TermStatistics(texts);
  // The place a report is about is its sidecar's subject (江津区, parent 重庆市); the titles name
  // both, so reading places off them would make the parent city a subject too.
  const subjects = parts.lexicon.reports.flatMap((report) => (report.subject ? [report.subject] : []));
  const subjectPlaces =
    subjects.length > 0 ? [...new Set(subjects.flatMap((subject) => [subject.place, ...subject.forms]))] : vocabulary.placesIn(normalizeText(titles.join(" ")));
  const documents = corpusDocuments(manifest, chunks, parts.lexicon, vocabulary);
  const base = {
    embedder,
    statistics,
    subjectPlaces,
    parentPlaces: vocabulary.parentsOf?.(subjectPlaces) ?? [],
    documents,
    placesIn: (normalized: string) => vocabulary.placesIn(normalized),
    ...(parts.answererSettings ? { settings: parts.answererSettings } : {}),
  };
  // The report's coinages (专精特新, 水公铁) are in no dictionary: taught before anything is cut.
  const terms = reportTerms(chunks);
  // The towns the report names stay whole too ("那双福呢" is not 那双 + 福). Its subject is
  // left as jieba cuts it: 江津区 as one rare word would outweigh the question's topic.
  const localPlaces = subjects.flatMap((subject) => [...subject.localPlaces, ...subject.neighbours]);
  parts.segmenter?.addWords([...terms, ...localPlaces]);
  const reader = new QuestionReader({
    statistics,
    vocabulary,
    reportWords: reportVocabulary([...parts.lexicon.corpusWords, ...terms], statistics),
    ...(parts.segmenter ? { segmenter: parts.segmenter } : {}),
  });
  const context: AnswererContext = {
    ...base,
    extractive: () => new ExtractiveAnswerer(base),
    verifier: { chunks, retriever, lexicon: parts.lexicon, reader, ...(parts.segmenter ? { segmenter: parts.segmenter } : {}) },
  };
  const extractive = new ExtractiveAnswerer(base);
  const answerer = parts.answerer ? parts.answerer(context) : extractive;
  return {
    manifest,
    chunks,
    documents,
    embedder,
    retriever,
    reader,
    answerer,
    extractive,
    ...(parts.rewriter ? { rewriter: parts.rewriter } : {}),
    ...(parts.segmenter ? { segmenter: parts.segmenter } : {}),
    lexicon: parts.lexicon,
    now: parts.now ?? (() => performance.now()),
  };
}

/**
 * The report's words with how many chunks use each, for typo correction: the dictionary
 * words the lexicon found in the corpus (at ingest, so nothing is segmented at start-up)
 * and the report's own coinages.
 */
function reportVocabulary(words: readonly string[], statistics: TermStatistics): ReportVocabulary {
  return new ReportVocabulary(new Map(words.map((word) => [word, statistics.documentFrequency(word)])));
}

function termStatisticsFromStored(texts: readonly string[], stored: Uint8Array): TermStatistics {
  try {
    return new TermStatistics(texts, stored);
  } catch {
    throw new IndexCorruptError("The index's term postings file cannot be read. Rebuild the index with: npm run ingest");
  }
}
