import type { Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import { QaError } from "../core/errors.js";
import type { AppOptions } from "./app-options.js";
import { bearerToken, constantTimeEqual } from "./auth.js";
import { errorBody } from "./error-response.js";
import { feedbackJsonLinesStream, feedbackJsonStream } from "./feedback-export.js";
import { requestHeader } from "./request-header.js";
import type { ReindexResponse } from "./response-schemas.js";

/** What a finished reindex reports. */
export interface ReindexSummary {
  readonly indexHash: string;
  readonly previousIndexHash: string;
  readonly chunks: number;
  readonly embedder: string;
  readonly builtAt: string;
  readonly durationMs: number;
}

/**
 * Rebuilds the index and swaps the served engine. Throws QaError `reindex_failed` (the old
 * engine still serving) or `reindex_in_progress`; messages must carry no paths.
 */
export type Reindex = () => Promise<ReindexSummary>;

/** /api/admin and everything under it: never behind API_KEY, always behind ADMIN_KEY. */
export const isAdminPath = (path: string): boolean => path === "/api/admin" || path.startsWith("/api/admin/");

/** GET /api/admin/feedback's query parameters (the OpenAPI description lists the same entries). */
export const feedbackQuerySchema = z.object({
  format: z.enum(["json", "jsonl"], { error: 'format must be "json" or "jsonl".' }).default("json"),
  since: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: "since must be an ISO 8601 date or date-time with a zone, e.g. 2026-01-31 or 2026-01-31T08:00:00Z.",
    })
    .optional(),
});

/**
 * Without an admin key: 403 `admin_disabled` for every admin path, whatever is sent. With one:
 * `Authorization: Bearer <adminKey>`, compared in constant time, else 401 with WWW-Authenticate.
 * The API key is a different secret and never opens these routes.
 */
export function requireAdmin(adminKey: string | undefined): MiddlewareHandler {
  return async (context, next) => {
    if (!adminKey) {
      return context.json(errorBody("admin_disabled", "Admin operations are disabled on this server: set ADMIN_KEY to enable them."), 403);
    }
    const header = requestHeader(context, "authorization");
    const token = bearerToken(header);
    if (token !== undefined && constantTimeEqual(token, adminKey)) return next();
    const challenge = header === undefined ? 'Bearer realm="admin"' : 'Bearer realm="admin", error="invalid_token"';
    return context.json(errorBody("unauthorized", "Admin operations need the admin key: send Authorization: Bearer <ADMIN_KEY>."), 401, {
      "WWW-Authenticate": challenge,
    });
  };
}

/** A read that failed mid-export, after the status was sent: only the server log can say so. */
function logExportFailure(options: AppOptions, error: unknown): void {
  if (!options.logger) return console.error(error);
  const detail = error instanceof Error ? { error: error.name, message: error.message } : { error: String(error) };
  options.logger(JSON.stringify({ time: new Date().toISOString(), level: "error", event: "feedback_export_failed", ...detail }));
}

/** GET /api/admin/feedback and POST /api/admin/reindex, behind the admin key. */
export function registerAdminRoutes(app: Hono, options: AppOptions): void {
  const gate = requireAdmin(options.adminKey);
  app.use("/api/admin", gate);
  app.use("/api/admin/*", gate);
  app.use("/api/admin/*", (context, next) => {
    // Exports and results are for the operator only: never cached by anyone in between.
    context.header("Cache-Control", "no-store");
    return next();
  });

  app.get("/api/admin/feedback", async (context) => {
    const parsed = feedbackQuerySchema.safeParse({ format: context.req.query("format"), since: context.req.query("since") });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new QaError("invalid_parameter", issue?.message ?? "Invalid query parameter.");
    }
    const store = options.feedbackStore;
    if (!store?.read) throw new QaError("feature_unavailable", "This deployment does not store feedback, so there is none to export.");
    // Streamed as the client reads: memory stays flat whatever the files hold (see feedback-export.ts).
    // Never compressed: Node 20's CompressionStream accepts writes without backpressure, so a
    // gzip client reading slowly would have the whole export buffered; no-transform makes the
    // compress middleware (and proxies) leave it as is.
    context.header("Cache-Control", "no-store, no-transform");
    const read = store.read.bind(store);
    const exportOptions = {
      since: parsed.data.since === undefined ? undefined : Date.parse(parsed.data.since),
      onError: (error: unknown) => logExportFailure(options, error),
    };
    if (parsed.data.format === "jsonl") {
      const { body, skipped } = await feedbackJsonLinesStream(read, exportOptions);
      return context.body(body, 200, {
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Content-Disposition": 'attachment; filename="feedback.jsonl"',
        "X-Skipped-Lines": String(skipped),
      });
    }
    return context.body(await feedbackJsonStream(read, exportOptions), 200, { "Content-Type": "application/json" });
  });

  let running: Promise<ReindexSummary> | undefined;
  app.post("/api/admin/reindex", async (context) => {
    const reindex = options.reindex;
    if (!reindex) throw new QaError("feature_unavailable", "This deployment cannot rebuild its index while serving.");
    if (running) throw new QaError("reindex_in_progress", "A reindex is already running; try again when it has finished.");
    // Cleared when the work ends, not when this response does (a timeout may answer first).
    const work = reindex().finally(() => {
      running = undefined;
    });
    running = work;
    return context.json({ ok: true, ...(await work) } satisfies ReindexResponse);
  });
}
