import { z } from "zod";
import { passageSchema } from "../core/schemas/ask-response.js";
import { feedbackRecordSchema } from "../core/schemas/feedback.js";

// Response bodies of the routes that had no schema: the handlers build them typed with these
// (z.infer), and the OpenAPI description (openapi/) is generated from them.

/** GET /api/health `checks`: one entry per dependency beyond the engine; any value but "ok" makes the status "degraded". */
export const healthChecksSchema = z.object({
  dataDir: z.enum(["ok", "full", "unwritable"]).optional().describe("Whether feedback can be stored (as of the last write, or a probe at most 10 s old)."),
  inFlight: z.enum(["ok", "saturated"]).optional().describe("saturated: every MAX_IN_FLIGHT slot is taken; new API requests get 503 overloaded."),
  indexFiles: z.enum(["ok", "corrupt"]).optional().describe("The checksums of index files the served search does not read, checked once serving."),
  database: z.enum(["ok", "unreachable"]).optional().describe("With storage postgres: whether the database answered a probe (at most a few seconds old) within its time limit."),
});
export type HealthChecks = z.infer<typeof healthChecksSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(["ok", "stale", "degraded"]).describe("degraded: a check is not ok; stale: corpus/ changed since the index was built. Still 200."),
  checks: healthChecksSchema,
  chunks: z.number().int().nonnegative(),
  embedder: z.string(),
  segmenter: z.string().nullable().describe("The word segmenter this runtime loaded; null when none."),
  retriever: z.string(),
  vectorIndex: z.string(),
  storage: z.enum(["files", "postgres"]).describe("Where the served index is stored: index/ files, or PostgreSQL (DATABASE_URL)."),
  indexHash: z.string(),
  corpusHash: z.string(),
  corpusMatchesIndex: z.boolean().nullable(),
  builtAt: z.string().nullable(),
  inFlight: z.number().int().nonnegative(),
  maxInFlight: z.number().int().positive().nullable(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const starterQuestionSchema = z.object({ question: z.string(), section: z.array(z.string()) });

export const metaResponseSchema = z.object({
  title: z.string(),
  author: z.string().nullable(),
  published: z.string().nullable(),
  chunkCount: z.number().int().nonnegative(),
  documents: z
    .array(
      z.object({
        id: z.string().describe("What the `documents` filters of /api/ask and /api/search take (or the source)."),
        source: z.string(),
        title: z.string(),
        shortTitle: z.string(),
        author: z.string().nullable(),
        published: z.string().nullable(),
        place: z.string().nullable().describe("The place the document is about, from its lexicon sidecar."),
      }),
    )
    .describe("The corpus's documents, in index order: one for the default corpus."),
  starters: z.array(starterQuestionSchema).describe("Questions drawn from the report's outline, for a chat's first screen."),
});
export type MetaResponse = z.infer<typeof metaResponseSchema>;

export const searchResponseSchema = z.object({
  query: z.string().describe("The query as searched (trimmed)."),
  passages: z.array(passageSchema).describe("Ranked, best first."),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

/** 201 of POST /api/feedback: the record is stored whole. */
export const feedbackStoredSchema = z.object({ ok: z.literal(true) });
export type FeedbackStored = z.infer<typeof feedbackStoredSchema>;

/** GET /api/admin/feedback?format=json: every readable record, oldest first, and how many lines were not records. */
export const feedbackExportSchema = z.object({
  records: z.array(feedbackRecordSchema),
  skipped: z.number().int().nonnegative().describe("Stored lines that are not records (torn writes, hand edits), left out."),
});

/** POST /api/admin/reindex: the new index is served. */
export const reindexResponseSchema = z.object({
  ok: z.literal(true),
  indexHash: z.string(),
  previousIndexHash: z.string(),
  chunks: z.number().int().nonnegative(),
  embedder: z.string(),
  builtAt: z.string(),
  durationMs: z.number().nonnegative(),
});
export type ReindexResponse = z.infer<typeof reindexResponseSchema>;
