import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../../src/core/chunking/chunker.js";
import { HashingEmbedder, type HashingEmbedderState } from "../../../src/core/embedding/hashing-embedder.js";
import { indexedText } from "../../../src/core/retrieval/indexed-text.js";
import { testEmbedder } from "../../contracts/embedder-contract.js";
import { reportDocument } from "../../support/corpus.js";

/** What ingest fits the embedder on: every chunk's section path and text. */
const chunkTexts = chunkDocument(reportDocument).map(indexedText);

testEmbedder("HashingEmbedder fitted on the report's chunks", async () => HashingEmbedder.fit(chunkTexts), { semantic: true });

describe("HashingEmbedder", () => {
  const embedder = HashingEmbedder.fit(chunkTexts);

  it("rebuilt from its stored state (as JSON on disk) gives identical vectors and the same id", async () => {
    const stored = JSON.parse(JSON.stringify(embedder.toState())) as HashingEmbedderState;
    const rebuilt = HashingEmbedder.fromState(stored);
    expect(rebuilt.id).toBe(embedder.id);
    expect(rebuilt.dimensions).toBe(embedder.dimensions);
    const questions = ["到2026年地区生产总值的目标是多少", "森林覆盖率是多少", "五大专项行动是哪五个"];
    expect(await rebuilt.embedDocuments(questions)).toEqual(await embedder.embedDocuments(questions));
    expect(await rebuilt.embedDocuments(chunkTexts.slice(0, 5))).toEqual(await embedder.embedDocuments(chunkTexts.slice(0, 5)));
  });

  it("fits the same state from the same texts, so a rebuilt index is byte-identical", () => {
    expect(JSON.stringify(HashingEmbedder.fit(chunkTexts).toState())).toBe(JSON.stringify(embedder.toState()));
  });

  it("learns from the texts it is fitted on: another corpus weights the same question differently", async () => {
    const other = HashingEmbedder.fit(["森林覆盖率", "森林覆盖率", "地区生产总值"]);
    expect(other.id).toBe(embedder.id);
    expect(await other.embedQuery("森林覆盖率是多少")).not.toEqual(await embedder.embedQuery("森林覆盖率是多少"));
  });

  it("embeds traditional-character and full-width forms of a question exactly like the simplified ASCII form", async () => {
    const pairs: [string, string][] = [
      ["江津區的森林覆蓋率是多少？", "江津区的森林覆盖率是多少?"],
      ["２０２６年ＧＤＰ目標是多少", "2026年gdp目标是多少"],
      ["年均增長８．２％嗎", "年均增长8.2%吗"],
    ];
    for (const [variant, plain] of pairs) expect(await embedder.embedQuery(variant)).toEqual(await embedder.embedQuery(plain));
  });

  it("embeds text with no words or numbers as the zero vector", async () => {
    for (const text of ["", "   ", "？！。，"]) {
      const vector = await embedder.embedQuery(text);
      expect(vector).toHaveLength(embedder.dimensions);
      expect(vector.every((value) => value === 0)).toBe(true);
    }
  });

  it("names its version and dimensions in its id, and makes vectors of that length", async () => {
    const small = HashingEmbedder.fit(chunkTexts, 512);
    expect(small.id).toBe("hashing-ngram:v1:d512");
    expect(await small.embedQuery("地区生产总值")).toHaveLength(512);
    expect(embedder.id).toBe(`hashing-ngram:v1:d${embedder.dimensions}`);
  });

  it("does not read a number as part of another: 52% is nearer to 52% than to 520亿元", async () => {
    const [question, fiftyTwo, fiveHundredTwenty] = await embedder.embedDocuments(["覆盖率52", "覆盖率达52%", "覆盖率达520亿元"]);
    const dot = (left: number[], right: number[]): number => left.reduce((sum, value, index) => sum + value * right[index]!, 0);
    expect(dot(question!, fiftyTwo!)).toBeGreaterThan(dot(question!, fiveHundredTwenty!));
  });
});
