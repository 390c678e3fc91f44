/**
 * Citation markers as models write them, read into the one form the product uses: [n].
 * Models asked for "[1]" also write 【1】, ［1］, [1,2], [1][2], [1、3], (1) after a sentence,
 * ^1 or [^1]; a marker outside 1…passages is no marker and is dropped.
 */

const MARKER = /(?:\[\^?|【|［|〔)\s*(\d{1,3}(?:\s*[,，、;；]\s*\d{1,3})*)\s*(?:\]|】|］|〕)|\^(\d{1,3})(?!\d)|[（(](\d{1,2})[)）](?=\s*(?:[。！？!?；;]|$))/gu;

/** Marker numbers in order of appearance, each once. */
export function markerNumbers(text: string, passages: number): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(MARKER)) {
    for (const part of (match[1] ?? match[2] ?? match[3] ?? "").split(/[,，、;；\s]+/u)) {
      const marker = Number(part);
      if (Number.isInteger(marker) && marker >= 1 && marker <= passages && !numbers.includes(marker)) numbers.push(marker);
    }
  }
  return numbers;
}

/** The text with every marker written as [n] (one per number), markers out of range removed. */
export function normalizeMarkers(text: string, passages: number): string {
  return text.replace(MARKER, (written) => markerNumbers(written, passages).map((marker) => `[${marker}]`).join(""));
}

/** The text without any marker: what a reader sees before a sentence is verified. */
export function stripMarkers(text: string): string {
  return text.replace(MARKER, "");
}

/**
 * The end of streamed text that may be the first half of a marker ("[", "[1", "【2、", "^1",
 * "(1)" before its 。): held back until the next piece shows what it is.
 */
const MARKER_START = /(?:(?:\[\^?|【|［|〔)[\d\s,，、;；]{0,24}|\^\d{0,3}|[（(]\d{0,2}(?:[)）]\s{0,4})?)$/u;

/**
 * Strips markers from text that arrives in pieces: a model streams "[1]" as "[" and "1]"
 * (or "[1" and "]。"), and stripping each piece alone would show them. push() returns what
 * can be shown of the text so far, flush() the rest at the end.
 */
export function createMarkerStripper(): { push(piece: string): string; flush(): string } {
  let held = "";
  return {
    push(piece: string): string {
      const text = held + piece;
      const cut = MARKER_START.exec(text)?.index ?? text.length;
      held = text.slice(cut);
      // More text follows: "(1)" counts as a marker only before a full stop or the end, so the
      // end of what is shown now must not look like the end of the text.
      return stripMarkers(`${text.slice(0, cut)}\u0000`).slice(0, -1);
    },
    flush(): string {
      const rest = stripMarkers(held);
      held = "";
      return rest;
    },
  };
}
