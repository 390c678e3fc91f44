import type { FeedbackRecord } from "../schemas/feedback.js";

/** Whether the store can take a record right now, as of its last write or check. */
export type FeedbackStoreStatus = "ok" | "full" | "unwritable";

/** Where thumbs up/down go: JSONL files in Node; platforms without storage have none. */
export interface FeedbackStore {
  /** Stores the record whole or not at all; a full disk is QaError `storage_full`, any other failure `storage_unavailable`. */
  append(record: FeedbackRecord): Promise<void>;
  /**
   * Every stored line in the order it arrived, read lazily (exports stream, never load it all):
   * a record, or `null` for a line that is not one (torn write, hand edit) — exports count those
   * as skipped. Each call reads afresh. Stores that cannot be read back leave it out.
   */
  read?(): AsyncIterable<FeedbackRecord | null>;
  /** Answers at once from memory (health probes call it); stores that cannot tell leave it out. */
  status?(): FeedbackStoreStatus;
}
