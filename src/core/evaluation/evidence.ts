import type { Chunk } from "../chunking/chunk.js";

export interface EvidenceSpan {
  readonly source: string;
  readonly start: number;
  readonly end: number;
}

/** Every occurrence of each gold evidence string in the sources, as offsets. */
export function locateEvidence(evidence: readonly string[], sources: ReadonlyMap<string, string>): EvidenceSpan[] {
  const spans: EvidenceSpan[] = [];
  for (const snippet of evidence) {
    for (const [source, text] of sources) {
      for (let start = text.indexOf(snippet); start >= 0; start = text.indexOf(snippet, start + 1)) spans.push({ source, start, end: start + snippet.length });
    }
  }
  return spans;
}

/**
 * Chunks relevant to a question: those overlapping at least half of an evidence occurrence
 * (or half of the chunk, when the chunk is the shorter). Computed from offsets at
 * evaluation time, so re-chunking never invalidates the gold set.
 */
export function relevantChunkIds(spans: readonly EvidenceSpan[], chunks: readonly Chunk[]): Set<string> {
  const relevant = new Set<string>();
  for (const span of spans) {
    for (const chunk of chunks) {
      if (chunk.source !== span.source) continue;
      const overlap = Math.min(span.end, chunk.end) - Math.max(span.start, chunk.start);
      if (overlap > 0 && overlap >= Math.min(span.end - span.start, chunk.end - chunk.start) / 2) relevant.add(chunk.id);
    }
  }
  return relevant;
}

/** Evidence inside a passage, as offsets into the passage text (for highlighting). */
export function evidenceWithin(spans: readonly EvidenceSpan[], source: string, start: number, end: number): { start: number; end: number }[] {
  return spans
    .filter((span) => span.source === source && span.end > start && span.start < end)
    .map((span) => ({ start: Math.max(span.start, start) - start, end: Math.min(span.end, end) - start }));
}
