import type { FeedbackRecord } from "../schemas/feedback.js";

/** Every stored record that could be read, and how many stored lines could not. */
export interface FeedbackExport {
  readonly records: readonly FeedbackRecord[];
  /** Lines that were not a valid feedback record (torn writes, hand edits); skipped, not fatal. */
  readonly skipped: number;
}

/** Where thumbs up/down go: a JSONL file in Node; platforms without storage have none. */
export interface FeedbackStore {
  append(record: FeedbackRecord): Promise<void>;
  /** All records in the order they arrived; stores that cannot be read back leave it out. */
  read?(): Promise<FeedbackExport>;
}
