import { feedbackRecordSchema } from "../../core/schemas/feedback.js";
import { feedbackQuerySchema } from "../admin-routes.js";
import { feedbackExportSchema, reindexResponseSchema } from "../response-schemas.js";
import { feedbackExportExample, reindexResponseExample } from "./examples.js";
import { responseSchema, type RouteDoc } from "./route-doc.js";

/** The routes of admin-routes.ts: behind ADMIN_KEY; 403 admin_disabled when the server has none. */
export const adminRouteDocs: readonly RouteDoc[] = [
  {
    method: "GET",
    path: "/api/admin/feedback",
    operationId: "exportFeedback",
    summary: "Export the stored feedback",
    description:
      "Every stored record, oldest first across the rotated files, streamed uncompressed (memory stays flat whatever the size). " +
      "`format=jsonl` is an `application/x-ndjson` download, one record per line, with the number of unreadable lines in `X-Skipped-Lines`. " +
      "A deployment that cannot read its feedback back answers 503 `feature_unavailable`.",
    tag: "Admin",
    access: "admin",
    query: {
      schema: feedbackQuerySchema,
      descriptions: {
        format: "json: one object {records, skipped}; jsonl: one record per line.",
        since: "Keep records received at or after this date or date-time (with a zone), e.g. 2026-01-31 or 2026-01-31T08:00:00Z.",
      },
      examples: { format: "json", since: "2026-01-31" },
    },
    responses: {
      200: {
        description: "The records.",
        headers: { "X-Skipped-Lines": { description: "jsonl only: stored lines that are not records, left out.", schema: { type: "string", pattern: "^\\d+$" } } },
        content: {
          "application/json": { schema: responseSchema("FeedbackExport", feedbackExportSchema), examples: { one: { summary: "One record", value: feedbackExportExample } } },
          "application/x-ndjson": { lines: responseSchema("FeedbackRecord", feedbackRecordSchema) },
        },
      },
    },
    errors: [400, 503],
  },
  {
    method: "POST",
    path: "/api/admin/reindex",
    operationId: "reindex",
    summary: "Rebuild the index from the corpus and serve it",
    description:
      "As `npm run ingest` (same lock), then the served engine is swapped without a restart; answers when the new index serves (not subject to REQUEST_TIMEOUT_MS). " +
      "409 `reindex_in_progress` while one runs; 500 `reindex_failed` when it fails (the old index is still served); 503 `feature_unavailable` where the deployment cannot rebuild (Workers).",
    tag: "Admin",
    access: "admin",
    responses: {
      200: { description: "The new index serves.", content: { "application/json": { schema: responseSchema("ReindexResponse", reindexResponseSchema), examples: { done: { summary: "Rebuilt", value: reindexResponseExample } } } } },
    },
    errors: [409, 500, 503],
  },
];
