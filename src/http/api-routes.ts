import type { Hono } from "hono";
import { QaError } from "../core/errors.js";
import { firstIssue, readJsonObject } from "./request-body.js";
import { AnswerCache, DEFAULT_ANSWER_CACHE_ENTRIES } from "../core/pipeline/answer-cache.js";
import { search } from "../core/pipeline/ask.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { askRequestSchema, MAX_TOP_K, questionSchema, topKSchema } from "../core/schemas/ask-request.js";
import { feedbackRequestSchema } from "../core/schemas/feedback.js";
import type { AppOptions, ServiceInfo } from "./app-options.js";

/** POST /api/ask, GET /api/search, GET /api/health, GET /api/meta, POST /api/feedback. */
export function registerApiRoutes(app: Hono, engine: QaEngine, info: ServiceInfo, options: AppOptions): void {
  const answerCache = new AnswerCache(options.answerCacheEntries ?? DEFAULT_ANSWER_CACHE_ENTRIES, options.scheduleAnswer);
  app.post("/api/ask", async (context) => {
    const body = await readJsonObject(context, `{"question": "到2026年地区生产总值目标是多少?"}`);
    const parsed = askRequestSchema.safeParse(body);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "");
      throw new QaError(field === "question" ? "invalid_question" : "invalid_parameter", firstIssue(parsed.error));
    }
    const { json, hit } = await answerCache.answer(engine, parsed.data);
    return context.body(json, 200, { "Content-Type": "application/json", "X-Answer-Cache": hit ? "hit" : "miss" });
  });

  app.get("/api/search", async (context) => {
    const query = questionSchema.safeParse(context.req.query("q") ?? "");
    if (!query.success) throw new QaError("invalid_question", `q: ${firstIssue(query.error)}`);
    const rawK = context.req.query("k");
    const k = topKSchema.safeParse(rawK === undefined ? 5 : /^\d+$/u.test(rawK) ? Number(rawK) : Number.NaN);
    if (!k.success) throw new QaError("invalid_parameter", `k must be a whole number from 1 to ${MAX_TOP_K}.`);
    return context.json({ query: query.data, passages: await search(engine, query.data, k.data) });
  });

  app.get("/api/health", (context) =>
    context.json({
      status: info.corpusMatches === false ? "stale" : "ok",
      chunks: engine.chunks.length,
      embedder: engine.embedder.id,
      retriever: engine.retriever.description,
      vectorIndex: info.vectorIndex,
      indexHash: engine.manifest.indexHash,
      corpusHash: engine.manifest.corpus.sha256,
      corpusMatchesIndex: info.corpusMatches ?? null,
      builtAt: info.builtAt ?? null,
    }),
  );

  app.get("/api/meta", async (context) =>
    context.json({
      title: options.about?.title ?? engine.chunks[0]?.title ?? "",
      author: options.about?.author ?? null,
      published: options.about?.published ?? null,
      chunkCount: engine.chunks.length,
      starters: options.starters ? await options.starters() : [],
    }),
  );

  app.post("/api/feedback", async (context) => {
    if (!options.feedbackStore) throw new QaError("feature_unavailable", "This deployment does not store feedback.");
    const body = await readJsonObject(context, `{"question": "…", "answer": "…", "rating": "up"}`);
    const parsed = feedbackRequestSchema.safeParse(body);
    if (!parsed.success) throw new QaError("invalid_parameter", firstIssue(parsed.error));
    await options.feedbackStore.append({ ...parsed.data, receivedAt: new Date().toISOString() });
    return context.json({ ok: true }, 201);
  });
}
