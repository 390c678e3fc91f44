import type { Response } from "playwright-core";
import { askResponseSchema, type AskResponse } from "../../src/core/schemas/ask-response.js";

// The widget asks over POST /api/ask/stream (Server-Sent Events) and falls back to POST
// /api/ask: what the browser tests need to watch, read and forge either.

export interface StreamEvent {
  readonly event: string;
  readonly data: any;
}

/** POST /api/ask or /api/ask/stream. */
export function isAskUrl(url: string): boolean {
  return /\/api\/ask(\/stream)?$/u.test(url);
}

/** A successful answer from either endpoint (a 404 from an older server's stream endpoint is not one). */
export function isAskResponse(response: Response): boolean {
  return isAskUrl(response.url()) && response.request().method() === "POST" && response.status() === 200;
}

/** The events of a whole event stream, as the server writes them (see tests/http/ask-stream-route.test.ts). */
export function parseEventStream(body: string): StreamEvent[] {
  return body
    .split(/\r?\n\r?\n/u)
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: ?(.+)$/mu.exec(block)?.[1]?.trim() ?? "message";
      const data = [...block.matchAll(/^data: ?(.*)$/gmu)].map((match) => match[1]).join("\n");
      return { event, data: JSON.parse(data) };
    });
}

// Every byte as WHATWG windows-1252 decodes it: latin-1, except 0x80–0x9f, where 27 bytes are
// other characters and the five unassigned ones (0x81 0x8d 0x8f 0x90 0x9d) stay C1 controls.
// Spelt out: Node's TextDecoder("windows-1252") is plain latin-1.
const C1_AS_WINDOWS_1252 = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const BYTE_OF = new Map(Array.from({ length: 256 }, (_, byte) => [byte >= 0x80 && byte < 0xa0 ? C1_AS_WINDOWS_1252[byte - 0x80]! : String.fromCharCode(byte), byte] as const));

/**
 * An event stream is UTF-8 by definition, but the server's "text/event-stream" names no charset
 * and Chromium hands Playwright the body decoded as windows-1252. Undo that when it happened
 * (every character is one windows-1252 byte); a body decoded right is returned as it is.
 */
export function eventStreamText(text: string): string {
  const bytes = Array.from(text, (character) => BYTE_OF.get(character));
  return bytes.every((byte) => byte !== undefined) ? Buffer.from(bytes as number[]).toString("utf8") : text;
}

/** The AskResponse a reply carried: the JSON body of /api/ask, or the `done` event of /api/ask/stream. */
export async function answerOf(response: Response): Promise<AskResponse> {
  if (!response.url().endsWith("/stream")) return askResponseSchema.parse(await response.json());
  const events = parseEventStream(eventStreamText(await response.text()));
  const done = events.find((event) => event.event === "done");
  if (!done) throw new Error(`no done event in the stream: ${events.map((event) => event.event).join(", ")}`);
  return askResponseSchema.parse(done.data);
}

/** An event stream body for route.fulfill(). */
export function eventStream(events: ReadonlyArray<{ event: string; data: unknown }>): string {
  return events.map(({ event, data }) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join("");
}

/** The event stream's answer as a server would send it: sources, the whole text as one delta, done. */
export function extractiveStream(response: AskResponse): string {
  return eventStream([
    { event: "sources", data: { passages: response.passages } },
    { event: "delta", data: { text: response.answer } },
    { event: "done", data: response },
  ]);
}

export const EVENT_STREAM = "text/event-stream; charset=utf-8";
