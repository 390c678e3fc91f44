import { describe, expect, it } from "vitest";
import { isQaError } from "../../src/core/errors.js";
import type { FeedbackStore, FeedbackStoreStatus } from "../../src/core/ports/feedback-store.js";
import { FEEDBACK_LIMITS, type FeedbackRecord } from "../../src/core/schemas/feedback.js";
import { numberedRecord, readFeedback } from "../support/feedback.js";

/** A store that can be read back and asked for its status: what the export and health need. */
export type ReadableFeedbackStore = FeedbackStore & Required<Pick<FeedbackStore, "read" | "status">>;

export interface FeedbackStoreUnderTest {
  readonly store: ReadableFeedbackStore;
  /** Adds, after what is stored, one entry that is not a record (a torn write, a hand edit), behind the store's back. */
  spoil(): Promise<void>;
}

export interface FeedbackStoreContractOptions {
  /** Per-test time limit (a database over a socket is slower than a file). */
  readonly timeoutMs?: number;
}

/** Every field filled, at the request schema's limits, with text JSON allows but many stores do not. */
const fullRecord: FeedbackRecord = {
  question: "森林覆盖率是多少？😀",
  answer: `森林覆盖率达到55%${"。".repeat(FEEDBACK_LIMITS.answer - 11)}`,
  rating: "down",
  // U+0000 and a lone surrogate: valid in a JSON string, refused by some column types.
  comment: "引用不对\u0000，第二段\ud800。",
  engine: { embedder: "transformers:Xenova/bge-small-zh-v1.5", retriever: "hybrid", answerer: "extractive", indexHash: "ab".repeat(32) },
  citations: Array.from({ length: FEEDBACK_LIMITS.citations }, (_, index) => ({ marker: index + 1, chunkId: `jiangjin-report:c32a26c5:${index}`, quoteStart: index * 10, quoteEnd: index * 10 + 9 })),
  receivedAt: "2026-11-28T08:00:00.123+08:00",
};

/** Stored before FEEDBACK_LIMITS existed: longer engine fields than a post may send now, still exported. */
const olderRecord: FeedbackRecord = {
  question: "旧",
  answer: "答",
  rating: "up",
  engine: { embedder: "e".repeat(FEEDBACK_LIMITS.engineField + 50), retriever: "r", answerer: "a", indexHash: "h" },
  receivedAt: "2025-01-01T00:00:00Z",
};

async function settled(promise: Promise<unknown>): Promise<{ error?: unknown }> {
  try {
    await promise;
    return {};
  } catch (error) {
    return { error };
  }
}

/**
 * What every FeedbackStore that can be read back must do for POST /api/feedback, the admin
 * export and /api/health to be right: records come back whole, exactly and in arrival order;
 * concurrent appends all land, once; each read is afresh and lazy (stopping early holds
 * nothing); an entry that is not a record reads as null; and status answers at once.
 * `create` gives a fresh, empty store each time.
 */
export function testFeedbackStore(name: string, create: () => Promise<FeedbackStoreUnderTest>, options: FeedbackStoreContractOptions = {}): void {
  const timeout = options.timeoutMs ?? 5_000;
  describe(`${name} (feedback store contract)`, () => {
    it("starts empty, and its status is ok", async () => {
      const { store } = await create();
      expect(await readFeedback(store)).toEqual({ records: [], skipped: 0 });
      expect(store.status()).toBe("ok");
    }, timeout);

    it("reads back what was appended, in order, each record exactly (every field, limits, U+0000, a lone surrogate, older longer fields)", async () => {
      const { store } = await create();
      const appended = [numberedRecord(1), fullRecord, olderRecord, numberedRecord(2, { comment: "" })];
      for (const record of appended) await store.append(record);
      const { records, skipped } = await readFeedback(store);
      expect(skipped).toBe(0);
      expect(records).toStrictEqual(appended);
      expect(records[1]!.comment).toBe("引用不对\u0000，第二段\ud800。");
      expect(store.status()).toBe("ok");
    }, timeout);

    it("keeps arrival order over many records (more than any store's read batch)", async () => {
      const { store } = await create();
      const appended = Array.from({ length: 40 }, (_, index) => numberedRecord(index));
      for (const record of appended) await store.append(record);
      expect((await readFeedback(store)).records.map((record) => record.question)).toEqual(appended.map((record) => record.question));
    }, timeout);

    it("stores every one of many concurrent appends, each exactly once", async () => {
      const { store } = await create();
      const appended = Array.from({ length: 30 }, (_, index) => numberedRecord(index));
      await Promise.all(appended.map((record) => store.append(record)));
      const { records, skipped } = await readFeedback(store);
      expect(skipped).toBe(0);
      expect(records.map((record) => record.question).sort()).toEqual(appended.map((record) => record.question).sort());
      expect(store.status()).toBe("ok");
    }, timeout);

    it("reads afresh each time: a read holds what was stored when it began, the next one also what came since", async () => {
      const { store } = await create();
      await store.append(numberedRecord(1));
      await store.append(numberedRecord(2));
      const reading = store.read()[Symbol.asyncIterator]();
      expect((await reading.next()).value).toStrictEqual(numberedRecord(1));
      await store.append(numberedRecord(3));
      const rest: Array<FeedbackRecord | null> = [];
      for (let next = await reading.next(); !next.done; next = await reading.next()) rest.push(next.value);
      expect(rest).toStrictEqual([numberedRecord(2)]);
      expect((await readFeedback(store)).records).toStrictEqual([numberedRecord(1), numberedRecord(2), numberedRecord(3)]);
    }, timeout);

    it("lets a reader stop early without holding anything: many abandoned reads, then appends and reads as before", async () => {
      const { store } = await create();
      await store.append(numberedRecord(1));
      await store.append(numberedRecord(2));
      for (let attempt = 0; attempt < 20; attempt += 1) {
        for await (const line of store.read()) {
          expect(line).toStrictEqual(numberedRecord(1));
          break;
        }
      }
      await store.append(numberedRecord(3));
      expect((await readFeedback(store)).records).toHaveLength(3);
    }, timeout);

    it("reads an entry that is not a record as null, in its place, and goes on storing and reading", async () => {
      const { store, spoil } = await create();
      await store.append(numberedRecord(1));
      await spoil();
      await store.append(numberedRecord(2));
      const lines: Array<FeedbackRecord | null> = [];
      for await (const line of store.read()) lines.push(line);
      expect(lines).toStrictEqual([numberedRecord(1), null, numberedRecord(2)]);
    }, timeout);

    it("never reads back as a record something that is not one: it refuses it (invalid_parameter) or reads it as null", async () => {
      const { store } = await create();
      const notARecord = { question: "", answer: 7, rating: "sideways", receivedAt: "yesterday" } as unknown as FeedbackRecord;
      const outcome = await settled(store.append(notARecord));
      const { records, skipped } = await readFeedback(store);
      expect(records).toEqual([]);
      if (outcome.error === undefined) expect(skipped).toBe(1);
      else {
        expect(isQaError(outcome.error) && outcome.error.code).toBe("invalid_parameter");
        expect(skipped).toBe(0);
      }
      // Refusing one record is not a storage failure.
      expect(store.status()).toBe<FeedbackStoreStatus>("ok");
      await store.append(numberedRecord(1));
      expect((await readFeedback(store)).records).toStrictEqual([numberedRecord(1)]);
    }, timeout);
  });
}
