import { Document } from "@langchain/core/documents";
import { describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../../src/core/embedding/hashing-embedder.js";
import { BruteForceVectorIndex } from "../../../src/core/retrieval/brute-force-vector-index.js";
import { ChunkVectorStore, type ChunkMetadata } from "../../../src/core/retrieval/chunk-vector-store.js";

const texts = {
  "jiangjin-1": "江津区森林覆盖率达到百分之五十二",
  "jiangjin-2": "江津区地区生产总值达到一千八百亿元",
  "yongchuan-1": "永川区森林覆盖率达到百分之四十八",
  "yongchuan-2": "永川区地区生产总值达到一千五百亿元",
};

function documentOf(chunkId: string, text: string, position: number): Document<ChunkMetadata> {
  const source = chunkId.startsWith("jiangjin") ? "jiangjin.txt" : "yongchuan.txt";
  return new Document<ChunkMetadata>({ pageContent: text, id: chunkId, metadata: { chunkId, position, source, sectionPath: [], start: 0, end: text.length } });
}

async function storeOf(entries: [string, string][]): Promise<ChunkVectorStore> {
  const embedder = HashingEmbedder.fit(Object.values(texts));
  const store = new ChunkVectorStore(embedder, new BruteForceVectorIndex(embedder.dimensions));
  await store.addDocuments(entries.map(([id, text], position) => documentOf(id, text, position)));
  return store;
}

describe("ChunkVectorStore.similaritySearchInSources", () => {
  it("answers only from the chunks of the sources asked for, however near the others are", async () => {
    const store = await storeOf(Object.entries(texts));
    const query = await store.embeddings.embedQuery("永川区森林覆盖率");
    const anywhere = await store.similaritySearchVectorWithScore(query, 1);
    expect(anywhere[0]![0].metadata.chunkId).toBe("yongchuan-1");
    const inJiangjin = await store.similaritySearchInSources(query, 4, new Set(["jiangjin.txt"]));
    expect(inJiangjin.map(([document]) => document.metadata.chunkId).sort()).toEqual(["jiangjin-1", "jiangjin-2"]);
  });

  it("sees chunks added after a search of the same sources (the remembered ids are dropped on every change)", async () => {
    const store = await storeOf(Object.entries(texts).filter(([id]) => id !== "jiangjin-2"));
    const query = await store.embeddings.embedQuery("江津区地区生产总值");
    const sources = new Set(["jiangjin.txt"]);
    expect((await store.similaritySearchInSources(query, 4, sources)).map(([document]) => document.metadata.chunkId)).toEqual(["jiangjin-1"]);
    await store.addDocuments([documentOf("jiangjin-2", texts["jiangjin-2"], 3)]);
    const after = await store.similaritySearchInSources(query, 4, sources);
    expect(after[0]![0].metadata.chunkId).toBe("jiangjin-2");
    expect(after).toHaveLength(2);
  });

  it("gives the same matches as LangChain's predicate filter", async () => {
    const store = await storeOf(Object.entries(texts));
    const query = await store.embeddings.embedQuery("森林覆盖率");
    const sources = new Set(["yongchuan.txt"]);
    const bySources = await store.similaritySearchInSources(query, 2, sources);
    const byPredicate = await store.similaritySearchVectorWithScore(query, 2, (document) => sources.has((document.metadata as ChunkMetadata).source));
    expect(bySources.map(([document, score]) => [document.metadata.chunkId, score])).toEqual(byPredicate.map(([document, score]) => [document.metadata.chunkId, score]));
  });
});
