import { beforeAll, describe, expect, it } from "vitest";
import type { WordSegmenter } from "../../src/core/ports/word-segmenter.js";
import { splitSentences } from "../../src/core/text/sentences.js";
import { reportText } from "../support/corpus.js";

/** The report's first sentences: the text every segmenter will mostly see. */
const REPORT_SENTENCES = splitSentences(reportText)
  .slice(0, 60)
  .map((span) => reportText.slice(span.start, span.end));

const EDGE_CASES = [
  "GDP和5G网络",
  "到2026年,地区生产总值达1800亿元左右,年均增长6%以上",
  "森林覆盖率达52%,空气优良天数稳定达300天以上。",
  "Hello, world! It's 3:45pm",
  "  前后有空格\t和制表符\r\n换行　全角空格 ",
  "😀👨‍👩‍👧🇨🇳表情",
  "𠀀𠀁江津(扩展B区汉字)",
  "孤立的\uD800代理\uDC00项",
  "\uDC00\uD800",
  "“五地一城”、《报告》——……",
  "ＧＤＰ和１８００亿元",
  "x",
  "江",
];

const hasLoneSurrogateAtEdge = (word: string): boolean => /^[\uDC00-\uDFFF]/.test(word) || /[\uD800-\uDBFF]$/.test(word);

function boundaries(words: readonly string[]): Set<number> {
  const positions = new Set<number>();
  let position = 0;
  for (const word of words) positions.add((position += word.length));
  return positions;
}

