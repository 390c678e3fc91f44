import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../../src/adapters/node/ingest.js";
import { loadNodeEngine } from "../../../src/adapters/node/load-engine.js";
import { EmbedderMismatchError, EmbedderUnavailableError } from "../../../src/core/errors.js";
import type { IndexManifest } from "../../../src/core/index/manifest.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import { createTinyBertModel } from "../../fixtures/tiny-bert-model.js";
import { reportText } from "../../support/corpus.js";
import { copyCorpus, expectExactCitations, makeTempDirectory, removeTempDirectory } from "../../support/index-workspace.js";
import { blockTransformersNetwork } from "../../support/offline-transformers.js";

const HIDDEN_SIZE = 32;
let root = "";
let modelsDirectory = "";
let corpusDirectory = "";
let indexDirectory = "";
let embedderId = "";
let manifest: IndexManifest;
let network: Awaited<ReturnType<typeof blockTransformersNetwork>>;

beforeAll(async () => {
  network = await blockTransformersNetwork();

  root = await makeTempDirectory("transformers-ingest");
  modelsDirectory = join(root, "models");
  corpusDirectory = await copyCorpus(join(root, "corpus"));
  indexDirectory = join(root, "index");
  const { modelId } = await createTinyBertModel(modelsDirectory, { vocabularyText: reportText, hiddenSize: HIDDEN_SIZE });
  embedderId = `transformers:${modelId}`;
  manifest = await ingestCorpus({
    corpusDirectory,
    indexDirectory,
    embedder: embedderId,
    environment: { TRANSFORMERS_MODEL_PATH: modelsDirectory },
  });
});

afterAll(async () => {
  network.restore();
  await removeTempDirectory(root);
});

describe("ingest and answer with a transformers.js model, offline", () => {
  it("records the transformers embedder and the model's hidden size in the manifest", async () => {
    expect(manifest.embedder).toEqual({ id: embedderId, dimensions: HIDDEN_SIZE });
    expect(manifest.chunkCount).toBeGreaterThan(0);
    expect(manifest.files.vectors.bytes).toBe(manifest.chunkCount * HIDDEN_SIZE * 4);
    // A model embedder keeps no fitted state: only the hashing embedder writes one.
    expect(manifest.files.embedderState).toBeUndefined();
    const names = await readdir(indexDirectory);
    expect(names).toContain("manifest.json");
    expect(names.filter((name) => name.startsWith("embedder-"))).toEqual([]);
    expect(network.requests).toEqual([]);
  });

  it("loads the index with the same model and answers with exact citations", async () => {
    const warnings: string[] = [];
    const { engine, corpusMatches } = await loadNodeEngine({
      indexDirectory,
      corpusDirectory,
      environment: { TRANSFORMERS_MODEL_PATH: modelsDirectory },
      embedder: embedderId,
      warn: (message) => warnings.push(message),
    });
    expect(warnings).toEqual([]);
    expect(corpusMatches).toBe(true);
    // The tiny model's vectors are random-ish, so the question is one the lexical side settles.
    const response = await ask(engine, { question: "森林覆盖率是多少?" });
    expect(response.engine.embedder).toBe(embedderId);
    expect(response.engine.indexHash).toBe(manifest.indexHash);
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("52%");
    expect(response.citations.length).toBeGreaterThan(0);
    expectExactCitations(response);
    expect(network.requests).toEqual([]);
  });

  it("refuses to load it when the hashing embedder is expected", async () => {
    const error: unknown = await loadNodeEngine({
      indexDirectory,
      environment: { TRANSFORMERS_MODEL_PATH: modelsDirectory },
      embedder: "hashing",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbedderMismatchError);
    expect((error as Error).message).toContain(embedderId);
  });

  it("explains where the model is missing when the model path holds no model", async () => {
    const emptyModels = join(root, "no-models");
    const { engine } = await loadNodeEngine({ indexDirectory, environment: { TRANSFORMERS_MODEL_PATH: emptyModels } });
    const error: unknown = await ask(engine, { question: "森林覆盖率是多少?" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbedderUnavailableError);
    expect((error as Error).message).toContain(join(emptyModels, ...embedderId.replace("transformers:", "").split("/")));
    expect((error as Error).message).toContain("TRANSFORMERS_MODEL_PATH");
    expect(network.requests).toEqual([]);
  });
});
