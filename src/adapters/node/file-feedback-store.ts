import { appendFile, mkdir } from "node:fs/promises";
import * as path from "node:path";
import type { FeedbackStore } from "../../core/ports/feedback-store.js";
import type { FeedbackRecord } from "../../core/schemas/feedback.js";

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
  };
}
