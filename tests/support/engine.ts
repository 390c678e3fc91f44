import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { committedLexicon } from "./committed-lexicon.js";
import { reportDocument } from "./corpus.js";

let shared: Promise<QaEngine> | undefined;

/** The production pipeline over the real report, built in memory with exact search and the committed index's lexicon (~0.5 s once). */
export function reportEngine(): Promise<QaEngine> {
  shared ??= buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, { lexicon: committedLexicon() });
  return shared;
}