/** Fastest of a few runs, in ms: the least disturbed by other work on a shared machine. */
function fastest(run: () => void, times = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let index = 0; index < times; index++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * What every WordSegmenter must do for question understanding to rely on it: words that
 * cover the text exactly (whitespace aside) in order, the same words every time, whole
 * words for numbers and Latin runs, surrogate pairs never split, words it was taught kept
 * whole, and time linear in the text. `create` may return a shared instance: the jieba
 * segmenters share one dictionary per module, so the vocabulary tests come last.
 */
export function testWordSegmenter(name: string, create: () => Promise<WordSegmenter>): void {
  describe(`${name} (word segmenter contract)`, () => {
    let segmenter: WordSegmenter;
    beforeAll(async () => {
      segmenter = await create();
    });

    it("has a non-empty id that stays the same across instances", async () => {
      expect(segmenter.id.trim()).not.toBe("");
      segmenter.cut(EDGE_CASES[0]!);
      expect((await create()).id).toBe(segmenter.id);
    });

    it("returns no words for empty or whitespace-only text", () => {
      expect(segmenter.cut("")).toEqual([]);
      expect(segmenter.cut(" \t\r\n\u3000")).toEqual([]);
    });

    it("covers the text in order: the words joined are the text without its whitespace", () => {
      for (const text of [...REPORT_SENTENCES, ...EDGE_CASES, reportText.slice(0, 3000)]) {
        const words = segmenter.cut(text);
        expect(words.join(""), text).toBe(text.replace(/\s+/gu, ""));
        for (const word of words) {
          expect(word.length, text).toBeGreaterThan(0);
          expect(/\s/u.test(word), `${JSON.stringify(word)} in ${text}`).toBe(false);
        }
      }
    });

    it("never splits a surrogate pair (emoji, CJK Extension B) and passes lone surrogates through", () => {
      for (const text of EDGE_CASES) {
        for (const word of segmenter.cut(text)) {
          if (/^[\uD800-\uDFFF]$/.test(word)) continue; // a lone surrogate of the input, as its own word
          expect(hasLoneSurrogateAtEdge(word), `${JSON.stringify(word)} in ${JSON.stringify(text)}`).toBe(false);
        }
      }
      expect(segmenter.cut("孤立的\uD800代理").join("")).toBe("孤立的\uD800代理");
    });

    it("keeps ASCII digit runs and Latin letter runs whole", () => {
      for (const text of [...EDGE_CASES, ...REPORT_SENTENCES]) {
        const cuts = boundaries(segmenter.cut(text.replace(/\s+/gu, "")));
        const compact = text.replace(/\s+/gu, "");
        for (let index = 1; index < compact.length; index++) {
          const between = compact[index - 1]! + compact[index]!;
          if (/^(?:\d\d|[A-Za-z]{2})$/u.test(between)) expect(cuts.has(index), `${between} in ${compact}`).toBe(false);
        }
      }
      expect(segmenter.cut("到2026年,地区生产总值达1800亿元")).toEqual(expect.arrayContaining(["2026", "1800"]));
      expect(segmenter.cut("GDP和5G网络")).toEqual(expect.arrayContaining(["GDP"]));
    });

    it("cuts Chinese into words, not characters: common words of the report stay whole", () => {
      const words = segmenter.cut("江津区地区生产总值达1800亿元,森林覆盖率达52%");
      expect(words).toEqual(expect.arrayContaining(["江津", "地区", "森林"]));
      const han = REPORT_SENTENCES.flatMap((sentence) => segmenter.cut(sentence)).filter((word) => /^\p{Script=Han}+$/u.test(word));
      const meanLength = han.reduce((sum, word) => sum + [...word].length, 0) / han.length;
      expect(meanLength).toBeGreaterThan(1.4);
    });

    it("gives the same words for the same text, again and from another instance", async () => {
      const other = await create();
      for (const text of [...REPORT_SENTENCES.slice(0, 20), ...EDGE_CASES]) {
        const first = segmenter.cut(text);
        expect(segmenter.cut(text)).toEqual(first);
        expect(other.cut(text)).toEqual(first);
      }
    });

    it("takes time linear in the text: 8× the text costs well under 64× (quadratic) the time", () => {
      const report = reportText.replace(/\s+/gu, "");
      const repeated = (length: number): string => report.repeat(Math.ceil(length / report.length)).slice(0, length);
      for (const make of [repeated, (length: number) => "啊".repeat(length), (length: number) => "a".repeat(length)]) {
        const small = make(8_000);
        const large = make(64_000);
        segmenter.cut(small);
        const ratio = fastest(() => segmenter.cut(large), 3) / Math.max(fastest(() => segmenter.cut(small)), 0.05);
        // Quadratic is 64×; linear 8×. Measured up to ~24× for one 64k-character Latin token under
        // a loaded 2-core machine (wall clock), so the bound sits between: 40× still fails a quadratic cut.
        expect(ratio, `${make(4)}…`).toBeLessThan(40);
      }
    });

    it("keeps a word it was taught whole, in context, and stays deterministic afterwards", () => {
      // Coinages no dictionary has, in sentences whose neighbouring characters could claim their edges.
      const taught = ["桥大江长", "一江津彩", "七干两枢纽"];
      segmenter.addWords(taught);
      expect(segmenter.cut("推进桥大江长建设")).toContain("桥大江长");
      expect(segmenter.cut("打造“一江津彩”品牌,构建一江津彩全域旅游")).toEqual(expect.arrayContaining(["一江津彩"]));
      expect(segmenter.cut("加快建设七干两枢纽交通网络")).toContain("七干两枢纽");
      const text = "推进桥大江长建设,打造一江津彩品牌";
      const first = segmenter.cut(text);
      segmenter.addWords(taught);
      expect(segmenter.cut(text)).toEqual(first);
      expect(first.join("")).toBe(text);
    });

    it("ignores empty words and words with whitespace or lone surrogates, and still covers the text", () => {
      segmenter.addWords(["", " ", "两 高", "\uD800", "江\uDC00"]);
      for (const text of EDGE_CASES) expect(segmenter.cut(text).join("")).toBe(text.replace(/\s+/gu, ""));
      expect(segmenter.cut("两 高")).toEqual(["两", "高"]);
    });
  });
}
