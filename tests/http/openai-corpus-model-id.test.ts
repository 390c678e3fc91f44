import { beforeAll, describe, expect, it } from "vitest";
import { readConfiguration } from "../../src/adapters/node/configuration.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { createApp } from "../../src/http/create-app.js";
import { corpusModelId, LARGE_CORPUS_MODEL_ID, servedModels } from "../../src/http/openai-models.js";
import { reportEngine } from "../support/engine.js";
import { JIANGJIN_ID, twoDistrictEngine, YONGCHUAN_ID } from "../support/multi-document-engine.js";

// The whole corpus's /v1 model id: one report's name, two or three joined by "+", "corpus" over
// more (a thousand names joined would be no id a client can send), or CORPUS_MODEL_ID when set.

let single: QaEngine;
let two: QaEngine;

beforeAll(async () => {
  [single, two] = await Promise.all([reportEngine(), twoDistrictEngine()]);
});

/** The engine as if its manifest listed `count` documents (only the manifest and ids are read for the model id). */
function withDocuments(engine: QaEngine, names: readonly string[]): QaEngine {
  const template = engine.manifest.corpus.documents[0]!;
  const documents = names.map((name) => ({ ...template, source: `corpus/${name}.txt` }));
  return {
    ...engine,
    manifest: { ...engine.manifest, corpus: { ...engine.manifest.corpus, documents } },
    documents: names.map((name, index) => ({ ...engine.documents[0]!, id: name, source: documents[index]!.source })),
  };
}

describe("the corpus's model id", () => {
  it("is the report's name for one report and the names joined for two or three, as before", () => {
    expect(corpusModelId(single)).toBe(JIANGJIN_ID);
    expect(corpusModelId(two)).toBe(`${JIANGJIN_ID}+${YONGCHUAN_ID}`);
    expect(corpusModelId(withDocuments(single, ["a", "b", "c"]))).toBe("a+b+c");
  });

  it("is short and stable over more documents, however many", () => {
    const four = withDocuments(single, ["a", "b", "c", "d"]);
    const thousand = withDocuments(single, Array.from({ length: 1000 }, (_, index) => `district-${index}`));
    expect(corpusModelId(four)).toBe(LARGE_CORPUS_MODEL_ID);
    expect(corpusModelId(thousand)).toBe(LARGE_CORPUS_MODEL_ID);
    expect(servedModels(thousand).map((model) => model.id).slice(0, 3)).toEqual([LARGE_CORPUS_MODEL_ID, "district-0", "district-1"]);
    // A document named "corpus" keeps its own model: the whole corpus takes another id.
    const named = withDocuments(single, ["corpus", "b", "c", "d"]);
    expect(corpusModelId(named)).toBe(`${LARGE_CORPUS_MODEL_ID}-all`);
    expect(new Set(servedModels(named).map((model) => model.id)).size).toBe(5);
  });

  it("is CORPUS_MODEL_ID when configured, over /v1/models and chat completions", async () => {
    expect(readConfiguration({ CORPUS_MODEL_ID: "district-reports" }).corpusModelId).toBe("district-reports");
    expect(readConfiguration({}).corpusModelId).toBeUndefined();
    expect(() => readConfiguration({ CORPUS_MODEL_ID: "two words" })).toThrow(/Invalid setting CORPUS_MODEL_ID/u);

    const app = createApp(two, { vectorIndex: "brute-force" }, { corpusModelId: "district-reports" });
    const models = (await (await app.request("/v1/models")).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual(["district-reports", JIANGJIN_ID, YONGCHUAN_ID]);
    const response = await app.request("/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "district-reports", messages: [{ role: "user", content: "永川区到2027年地区生产总值的目标是多少" }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toContain("1600亿元");
    const old = await app.request(`/v1/models/${JIANGJIN_ID}+${YONGCHUAN_ID}`);
    expect(old.status).toBe(404);
  });
});
