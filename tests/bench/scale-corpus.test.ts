import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { crossoverChunks } from "../../src/bench/scale.js";
import { recallWithTies, strictRecall } from "../../src/bench/scale-child.js";
import { generateDocument, generateScaledCorpus, SWAPPABLE_PLACES, type ReportTemplate } from "../../src/bench/scale-corpus.js";
import { seededRandom } from "../../src/bench/seeded-random.js";
import { chunkDocument } from "../../src/core/chunking/chunker.js";

const REPORT = "corpus/jiangjin-15th-congress-report";
const meta = JSON.parse(readFileSync(`${REPORT}.meta.json`, "utf8")) as { title: string; author: string; published: string };
const outline = JSON.parse(readFileSync(`${REPORT}.outline.json`, "utf8")) as { topLevelHeadings: string[] };
const template: ReportTemplate = { text: readFileSync(`${REPORT}.txt`, "utf8"), title: meta.title, author: meta.author, published: meta.published, topLevelHeadings: outline.topLevelHeadings };
const asSource = (name: string, text: string, title: string, headings: readonly string[]) => ({ source: `corpus/${name}.txt`, title, text, topLevelHeadings: headings });

describe("scale corpus generator", () => {
  it("is deterministic for a seed and differs between seeds and documents", () => {
    expect(generateDocument(template, 3, 7)).toEqual(generateDocument(template, 3, 7));
    expect(generateDocument(template, 3, 7).text).not.toBe(generateDocument(template, 3, 8).text);
    expect(generateDocument(template, 3, 7).text).not.toBe(generateDocument(template, 4, 7).text);
    const random = seededRandom(1);
    const values = Array.from({ length: 1000 }, random);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it("writes N − 1 documents with distinct names and titles, each unlike the report", () => {
    const documents = [...generateScaledCorpus(template, 12, 20211229)];
    expect(documents).toHaveLength(11);
    expect(new Set(documents.map((document) => document.name)).size).toBe(11);
    expect(new Set([template.title, ...documents.map((document) => document.meta.title)]).size).toBe(12);
    expect(new Set([template.text, ...documents.map((document) => document.text)]).size).toBe(12);
    expect([...generateScaledCorpus(template, 1, 1)]).toEqual([]);
  });

  it("rewrites numbers but keeps years, swaps places consistently, and keeps every heading line", () => {
    const document = generateDocument(template, 5, 20211229);
    const years = (text: string) => (text.match(/20\d\d年/gu) ?? []).sort();
    expect(years(document.text)).toEqual(years(template.text));
    expect(document.text).not.toContain("1800亿元左右");
    const headingLines = (text: string) => text.split(/\r?\n/u).filter((line) => line.trim() && line.trim().length <= 32 && !/[。！？；!?;]/u.test(line));
    expect(headingLines(document.text)).toEqual(headingLines(template.text));
    // About the same number of characters: clauses are replaced by clauses of similar length.
    expect(Math.abs(document.text.length - template.text.length)).toBeLessThan(template.text.length * 0.06);
    const places = SWAPPABLE_PLACES.filter((place) => document.text.includes(place));
    expect(places.length).toBeGreaterThan(0);
  });

  it("recombines clauses from elsewhere in the report, so documents share phrases but not paragraphs", () => {
    const paragraphs = (text: string) => text.split(/\r?\n/u).filter((line) => line.trim().length > 60);
    const original = new Set(paragraphs(template.text));
    const first = paragraphs(generateDocument(template, 1, 20211229).text);
    const second = new Set(paragraphs(generateDocument(template, 2, 20211229).text));
    expect(first.length).toBe(original.size);
    expect(first.filter((paragraph) => original.has(paragraph) || second.has(paragraph))).toEqual([]);
  });

  it("keeps the outline: the sidecar names the report's top-level headings and the chunker finds the same sections", () => {
    const document = generateDocument(template, 9, 20211229);
    expect(document.outline.topLevelHeadings).toEqual(template.topLevelHeadings);
    const original = chunkDocument(asSource("report", template.text, template.title, template.topLevelHeadings));
    const rewritten = chunkDocument(asSource(document.name, document.text, document.meta.title, document.outline.topLevelHeadings));
    const topLevel = (chunks: typeof original) => [...new Set(chunks.map((chunk) => chunk.sectionPath[0]))];
    expect(topLevel(rewritten)).toEqual(topLevel(original));
    expect(Math.abs(rewritten.length - original.length)).toBeLessThanOrEqual(3);
    for (const chunk of rewritten) expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
  });
});

describe("scale measurements", () => {
  const match = (position: number, similarity: number) => ({ chunkId: `chunk-${position}`, similarity });

  it("counts a neighbour tied with the k-th exact one as found, and strict recall does not", () => {
    const exact = [match(1, 0.9), match(2, 0.8), match(3, 0.7)];
    const tied = [match(1, 0.9), match(2, 0.8), match(9, 0.7)];
    expect(recallWithTies(tied, exact)).toBe(1);
    expect(strictRecall(tied, exact)).toBeCloseTo(2 / 3);
    expect(recallWithTies([match(1, 0.9), match(2, 0.8), match(9, 0.5)], exact)).toBeCloseTo(2 / 3);
  });

  it("finds the brute-force/HNSW crossover between the sizes that straddle 1×", () => {
    const found = crossoverChunks([
      { chunks: 100, ratio: 0.5 },
      { chunks: 10_000, ratio: 2 },
    ]);
    expect(found).toEqual({ chunks: 1000, between: [100, 10_000] });
    expect(crossoverChunks([{ chunks: 100, ratio: 2 }])).toBe("hnsw-everywhere");
    expect(crossoverChunks([{ chunks: 100, ratio: 0.5 }])).toBe("brute-force-everywhere");
  });
});
