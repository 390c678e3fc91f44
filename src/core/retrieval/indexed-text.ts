import { formatSectionPath, type Chunk } from "../chunking/chunk.js";

/**
 * What the lexical and vector indexes see for a chunk: its section path, then its text.
 * The path carries the topic words a passage itself often omits (a bullet under
 * "建设宜居城市" rarely repeats 宜居城市), so questions that name a section find it.
 */
export function indexedText(chunk: Chunk): string {
  return `${formatSectionPath(chunk.sectionPath)}\n${chunk.text}`;
}
