import { stat } from "node:fs/promises";
import type { FeedbackStore } from "../../core/ports/feedback-store.js";
import { describeDatabase, parseDatabaseUrl } from "../postgres/database-url.js";
import type { Configuration } from "./configuration.js";
import { currentFile } from "./feedback-files.js";
import { createFileFeedbackStore } from "./file-feedback-store.js";

export type FeedbackStoreSettings = Pick<Configuration, "feedbackStore" | "databaseUrl" | "dataDirectory" | "feedbackMaxBytes" | "feedbackKeepFiles">;

/** The store feedback posts go to, its read-back for the export, and its status for /api/health. */
export type ServedFeedbackStore = FeedbackStore & Required<Pick<FeedbackStore, "read" | "status">>;

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The feedback store FEEDBACK_STORE names: JSONL files in DATA_DIR, or the feedback table of
 * DATABASE_URL (every server on that database writes to and exports from the same table).
 * Only feedback needs it: questions are answered without it, so one that cannot be written now
 * is a warning, not a refusal to start. Posts retry it (503 meanwhile) and /api/health says
 * degraded until it can be.
 */
export async function openFeedbackStore(settings: FeedbackStoreSettings, warn: (message: string) => void): Promise<ServedFeedbackStore> {
  if (settings.feedbackStore === "database" && settings.databaseUrl !== undefined) {
    const url = settings.databaseUrl;
    // Loaded only here: a server without DATABASE_URL never loads the Postgres client.
    const [{ createPostgresFeedbackStore }, { sharedPgvectorStore }] = await Promise.all([import("../postgres/postgres-feedback-store.js"), import("../postgres/open-pgvector-index.js")]);
    const store = createPostgresFeedbackStore(() => sharedPgvectorStore(url));
    const checked = await store.check();
    if (checked.status !== "ok") {
      warn(`feedback cannot be stored in the database at ${describeDatabase(parseDatabaseUrl(url))} (${reasonOf(checked.error)}); feedback answers 503 until it can be, questions are answered as usual`);
    }
    // Feedback stored before the switch stays on disk, out of the database's export: said once, not lost in silence.
    const earlier = await stat(currentFile(settings.dataDirectory)).catch(() => undefined);
    if (earlier?.isFile()) {
      warn(`${currentFile(settings.dataDirectory)} holds feedback stored before it went to the database; the export no longer includes it (FEEDBACK_STORE=files exports it again)`);
    }
    return store;
  }
  const store = createFileFeedbackStore(settings.dataDirectory, { maxBytes: settings.feedbackMaxBytes, keepFiles: settings.feedbackKeepFiles });
  const checked = await store.check();
  if (checked.status !== "ok") {
    warn(`DATA_DIR ${settings.dataDirectory} cannot be written (${checked.status === "full" ? "disk full" : "unwritable"}: ${reasonOf(checked.error)}); feedback answers 503 until it can be, questions are answered as usual`);
  }
  return store;
}
