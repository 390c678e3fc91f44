/** A run of answer text, or a citation marker that becomes a superscript button. */
export type AnswerSegment = { readonly kind: "text"; readonly text: string } | { readonly kind: "marker"; readonly marker: number };

/**
 * Splits "…1800亿元左右[1]。" into text and markers. Only markers that have a citation become
 * buttons; any other bracketed number stays text, so a "[3]" quoted from the report is never a
 * dead link.
 */
export function splitAnswer(answer: string, citedMarkers: ReadonlySet<number>): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let text = "";
  let last = 0;
  for (const match of answer.matchAll(/\[(\d{1,3})\]/gu)) {
    const marker = Number(match[1]);
    if (!citedMarkers.has(marker)) continue;
    text += answer.slice(last, match.index);
    if (text) segments.push({ kind: "text", text });
    text = "";
    segments.push({ kind: "marker", marker });
    last = match.index + match[0].length;
  }
  text += answer.slice(last);
  if (text) segments.push({ kind: "text", text });
  return segments;
}

/** The answer as a screen reader should hear it: without the bracketed markers. */
export function answerWithoutMarkers(answer: string): string {
  return answer.replace(/\[\d{1,3}\]/gu, "");
}
