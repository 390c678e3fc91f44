import type { FeedbackStore } from "../core/ports/feedback-store.js";
import type { FeedbackRecord } from "../core/schemas/feedback.js";

// Records are sent in chunks of about this many characters: few enough writes, little memory.
const CHUNK_CHARACTERS = 64 * 1024;

type Lines = AsyncIterator<FeedbackRecord | null>;

export interface ExportOptions {
  /** Keep records received at or after this time (ms since the epoch). */
  readonly since?: number | undefined;
  /** A read that failed after the response started (it can no longer become a 500). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Opens the store's lines and reads the first one now, so that a store that cannot be read
 * at all fails the request (a 500 before any byte is sent) rather than the stream.
 */
async function openLines(read: NonNullable<FeedbackStore["read"]>): Promise<{ lines: Lines; first: IteratorResult<FeedbackRecord | null> }> {
  const lines = read()[Symbol.asyncIterator]();
  return { lines, first: await lines.next() };
}

/**
 * A byte stream built as the client reads it (pull), so memory stays at one chunk whatever the
 * store holds: `render` gets each stored line (null for a skipped one) and returns text to send;
 * `end` the closing text once every line has been seen.
 */
function streamLines(
  opened: { lines: Lines; first: IteratorResult<FeedbackRecord | null> },
  render: (line: FeedbackRecord | null) => string,
  end: () => string,
  options: ExportOptions,
  start = "",
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: IteratorResult<FeedbackRecord | null> | undefined = opened.first;
  let text = start;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (text.length < CHUNK_CHARACTERS) {
          const next = pending ?? (await opened.lines.next());
          pending = undefined;
          if (next.done) {
            text += end();
            if (text !== "") controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += render(next.value);
        }
        controller.enqueue(encoder.encode(text));
        text = "";
      } catch (error) {
        // Headers are gone: the response is cut off (no closing chunk), so the client sees a
        // failed download, never a short export that looks complete.
        options.onError?.(error);
        throw error;
      }
    },
    async cancel() {
      // The client went away: close the files now, not when the iterator is collected.
      await opened.lines.return?.();
    },
  });
}

const keeps = (since: number | undefined) => (record: FeedbackRecord): boolean => since === undefined || Date.parse(record.receivedAt) >= since;

/** `{"records":[…],"skipped":N}`, streamed: the same bytes JSON.stringify would give, skipped counted on the way. */
export async function feedbackJsonStream(read: NonNullable<FeedbackStore["read"]>, options: ExportOptions): Promise<ReadableStream<Uint8Array>> {
  const kept = keeps(options.since);
  let skipped = 0;
  let separator = "";
  const render = (line: FeedbackRecord | null): string => {
    if (line === null) {
      skipped += 1;
      return "";
    }
    if (!kept(line)) return "";
    const text = separator + JSON.stringify(line);
    separator = ",";
    return text;
  };
  return streamLines(await openLines(read), render, () => `],"skipped":${skipped}}`, options, '{"records":[');
}

/**
 * JSON Lines and the number of skipped lines, for the X-Skipped-Lines header: a header goes
 * before the body, so a first pass counts them (reading, not holding, the lines), then the
 * download streams a second pass.
 */
export async function feedbackJsonLinesStream(read: NonNullable<FeedbackStore["read"]>, options: ExportOptions): Promise<{ body: ReadableStream<Uint8Array>; skipped: number }> {
  let skipped = 0;
  for await (const line of read()) if (line === null) skipped += 1;
  const kept = keeps(options.since);
  const body = streamLines(await openLines(read), (line) => (line !== null && kept(line) ? `${JSON.stringify(line)}\n` : ""), () => "", options);
  return { body, skipped };
}
