/** One Server-Sent Event: its type ("message" when the stream names none) and its data lines joined with "\n". */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * An incremental Server-Sent Events parser (the WHATWG "event stream" rules, minus id/retry,
 * which a one-shot POST stream does not use). Feed it decoded text in chunks split anywhere:
 * mid-line, mid-field, between the \r and \n of a line break. Lines end in \n, \r\n or \r;
 * "data" lines accumulate; a blank line dispatches the event; ":" lines are comments. An event
 * whose blank line never came (a cut stream) is never dispatched.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let buffer = "";
  let type = "";
  let data: string[] = [];
  let first = true;
  // The last chunk ended in \r: a \n at the start of the next one is the same line break.
  let afterCarriageReturn = false;

  function line(text: string): void {
    if (text === "") {
      if (data.length > 0) onEvent({ event: type || "message", data: data.join("\n") });
      type = "";
      data = [];
      return;
    }
    const colon = text.indexOf(":");
    if (colon === 0) return;
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") type = value;
    else if (field === "data") data.push(value);
  }

  return (chunk) => {
    if (afterCarriageReturn && chunk.startsWith("\n")) chunk = chunk.slice(1);
    if (first && chunk) {
      // A byte-order mark may open the stream (escaped: the bundle stays ASCII).
      if (chunk.startsWith("\ufeff")) chunk = chunk.slice(1);
      first = false;
    }
    buffer += chunk;
    let start = 0;
    for (const match of buffer.matchAll(/\r\n|\r|\n/gu)) {
      line(buffer.slice(start, match.index));
      start = match.index + match[0].length;
    }
    afterCarriageReturn = start > 0 && start === buffer.length && buffer.endsWith("\r");
    buffer = buffer.slice(start);
  };
}
