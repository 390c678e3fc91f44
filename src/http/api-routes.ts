import type { Hono } from "hono";
import { z } from "zod";
import { QaError } from "../core/errors.js";
import { firstIssue, readJsonObject } from "./request-body.js";
import { AnswerCache, DEFAULT_ANSWER_CACHE_ENTRIES } from "../core/pipeline/answer-cache.js";
import { search } from "../core/pipeline/ask.js";
import type { EngineSource } from "../core/pipeline/engine-holder.js";
import { askRequestSchema, documentsFilterSchema, MAX_TOP_K, questionSchema, topKSchema } from "../core/schemas/ask-request.js";
import { feedbackRequestSchema } from "../core/schemas/feedback.js";
import type { AppOptions, ServiceInfo } from "./app-options.js";
import { storeFeedback } from "./feedback-storage.js";
import { healthChecks, isDegraded } from "./health-checks.js";
import type { InFlightBound } from "./limits.js";
import type { FeedbackStored, HealthResponse, MetaResponse, SearchResponse } from "./response-schemas.js";

/**
 * GET /api/search's query parameters, each parsed with its own entry (a query string holds
 * text: `k` is read as a number first). The OpenAPI description lists the same entries.
 */
export const searchQuerySchema = z.object({ q: questionSchema, k: topKSchema.default(5), documents: z.string().optional() });

/** `documents=a,b`: the comma-separated ids or sources of GET /api/search, parsed as POST /api/ask's `documents`. */
function documentsQuery(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const parsed = documentsFilterSchema.safeParse(raw.split(","));
  if (!parsed.success) throw new QaError("invalid_parameter", `documents: ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/**
 * POST /api/ask, GET /api/search, GET /api/health, GET /api/meta, POST /api/feedback. Each
 * request reads the served engine once (`currentEngine`), so a reindex shows on the next one.
 */
export function registerApiRoutes(app: Hono, currentEngine: EngineSource, info: ServiceInfo, options: AppOptions, bound?: InFlightBound): void {
  const answerCache = new AnswerCache(options.answerCacheEntries ?? DEFAULT_ANSWER_CACHE_ENTRIES, options.scheduleAnswer);
  app.post("/api/ask", async (context) => {
    const body = await readJsonObject(context, `{"question": "到2026年地区生产总值目标是多少?"}`);
    const parsed = askRequestSchema.safeParse(body);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "");
      throw new QaError(field === "question" ? "invalid_question" : "invalid_parameter", firstIssue(parsed.error));
    }
    const { json, hit } = await answerCache.answer(currentEngine(), parsed.data, context.get("deadline"));
    return context.body(json, 200, { "Content-Type": "application/json", "X-Answer-Cache": hit ? "hit" : "miss" });
  });

  app.get("/api/search", async (context) => {
    const query = searchQuerySchema.shape.q.safeParse(context.req.query("q") ?? "");
    if (!query.success) throw new QaError("invalid_question", `q: ${firstIssue(query.error)}`);
    const rawK = context.req.query("k");
    const k = searchQuerySchema.shape.k.safeParse(rawK === undefined ? undefined : /^\d+$/u.test(rawK) ? Number(rawK) : Number.NaN);
    if (!k.success) throw new QaError("invalid_parameter", `k must be a whole number from 1 to ${MAX_TOP_K}.`);
    const documents = documentsQuery(context.req.query("documents"));
    return context.json({ query: query.data, passages: await search(currentEngine(), query.data, k.data, documents) } satisfies SearchResponse);
  });

  app.get("/api/health", async (context) => {
    const engine = currentEngine();
    const checks = healthChecks(options);
    // The database serving the index (DATABASE_URL): a probe bounded in time and reused for a few seconds.
    if (info.database) checks.database = await info.database();
    // A damaged index file the served search does not read (the HNSW graph behind exact search).
    if (info.indexFiles !== undefined) checks.indexFiles = info.indexFiles;
    // Every slot of MAX_IN_FLIGHT taken: new API requests get 503 overloaded until one frees.
    const inFlight = bound?.inFlight() ?? 0;
    if (bound) checks.inFlight = inFlight >= bound.maxInFlight ? "saturated" : "ok";
    return context.json({
      // Degraded (something the API needs is failing) outranks stale (the corpus changed since ingest).
      status: isDegraded(checks) ? "degraded" : info.corpusMatches === false ? "stale" : "ok",
      checks,
      chunks: engine.chunks.length,
      embedder: engine.embedder.id,
      // Which word segmenter this runtime loaded (jieba-wasm in Node and Workers), null when none was given.
      segmenter: engine.segmenter?.id ?? null,
      retriever: engine.retriever.description,
      vectorIndex: info.vectorIndex,
      storage: info.storage ?? "files",
      indexHash: engine.manifest.indexHash,
      corpusHash: engine.manifest.corpus.sha256,
      corpusMatchesIndex: info.corpusMatches ?? null,
      builtAt: info.builtAt ?? null,
      inFlight,
      maxInFlight: bound?.maxInFlight ?? null,
    } satisfies HealthResponse);
  });

  app.get("/api/meta", async (context) => {
    const engine = currentEngine();
    return context.json({
      title: options.about?.title ?? engine.chunks[0]?.title ?? "",
      author: options.about?.author ?? null,
      published: options.about?.published ?? null,
      chunkCount: engine.chunks.length,
      documents: engine.documents.map((document) => ({
        id: document.id,
        source: document.source,
        title: document.title,
        shortTitle: document.shortTitle,
        author: document.author ?? null,
        published: document.published ?? null,
        place: document.place ?? null,
      })),
      starters: options.starters ? (await options.starters()).map((starter) => ({ question: starter.question, section: [...starter.section] })) : [],
    } satisfies MetaResponse);
  });

  app.post("/api/feedback", async (context) => {
    if (!options.feedbackStore) throw new QaError("feature_unavailable", "This deployment does not store feedback.");
    const body = await readJsonObject(context, `{"question": "…", "answer": "…", "rating": "up"}`);
    const parsed = feedbackRequestSchema.safeParse(body);
    if (!parsed.success) throw new QaError("invalid_parameter", firstIssue(parsed.error));
    await storeFeedback(context, options.feedbackStore, { ...parsed.data, receivedAt: new Date().toISOString() }, options.logger);
    return context.json({ ok: true } satisfies FeedbackStored, 201);
  });
}
