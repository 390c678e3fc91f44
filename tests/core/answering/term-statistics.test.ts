import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { TermStatistics } from "../../../src/core/answering/term-statistics.js";
import { parseQuestionFile } from "../../../src/core/evaluation/gold-question.js";
import { indexedText } from "../../../src/core/retrieval/indexed-text.js";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { reportEngine } from "../../support/engine.js";

/** What TermStatistics counted before it had an index: a substring scan over every normalised text. */
const scan = (texts: readonly string[], term: string): number => texts.reduce((count, text) => count + (text.includes(term) ? 1 : 0), 0);

let texts: string[];
let normalized: string[];
let statistics: TermStatistics;
let engine: Awaited<ReturnType<typeof reportEngine>>;
beforeAll(async () => {
  engine = await reportEngine();
  texts = engine.chunks.map(indexedText);
  normalized = texts.map((text) => normalizeText(text));
  statistics = new TermStatistics(texts);
});

function expectSameAsScan(terms: Iterable<string>): number {
  let checked = 0;
  for (const term of terms) {
    expect.soft(statistics.documentFrequency(term), term).toBe(scan(normalized, term));
    checked++;
  }
  return checked;
}

describe("TermStatistics document frequency (postings of unit pairs) over the real report", () => {
  it("equals the substring scan for every question word of the gold set, and their bigrams", () => {
    const { questions } = parseQuestionFile(readFileSync("eval/dev/questions.jsonl", "utf8"));
    const terms = new Set<string>();
    for (const question of questions) {
      const analysis = engine.reader.read(question.question, question.history ?? []);
      for (const part of [analysis, ...analysis.parts]) {
        for (const term of [...part.contentTerms, ...part.years, ...part.places]) {
          terms.add(term);
          const characters = [...term];
          characters.forEach((character, index) => {
            terms.add(character);
            if (index + 1 < characters.length) terms.add(character + characters[index + 1]!);
          });
        }
      }
    }
    expect(expectSameAsScan(terms)).toBeGreaterThan(300);
  });

  it("equals the substring scan for every substring of length 1–8 of the report text (every other start), across text boundaries too", () => {
    const terms = new Set<string>();
    const joined = normalized.join("");
    for (let start = 0; start < joined.length; start += 2) for (let length = 1; length <= 8; length++) terms.add(joined.slice(start, start + length));
    expect(expectSameAsScan(terms)).toBeGreaterThan(5000);
  });

  it("equals the substring scan for words the report lacks, odd units and the empty string", () => {
    expect(expectSameAsScan(["", "房价", "天气预报", "2030年", "gdp", "\n", "\u0000", "𠀀", "\ud840", "江津江津江津", "地区生产总值达1800亿元左右"])).toBe(11);
    expect(statistics.documentFrequency("")).toBe(statistics.documentCount);
    expect(statistics.contains("房价")).toBe(false);
    expect(statistics.contains("地区生产总值")).toBe(true);
  });

  it("counts overlapping and repeated occurrences once per text", () => {
    const small = new TermStatistics(["aaaa", "abab", "ba", "", "ａｂ"]);
    expect(small.documentFrequency("aa")).toBe(1);
    expect(small.documentFrequency("aaa")).toBe(1);
    expect(small.documentFrequency("ab")).toBe(2); // ａｂ folds to ab
    expect(small.documentFrequency("aba")).toBe(1);
    expect(small.documentFrequency("ba")).toBe(2);
    expect(small.documentFrequency("b")).toBe(3);
    expect(small.documentFrequency("")).toBe(5);
    expect(small.documentFrequency("abc")).toBe(0);
  });

  it("gives the same frequencies from its stored postings (texts normalised lazily)", () => {
    const stored = new TermStatistics(texts, statistics.serialize());
    const terms = new Set<string>();
    for (const text of normalized.slice(0, 20)) for (let at = 0; at + 4 < text.length; at += 7) for (const length of [1, 2, 3, 5]) terms.add(text.slice(at, at + length));
    for (const term of [...terms, "", "房价", "地区生产总值", "1800亿元"]) expect.soft(stored.documentFrequency(term), term).toBe(scan(normalized, term));
    const small = ["aaaa", "abab", "ba", "", "ａｂ"];
    const reread = new TermStatistics(small, new TermStatistics(small).serialize());
    expect(["aa", "aaa", "ab", "aba", "ba", "b", "", "abc"].map((term) => reread.documentFrequency(term))).toEqual([1, 1, 2, 1, 2, 3, 5, 0]);
  });
});

