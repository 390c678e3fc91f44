import type { FeedbackStore } from "../../src/core/ports/feedback-store.js";
import type { FeedbackRecord } from "../../src/core/schemas/feedback.js";

/** Everything a store reads back, as the JSON export reports it. */
export async function readFeedback(store: FeedbackStore): Promise<{ records: FeedbackRecord[]; skipped: number }> {
  if (!store.read) throw new Error("this store cannot be read back");
  const records: FeedbackRecord[] = [];
  let skipped = 0;
  for await (const line of store.read()) {
    if (line === null) skipped += 1;
    else records.push(line);
  }
  return { records, skipped };
}

/** A record whose question says which it was, received `index` seconds after 2026-01-01. */
export function numberedRecord(index: number, extra: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return { question: `问题${index}`, answer: "答", rating: index % 2 === 0 ? "up" : "down", receivedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(), ...extra };
}
