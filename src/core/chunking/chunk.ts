/** A retrievable passage: an exact span of one source document with its outline path. */
export interface Chunk {
  /** Stable across rebuilds while the section path and order stay: "<document>:<path hash>:<n>". */
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly sectionPath: readonly string[];
  readonly start: number;
  readonly end: number;
  /** `sourceText.slice(start, end)`. */
  readonly text: string;
}

export interface ChunkerSettings {
  /** Chunks grow sentence by sentence up to this many characters (a longer single sentence stays whole). */
  readonly maxCharacters: number;
  /** Sentences repeated at the start of the next chunk when a paragraph is split. */
  readonly overlapSentences: number;
}

/** Chosen by measurement on the gold set: see docs/DECISIONS.md. */
export const DEFAULT_CHUNKER_SETTINGS: ChunkerSettings = { maxCharacters: 300, overlapSentences: 1 };

/** Section path as one line, e.g. "重点工作 › (二)突出产业支撑,建设先进制造业基地". */
export function formatSectionPath(sectionPath: readonly string[]): string {
  return sectionPath.join(" › ");
}
