import { appendFile, mkdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import type { FeedbackExport, FeedbackStore } from "../../core/ports/feedback-store.js";
import { feedbackRecordSchema, type FeedbackRecord } from "../../core/schemas/feedback.js";

/**
 * Feedback as JSON Lines in `<dataDirectory>/feedback.jsonl`. One appendFile per record:
 * a line is written whole or not at all for records of this size, and nothing earlier is
 * ever rewritten. The directory is created on first use.
 */
export function createFileFeedbackStore(dataDirectory: string): FeedbackStore {
  const file = path.join(dataDirectory, "feedback.jsonl");
  let ready: Promise<unknown> | undefined;
  return {
    async append(record: FeedbackRecord): Promise<void> {
      ready ??= mkdir(dataDirectory, { recursive: true });
      await ready;
      await appendFile(file, `${JSON.stringify(record)}\n`, "utf8");
    },
    async read(): Promise<FeedbackExport> {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        // No feedback yet: nothing to export.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return { records: [], skipped: 0 };
        throw error;
      }
      return parseFeedbackLines(text);
    },
  };
}

/** Valid records in file order; blank lines are ignored, anything else that is not a record is counted. */
export function parseFeedbackLines(text: string): FeedbackExport {
  const records: FeedbackRecord[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped += 1;
      continue;
    }
    const parsed = feedbackRecordSchema.safeParse(value);
    if (parsed.success) records.push(parsed.data);
    else skipped += 1;
  }
  return { records, skipped };
}
