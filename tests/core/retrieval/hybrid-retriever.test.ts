import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_SETTINGS } from "../../../src/core/chunking/chunk.js";
import { buildInMemoryEngine } from "../../../src/core/pipeline/in-memory-engine.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import type { RetrieverMode } from "../../../src/core/retrieval/retrieved-passage.js";
import { reportDocument } from "../../support/corpus.js";
import { reportEngine } from "../../support/engine.js";

const FOREST_FACT = "森林覆盖率达52%";
const modes: RetrieverMode[] = ["hybrid", "bm25", "dense"];
const engines = new Map<RetrieverMode, QaEngine>();

beforeAll(async () => {
  engines.set("hybrid", await reportEngine());
  engines.set("bm25", await buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, { retrieverMode: "bm25" }));
  engines.set("dense", await buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, { retrieverMode: "dense" }));
});

describe("HybridRetriever over the report", () => {
  for (const mode of modes) {
    it(`finds the passage with “${FOREST_FACT}” in the top 3 for “森林覆盖率” in ${mode} mode`, async () => {
      const passages = await engines.get(mode)!.retriever.retrieve("森林覆盖率", 3);
      expect(passages).toHaveLength(3);
      expect(passages.some((passage) => passage.chunk.text.includes(FOREST_FACT))).toBe(true);
    });
  }

  it("returns k passages, best first, each with its chunk and position", async () => {
    const engine = engines.get("hybrid")!;
    const passages = await engine.retriever.retrieve("到2026年地区生产总值的目标", 8);
    expect(passages).toHaveLength(8);
    for (let rank = 1; rank < passages.length; rank++) expect(passages[rank]!.score).toBeLessThanOrEqual(passages[rank - 1]!.score);
    for (const passage of passages) expect(engine.chunks[passage.position]).toBe(passage.chunk);
    expect(new Set(passages.map((passage) => passage.chunk.id)).size).toBe(8);
    expect(passages[0]!.chunk.text).toContain("1800亿元");
  });

  it("uses only the lexical leg in bm25 mode and only the vector leg in dense mode", async () => {
    const lexical = await engines.get("bm25")!.retriever.retrieve("森林覆盖率", 5);
    expect(lexical.every((passage) => passage.vectorSimilarity === 0 && passage.score === passage.lexicalScore)).toBe(true);
    const dense = await engines.get("dense")!.retriever.retrieve("森林覆盖率", 5);
    expect(dense.every((passage) => passage.lexicalScore === 0 && passage.score === passage.vectorSimilarity)).toBe(true);
    const hybrid = await engines.get("hybrid")!.retriever.retrieve("森林覆盖率", 5);
    expect(hybrid.some((passage) => passage.lexicalScore > 0 && passage.vectorSimilarity > 0)).toBe(true);
  });

  it("describes its legs for the engine receipt", () => {
    expect(engines.get("hybrid")!.retriever.description).toBe("hybrid(bm25+brute-force, weighted 0.5)");
    expect(engines.get("bm25")!.retriever.description).toBe("bm25");
    expect(engines.get("dense")!.retriever.description).toBe("dense(brute-force)");
  });

  it("retrieves the same passages for a traditional-character, full-width query as for its simplified form", async () => {
    const retriever = engines.get("hybrid")!.retriever;
    const simplified = await retriever.retrieve("江津区的森林覆盖率是多少?", 5);
    const traditional = await retriever.retrieve("江津區的森林覆蓋率是多少？", 5);
    expect(traditional.map((passage) => passage.chunk.id)).toEqual(simplified.map((passage) => passage.chunk.id));
  });

  it("works as a LangChain runnable: invoke returns five Documents with their chunk ids and offsets", async () => {
    const engine = engines.get("hybrid")!;
    const documents = await engine.retriever.invoke("森林覆盖率是多少");
    expect(documents).toHaveLength(5);
    for (const document of documents) {
      const chunk = engine.chunks.find((candidate) => candidate.id === document.metadata.chunkId);
      expect(chunk).toBeDefined();
      expect(document.pageContent).toBe(chunk!.text);
      expect(document.metadata).toMatchObject({ start: chunk!.start, end: chunk!.end, sectionPath: chunk!.sectionPath, source: chunk!.source });
      expect(typeof document.metadata.score).toBe("number");
    }
    expect(documents.some((document) => document.pageContent.includes(FOREST_FACT))).toBe(true);
  });
});
