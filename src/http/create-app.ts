import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { isQaError, QaError } from "../core/errors.js";
import { ask, search } from "../core/pipeline/ask.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { askRequestSchema, MAX_TOP_K, questionSchema, topKSchema } from "../core/schemas/ask-request.js";
import { errorBody, STATUS_BY_CODE } from "./error-response.js";

export const MAX_BODY_BYTES = 64 * 1024;

/** What the health endpoint reports beyond the engine itself (known only to the platform entry). */
export interface ServiceInfo {
  readonly builtAt?: string;
  readonly corpusMatches?: boolean;
  readonly vectorIndex: string;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const field = issue.path.map(String).join(".");
  return issue.message.startsWith(field) || !field ? issue.message : `${field}: ${issue.message}`;
}

/**
 * The HTTP API over an injected engine: POST /api/ask, GET /api/search, GET /api/health.
 * Runtime-free (Hono only), so Node and Workers serve the same app.
 */
export function createApp(engine: QaEngine, info: ServiceInfo): Hono {
  const app = new Hono();

  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (context) => context.json(errorBody("payload_too_large", `Request body must be at most ${MAX_BODY_BYTES / 1024} KiB.`), 413),
    }),
  );

  app.get("/", (context) =>
    context.json({
      name: "Jiangjin Report Q&A",
      endpoints: { ask: "POST /api/ask {question, history?, topK?}", search: "GET /api/search?q=&k=", health: "GET /api/health" },
    }),
  );

  app.post("/api/ask", async (context) => {
    let body: unknown;
    try {
      body = JSON.parse(await context.req.text());
    } catch {
      throw new QaError("bad_request", "Request body must be JSON, e.g. {\"question\": \"到2026年地区生产总值目标是多少?\"}.");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new QaError("bad_request", "Request body must be a JSON object with a question.");
    const parsed = askRequestSchema.safeParse(body);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "");
      throw new QaError(field === "question" ? "invalid_question" : "invalid_parameter", firstIssue(parsed.error));
    }
    return context.json(await ask(engine, parsed.data));
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

  app.notFound((context) => context.json(errorBody("not_found", `No route for ${context.req.method} ${new URL(context.req.url).pathname}.`), 404));

  app.onError((error, context) => {
    if (isQaError(error)) return context.json(errorBody(error.code, error.message), STATUS_BY_CODE[error.code]);
    // Unknown failures: a generic message to the client, the detail to the server log only.
    console.error(error);
    return context.json(errorBody("internal", "Internal error while answering; the server log has details."), 500);
  });

  return app;
}
