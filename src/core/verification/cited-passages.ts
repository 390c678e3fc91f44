import type { Chunk } from "../chunking/chunk.js";
import type { AnswerCitation } from "./verification-schema.js";

// The passages an answer's citations stand for (verify-text.ts checks its claims against them):
// a citation's quote, or the report's text at its offsets (a citation may span two chunks), or
// its whole chunk; and whether a quote is the report's text at its offsets.

// Each source's text, stitched from its chunks (which overlap): a citation may span two chunks.
const sourcesByChunks = new WeakMap<readonly Chunk[], ReadonlyMap<string, string>>();
/** Stands for text no chunk covers (a heading line between chunks): a quote over it matches nothing. */
const UNCOVERED = "\u0000";

function sourceText(chunks: readonly Chunk[], source: string): string | undefined {
  let texts = sourcesByChunks.get(chunks);
  if (!texts) {
    const parts = new Map<string, string[]>();
    const lengths = new Map<string, number>();
    for (const chunk of [...chunks].sort((left, right) => left.start - right.start)) {
      const built = parts.get(chunk.source) ?? [];
      let length = lengths.get(chunk.source) ?? 0;
      if (chunk.start > length) {
        built.push(UNCOVERED.repeat(chunk.start - length));
        length = chunk.start;
      }
      if (chunk.end > length) {
        built.push(chunk.text.slice(length - chunk.start));
        length = chunk.end;
      }
      parts.set(chunk.source, built);
      lengths.set(chunk.source, length);
    }
    texts = new Map([...parts].map(([name, built]) => [name, built.join("")]));
    sourcesByChunks.set(chunks, texts);
  }
  return texts.get(source);
}

/** A passage a claim is checked against, and whether it is the report at its own offsets. */
export interface Passage {
  readonly chunk: Chunk;
  readonly anchored: boolean;
}

/** The report's text at a citation's offsets, when it has them and they lie inside the report. */
function textAtOffsets(citation: AnswerCitation, chunks: readonly Chunk[]): { text: string; source: string } | undefined {
  if (citation.quoteStart === undefined || citation.quoteEnd === undefined) return undefined;
  const source = citation.source ?? chunks.find((chunk) => chunk.id === citation.chunkId)?.source ?? chunks[0]?.source;
  const whole = source === undefined ? undefined : sourceText(chunks, source);
  if (!whole || citation.quoteEnd > whole.length) return undefined;
  const text = whole.slice(citation.quoteStart, citation.quoteEnd);
  return text.includes(UNCOVERED) ? undefined : { text, source: source! };
}

/** The text a citation stands for, as a passage to check claims against: its quote, else the report at its offsets or its chunk. */
export function citedPassage(citation: AnswerCitation, marker: number, chunks: readonly Chunk[]): Passage | undefined {
  const byId = citation.chunkId ? chunks.find((chunk) => chunk.id === citation.chunkId) : undefined;
  const atOffsets = textAtOffsets(citation, chunks);
  const exact = atOffsets !== undefined && (citation.quote === undefined || atOffsets.text === citation.quote);
  // A citation of a whole chunk (what the gate on generated answers gives) is that chunk: what was read of it is reused.
  if (byId && citation.quote === undefined && (atOffsets === undefined || (citation.quoteStart === byId.start && citation.quoteEnd === byId.end))) return { chunk: byId, anchored: true };
  const text = citation.quote ?? atOffsets?.text ?? byId?.text;
  if (!text || !text.trim()) return undefined;
  const anchored = exact || (citation.quote === undefined && byId !== undefined);
  const start = exact ? citation.quoteStart! : anchored ? byId!.start : 0;
  const source = atOffsets?.source ?? byId?.source ?? citation.source ?? "cited";
  const chunk: Chunk = { id: byId?.id ?? `citation-${marker}`, source, title: byId?.title ?? "", sectionPath: citation.section ?? byId?.sectionPath ?? [], start, end: start + text.length, text };
  return { chunk, anchored };
}

/** Whether a citation's quote is the report's text at its offsets; null when it gives no quote or no offsets. */
export function exactQuote(citation: AnswerCitation, chunks: readonly Chunk[]): boolean | null {
  if (citation.quote === undefined || citation.quoteStart === undefined || citation.quoteEnd === undefined) return null;
  return textAtOffsets(citation, chunks)?.text === citation.quote;
}
