import type { FeedbackRecord } from "../schemas/feedback.js";

/** Where thumbs up/down go: a JSONL file in Node; platforms without storage have none. */
export interface FeedbackStore {
  append(record: FeedbackRecord): Promise<void>;
}
