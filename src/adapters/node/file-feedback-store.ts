import * as path from "node:path";
import type { FeedbackStore, FeedbackStoreStatus } from "../../core/ports/feedback-store.js";
import { feedbackRecordSchema, type FeedbackRecord } from "../../core/schemas/feedback.js";
import { appendWhole } from "./append-whole.js";
import { currentFile, filesOldestFirst, nodeFileSystem, openIfExists, rotateFeedbackFiles, type FeedbackFileHandle, type FeedbackFileSystem } from "./feedback-files.js";
import { readLines } from "./line-reader.js";
import { storageError, storageStatusOf } from "./storage-error.js";
import { storeStatus, type StoreCheck } from "../feedback-store-status.js";

export const DEFAULT_FEEDBACK_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_FEEDBACK_KEEP_FILES = 5;
/** No valid record comes near this (the request schema bounds one to a few tens of KB): longer lines are corrupt. */
const MAX_LINE_BYTES = 1024 * 1024;
const PROBE_FILE = ".write-check";

export interface FileFeedbackStoreOptions {
  /** Size at which feedback.jsonl is rotated (a record is never split across files). */
  readonly maxBytes?: number;
  /** Rotated files kept (feedback.jsonl.1 … .N) besides feedback.jsonl; 0 drops a full file. */
  readonly keepFiles?: number;
  readonly fileSystem?: FeedbackFileSystem;
  readonly now?: () => number;
}

/** The outcome of writing to the data directory: a status, and for the operator the error behind it. */
export type DataDirectoryCheck = StoreCheck;

export interface FileFeedbackStore extends FeedbackStore {
  read(): AsyncIterable<FeedbackRecord | null>;
  status(): FeedbackStoreStatus;
  /** Creates the data directory if needed and writes (then removes) a probe file there. */
  check(): Promise<DataDirectoryCheck>;
}

/**
 * Feedback as JSON Lines in `<dataDirectory>/feedback.jsonl`, rotated to feedback.jsonl.1 …
 * .<keepFiles> once it would pass `maxBytes`. Appends are serialised in this process, so a
 * rotation, a repair or a rollback never races another append; one process per DATA_DIR.
 * The directory is created on every append (cheap, and a failure is not remembered: once an
 * operator fixes it, the next post succeeds).
 */
export function createFileFeedbackStore(dataDirectory: string, options: FileFeedbackStoreOptions = {}): FileFeedbackStore {
  const fileSystem = options.fileSystem ?? nodeFileSystem;
  const maxBytes = options.maxBytes ?? DEFAULT_FEEDBACK_MAX_BYTES;
  const keepFiles = options.keepFiles ?? DEFAULT_FEEDBACK_KEEP_FILES;
  const now = options.now ?? (() => performance.now());
  const tracked = storeStatus<DataDirectoryCheck>(() => probe(), now);
  const remember = tracked.remember;

  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function appendLine(line: Buffer): Promise<void> {
    await fileSystem.mkdir(dataDirectory, { recursive: true });
    let handle = await fileSystem.open(currentFile(dataDirectory), "a+");
    try {
      const size = (await handle.stat()).size;
      if (size > 0 && size + line.length > maxBytes) {
        await handle.close();
        await rotateFeedbackFiles(fileSystem, dataDirectory, keepFiles);
        handle = await fileSystem.open(currentFile(dataDirectory), "a+");
      }
      await appendWhole(handle, line);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  async function probe(): Promise<DataDirectoryCheck> {
    const file = path.join(dataDirectory, PROBE_FILE);
    try {
      await fileSystem.mkdir(dataDirectory, { recursive: true });
      const handle = await fileSystem.open(file, "w");
      try {
        // One real byte: a directory that takes new files but no data (disk full) fails here.
        await handle.write(Buffer.from("\n"), 0, 1);
      } finally {
        await handle.close().catch(() => undefined);
        await fileSystem.unlink(file).catch(() => undefined);
      }
      remember("ok");
      return { status: "ok" };
    } catch (error) {
      const status = storageStatusOf(error);
      remember(status);
      return { status, error };
    }
  }

  const check = tracked.check;

  return {
    check,

    append(record: FeedbackRecord): Promise<void> {
      const line = Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
      return serially(async () => {
        try {
          await appendLine(line);
          remember("ok");
        } catch (error) {
          remember(storageStatusOf(error));
          throw storageError(error);
        }
      });
    },

    async *read(): AsyncGenerator<FeedbackRecord | null> {
      // Opened (and measured) between appends, before reading any: a rotation while the export
      // streams renames files, but open handles keep reading what was there, each to the length
      // it had, so nothing is read twice or half.
      const files = await serially(async () => {
        const opened: Array<{ handle: FeedbackFileHandle; size: number }> = [];
        try {
          for (const file of filesOldestFirst(dataDirectory, keepFiles)) {
            const handle = await openIfExists(fileSystem, file);
            if (handle) opened.push({ handle, size: (await handle.stat()).size });
          }
        } catch (error) {
          await Promise.all(opened.map(({ handle }) => handle.close().catch(() => undefined)));
          throw error;
        }
        return opened;
      });
      try {
        for (const { handle, size } of files) {
          for await (const line of readLines(handle, size, MAX_LINE_BYTES)) {
            if (line === undefined) yield null;
            else if (line.trim() !== "") yield parseFeedbackLine(line);
          }
        }
      } finally {
        // Also when the reader stops early (a client that hangs up mid-export).
        await Promise.all(files.map(({ handle }) => handle.close().catch(() => undefined)));
      }
    },

    // From memory (health must not wait on the disk); a stale answer has the directory checked again.
    status: tracked.status,
  };
}

/** A stored line as a record, or null when it is not one (not JSON, or not a valid record). */
export function parseFeedbackLine(line: string): FeedbackRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = feedbackRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
