import { z } from "zod";
import { IndexCorruptError, QaError } from "../errors.js";
import { firstIssue } from "../schemas/first-issue.js";
import { indexStorageSchema } from "./index-storage.js";

/** 2: the question lexicon is stored in the index (files.lexicon). */
export const INDEX_FORMAT_VERSION = 2;

const fileEntrySchema = z.object({
  /** File name inside index/, content-addressed so a half-finished rebuild never overwrites a live file. */
  path: z.string().regex(/^[\w.-]+$/u, "index file names are plain names inside index/"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u),
  bytes: z.number().int().nonnegative(),
});
export type IndexFileEntry = z.infer<typeof fileEntrySchema>;

/**
 * One document of the corpus. Its metadata (from `<name>.meta.json` and the subject of
 * `<name>.lexicon.json`) is optional: manifests built before a corpus could hold several
 * documents lack it and still load, so format 2 stays readable.
 */
export const corpusDocumentSchema = z.object({
  source: z.string(),
  title: z.string(),
  sha256: z.string(),
  characters: z.number().int().nonnegative(),
  /** A short name for source lists ("江津区第十五次党代会报告解读"); the title when absent. */
  shortTitle: z.string().optional(),
  /** Who wrote or issued it. */
  author: z.string().optional(),
  /** Publication date as the meta file gives it (2021-12-29). */
  published: z.string().optional(),
  /** BCP 47 tag (zh-Hans). */
  language: z.string().optional(),
  /** The place the document is about (江津区), from its lexicon sidecar. */
  subject: z.string().optional(),
  /** The subject and the division above it in English, for English refusals ("Jiangjin District", "Chongqing"), from the meta file. */
  subjectInEnglish: z.string().optional(),
  parentInEnglish: z.string().optional(),
});
export type CorpusDocumentEntry = z.infer<typeof corpusDocumentSchema>;

/** index/manifest.json: what was built, from what, by what, and the checksum of every file. */
export const indexManifestSchema = z.object({
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  chunker: z.object({ version: z.string(), maxCharacters: z.number().int().positive(), overlapSentences: z.number().int().nonnegative() }),
  corpus: z.object({ sha256: z.string(), documents: z.array(corpusDocumentSchema) }),
  vectorIndex: z.object({
    space: z.literal("cosine"),
    m: z.number().int().positive(),
    efConstruction: z.number().int().positive(),
    efSearch: z.number().int().positive(),
    seed: z.number().int(),
  }),
  chunkCount: z.number().int().nonnegative(),
  files: z.object({
    chunks: fileEntrySchema,
    vectors: fileEntrySchema,
    hnsw: fileEntrySchema.optional(),
    embedderState: fileEntrySchema.optional(),
    /** BM25 postings (Bm25Index.serialize); without it (older builds) they are rebuilt at load. */
    bm25: fileEntrySchema.optional(),
    /** The answerer's term postings (TermStatistics.serialize); without it they are rebuilt at load. */
    termPostings: fileEntrySchema.optional(),
    /** The question lexicon (src/core/lexicon/question-lexicon.ts): general vocabulary, report sidecars, gazetteer, English. */
    lexicon: fileEntrySchema,
  }),
  /** SHA-256 over the files' checksums: one value that names this exact index. */
  indexHash: z.string(),
  /** Where the parts are kept (index-storage.ts); absent: files in index/, as every index/ manifest. */
  storage: indexStorageSchema.optional(),
});
export type IndexManifest = z.infer<typeof indexManifestSchema>;
export type IndexFileRole = keyof IndexManifest["files"];

export const CHUNKER_VERSION = "outline-v1";

/**
 * index/manifest.json (parsed JSON) as a manifest of this format, or an error that says
 * what to run: an index of another format version is named as such (it was built by an
 * older or newer version), anything else that does not fit is corrupt.
 */
export function parseIndexManifest(json: unknown, where: string): IndexManifest {
  const version = typeof json === "object" && json !== null ? (json as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version === "number" && version !== INDEX_FORMAT_VERSION) {
    throw new QaError("index_mismatch", `${where} is index format ${version}; this version reads format ${INDEX_FORMAT_VERSION}. Rebuild it with: npm run ingest`);
  }
  const result = indexManifestSchema.safeParse(json);
  if (!result.success) {
    throw new IndexCorruptError(`${where} is not a valid index manifest (${firstIssue(result.error).slice(0, 200)}). Rebuild it with: npm run ingest`);
  }
  return result.data;
}
