import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSseParser, type SseEvent } from "../../src/widget/sse-parser.js";

// The widget's Server-Sent Events parser: the stream arrives in chunks cut anywhere, so the
// events must come out the same however the text was split.

function parseChunks(chunks: readonly string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const push = createSseParser((event) => events.push(event));
  for (const chunk of chunks) push(chunk);
  return events;
}

/** The text cut at the given offsets (sorted, deduplicated, within the text). */
function cut(text: string, offsets: readonly number[]): string[] {
  const points = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const point of points) {
    chunks.push(text.slice(last, point));
    last = point;
  }
  chunks.push(text.slice(last));
  return chunks;
}

// What the server writes (hono's writeSSE): "event: x\ndata: …\n\n"; a JSON body with a newline
// in it would be several data lines.
const STREAM = [
  'event: sources\ndata: {"passages":[]}\n\n',
  'event: delta\ndata: {"text":"到2026年，"}\n\n',
  ": a comment line, ignored\n",
  'event: delta\ndata: {"text":"地区生产总值达1800亿元左右。"}\n\n',
  'event: done\ndata: {"answer":\ndata: "到2026年[1]。"}\n\n',
].join("");

const EXPECTED: SseEvent[] = [
  { event: "sources", data: '{"passages":[]}' },
  { event: "delta", data: '{"text":"到2026年，"}' },
  { event: "delta", data: '{"text":"地区生产总值达1800亿元左右。"}' },
  { event: "done", data: '{"answer":\n"到2026年[1]。"}' },
];

describe("the SSE parser", () => {
  it("reads events whole, joins multi-line data with \\n, and skips comments", () => {
    expect(parseChunks([STREAM])).toEqual(EXPECTED);
    expect(JSON.parse(parseChunks([STREAM])[3]!.data)).toEqual({ answer: "到2026年[1]。" });
  });

  it("gives the same events whatever the chunk boundaries, one character at a time included", () => {
    expect(parseChunks([...STREAM])).toEqual(EXPECTED);
    fc.assert(
      fc.property(fc.array(fc.nat(STREAM.length), { maxLength: 12 }), (offsets) => {
        expect(parseChunks(cut(STREAM, offsets))).toEqual(EXPECTED);
      }),
      { numRuns: 300 },
    );
  });

  it("tolerates \\r\\n and lone \\r line breaks, even when a chunk ends between \\r and \\n", () => {
    const crlf = STREAM.replace(/\n/gu, "\r\n");
    expect(parseChunks([crlf])).toEqual(EXPECTED);
    expect(parseChunks([...crlf])).toEqual(EXPECTED);
    // Every "\r|\n" split: the \n must not end a second (blank) line, which would dispatch early.
    const splitAtBreaks = crlf.split(/(?<=\r)(?=\n)/u);
    expect(splitAtBreaks.length).toBeGreaterThan(5);
    expect(parseChunks(splitAtBreaks)).toEqual(EXPECTED);
    expect(parseChunks([STREAM.replace(/\n/gu, "\r")])).toEqual(EXPECTED);
    fc.assert(
      fc.property(fc.array(fc.nat(crlf.length), { maxLength: 12 }), (offsets) => {
        expect(parseChunks(cut(crlf, offsets))).toEqual(EXPECTED);
      }),
      { numRuns: 300 },
    );
  });

  it("follows the event-stream field rules: one optional space after the colon, a bare field, unknown fields, the default type", () => {
    expect(parseChunks(["data:no space\n\n", "data:  two spaces\n\n", "data\n\n", "id: 7\nretry: 10\ndata: x\n\n", "event: delta\n\n", "data: after an empty event\n\n"])).toEqual([
      { event: "message", data: "no space" },
      { event: "message", data: " two spaces" },
      { event: "message", data: "" },
      { event: "message", data: "x" },
      // "event: delta" with no data dispatched nothing and did not leak its type into the next event.
      { event: "message", data: "after an empty event" },
    ]);
    expect(parseChunks(["\ufeffevent: done\ndata: {}\n\n"])).toEqual([{ event: "done", data: "{}" }]);
  });

  it("never dispatches an event whose blank line did not arrive (a cut stream)", () => {
    expect(parseChunks(['event: delta\ndata: {"text":"a"}\n\nevent: done\ndata: {"answer"'])).toEqual([{ event: "delta", data: '{"text":"a"}' }]);
    expect(parseChunks(["event: done\ndata: {}\n"])).toEqual([]);
  });
});
