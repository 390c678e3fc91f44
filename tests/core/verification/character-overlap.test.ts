import { beforeAll, describe, expect, it } from "vitest";
import type { Chunk } from "../../../src/core/chunking/chunk.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { splitSentences } from "../../../src/core/text/sentences.js";
import { bestMatchingSpan, characterBigrams, characterContainment } from "../../../src/core/verification/character-overlap.js";
import { reportText } from "../../support/corpus.js";
import { reportEngine } from "../../support/engine.js";

const GDP_CLAUSE = "到2026年,地区生产总值达1800亿元左右";

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

function chunkHolding(text: string): Chunk {
  const chunk = engine.chunks.find((candidate) => candidate.text.includes(text));
  if (!chunk) throw new Error(`no chunk holds ${text}`);
  return chunk;
}

describe("characterContainment", () => {
  it("is 1 for a sentence copied from the text, whatever its punctuation, width, script or numerals", () => {
    const text = "到2026年,地区生产总值达1800亿元左右,年均增长6%以上。";
    expect(characterContainment(GDP_CLAUSE, text)).toBe(1);
    expect(characterContainment("到２０２６年，地区生产总值达１８００亿元左右！", text)).toBe(1);
    expect(characterContainment("到2026年,地區生產總值達1800億元左右", text)).toBe(1);
    expect(characterContainment("年均增长百分之六以上", text)).toBe(1);
    expect(characterContainment("地区 生产 总值 “达” 1800 亿元[1]", text)).toBe(1);
  });

  it("counts the share of the sentence's bigrams the text holds", () => {
    // 地区生产总值 has five bigrams; the text holds 地区 and 区生 only.
    expect(characterContainment("地区生产总值", "江津地区生活")).toBeCloseTo(2 / 5, 10);
    expect(characterContainment("我们的足球队昨天晚上赢得了冠军奖杯", reportText)).toBeLessThan(0.2);
  });

  it("gives 0 for a sentence with nothing to compare, and compares one character as itself", () => {
    expect(characterContainment("，。！", "任何文字")).toBe(0);
    expect(characterBigrams("——")).toEqual(new Set());
    expect(characterContainment("津", "江津")).toBe(1);
    expect(characterContainment("沪", "江津")).toBe(0);
  });
});

describe("bestMatchingSpan", () => {
  it("quotes the shortest clauses that hold the sentence, with exact offsets into the report and the chunk's section", () => {
    const chunk = chunkHolding(GDP_CLAUSE);
    const span = bestMatchingSpan("到2026年，地区生产总值达1800亿元左右。", chunk);
    expect(span).toMatchObject({ quote: GDP_CLAUSE, containment: 1, chunkId: chunk.id, source: chunk.source });
    expect(span?.quoteStart).toBe(reportText.indexOf(GDP_CLAUSE));
    expect(reportText.slice(span!.quoteStart, span!.quoteEnd)).toBe(span!.quote);
    expect(span?.section).toEqual(["未来五年建设“五地一城”"]);
  });

  it("joins the end of one report sentence and the start of the next when the sentence merges them, and nothing more", () => {
    const chunk = chunkHolding("社会消费品零售总额达390亿元");
    const span = bestMatchingSpan("江津工业园区获批国家新型工业化产业示范基地，社会消费品零售总额达390亿元。", chunk)!;
    expect(span.quote.startsWith("江津工业园区获批国家新型工业化产业示范基地")).toBe(true);
    expect(span.quote.endsWith("社会消费品零售总额达390亿元")).toBe(true);
    expect(span.containment).toBeGreaterThan(0.9);
    expect(reportText.slice(span.quoteStart, span.quoteEnd)).toBe(span.quote);
  });

  it("does not stretch a weak match over a long paragraph to pick up common words", () => {
    const chunk = chunkHolding("森林覆盖率达52%");
    const span = bestMatchingSpan("江津的森林覆盖率已经超过一半，全年空气质量好的日子有三百多天。", chunk)!;
    expect(span.quote.length).toBeLessThanOrEqual(40);
    expect(span.quote).toContain("森林覆盖率");
  });

  it("finds every sentence of every chunk at its own place, containment 1, never crossing a line", () => {
    let checked = 0;
    for (const chunk of engine.chunks) {
      for (const sentence of splitSentences(chunk.text)) {
        if (!/[\p{L}\p{N}]/u.test(sentence.text)) continue;
        const span = bestMatchingSpan(sentence.text, chunk)!;
        expect(span.containment, sentence.text).toBe(1);
        expect(reportText.slice(span.quoteStart, span.quoteEnd)).toBe(span.quote);
        expect(span.quote).not.toContain("\n");
        expect(span.quote.length).toBeLessThanOrEqual(sentence.text.length);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("has nothing to offer for a sentence without letters or digits", () => {
    expect(bestMatchingSpan("……", engine.chunks[0]!)).toBeUndefined();
  });
});
