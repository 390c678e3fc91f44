import { describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_SETTINGS, formatSectionPath, type Chunk } from "../../../src/core/chunking/chunk.js";
import { chunkDocument, chunkDocuments } from "../../../src/core/chunking/chunker.js";
import { parseOutline } from "../../../src/core/chunking/outline-parser.js";
import { splitSentences, type TextSpan } from "../../../src/core/text/sentences.js";
import { reportDocument, reportText } from "../../support/corpus.js";
import { endsAtSentenceOrLineEnd, startsAtSentenceOrLineStart, uncoveredRuns } from "./chunk-invariants.js";

const chunks = chunkDocument(reportDocument);
const outline = parseOutline(reportDocument);
const headingSpans = outline.filter((block) => block.kind === "heading").map((block) => block.span);
const isHeadingLine = (span: TextSpan): boolean => headingSpans.some((heading) => heading.start === span.start && heading.end === span.end);
/** Sentences of a span, not counting the heading lines that travel with the first one. */
const bodySentences = (start: number, end: number): TextSpan[] => splitSentences(reportText, start, end).filter((span) => !isHeadingLine(span));

describe("chunkDocument on the report", () => {
  it("gives each chunk the exact text of its offsets, its source and the report's title", () => {
    expect(chunks.length).toBeGreaterThan(40);
    for (const chunk of chunks) {
      expect(chunk.text).toBe(reportText.slice(chunk.start, chunk.end));
      expect(chunk.source).toBe(reportDocument.source);
      expect(chunk.title).toBe(reportDocument.title);
    }
  });

  it("puts every non-whitespace character of the report into some chunk, chapter headings included", () => {
    expect(uncoveredRuns(reportText, chunks)).toEqual([]);
    expect(uncoveredRuns(reportText, [])).not.toEqual([]);
  });

  it("quotes a heading together with the first sentence of the text under it", () => {
    const headingsWithText = outline.filter((block, index) => block.kind === "heading" && outline[index + 1]?.kind !== "heading");
    expect(headingsWithText.length).toBeGreaterThan(25);
    for (const heading of headingsWithText) {
      const holder = chunks.find((chunk) => chunk.start <= heading.span.start && chunk.end > heading.span.end);
      expect(holder, heading.span.text).toBeDefined();
    }
    // A chapter heading travels with the section heading and sentence under it.
    const strength = chunks.find((chunk) => formatSectionPath(chunk.sectionPath) === "过去五年 › 综合实力持续增强");
    expect(strength?.text.startsWith("过去五年\n\n综合实力持续增强\n\n地区生产总值从2016年的756亿元")).toBe(true);
  });

  it("never starts or ends a chunk inside a sentence", () => {
    for (const chunk of chunks) {
      expect(startsAtSentenceOrLineStart(reportText, chunk.start), chunk.text.slice(0, 20)).toBe(true);
      expect(endsAtSentenceOrLineEnd(reportText, chunk.end), chunk.text.slice(-20)).toBe(true);
    }
  });

  it("keeps chunks within maxCharacters unless the chunk is a single sentence", () => {
    for (const chunk of chunks) {
      if (chunk.end - chunk.start > DEFAULT_CHUNKER_SETTINGS.maxCharacters) expect(bodySentences(chunk.start, chunk.end), chunk.id).toHaveLength(1);
    }
  });

  it("keeps the chunks in report order", () => {
    for (let index = 1; index < chunks.length; index++) expect(chunks[index]!.start).toBeGreaterThanOrEqual(chunks[index - 1]!.start);
  });

  it("gives chunks unique ids that are the same on every run", () => {
    const ids = chunks.map((chunk) => chunk.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(chunkDocument(reportDocument).map((chunk) => chunk.id)).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^jiangjin-15th-congress-report:[0-9a-f]{8}:\d+$/u);
  });

  it("keeps the ids of other sections when the text of one section changes", () => {
    const edited = reportText.replace("高举习近平新时代", "这是新加的一句话。高举习近平新时代");
    const editedChunks = chunkDocument({ ...reportDocument, text: edited });
    const idsOutside = (list: readonly Chunk[]): string[] => list.filter((chunk) => chunk.sectionPath[0] !== "总体要求").map((chunk) => chunk.id);
    expect(idsOutside(editedChunks)).toEqual(idsOutside(chunks));
    const textsOutside = (list: readonly Chunk[]): string[] => list.filter((chunk) => chunk.sectionPath[0] !== "总体要求").map((chunk) => chunk.text);
    expect(textsOutside(editedChunks)).toEqual(textsOutside(chunks));
  });

  it("gives the title block and the byline chunks of their own", () => {
    expect(chunks[0]?.sectionPath).toEqual(["标题与署名"]);
    expect(chunks[0]?.text.startsWith("高质量建设同城化发展先行区")).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ sectionPath: ["附记"], text: "本版文字由 周杭 收集整理" });
  });
});

describe("chunkDocument with small chunks", () => {
  const settings = { maxCharacters: 100, overlapSentences: 1 };
  const small = chunkDocument(reportDocument, settings);
  const bodyBlocks = outline.filter((block) => block.kind === "paragraph" || block.kind === "bullet");
  /** Chunks of one paragraph or bullet, in order. */
  const chunksOf = (block: (typeof bodyBlocks)[number]): Chunk[] =>
    small.filter((chunk) => chunk.end > block.span.start && chunk.end <= block.span.end);

  it("splits long paragraphs, repeating the last sentence of a chunk at the start of the next", () => {
    let overlapping = 0;
    let split = 0;
    for (const block of bodyBlocks) {
      const pieces = chunksOf(block);
      if (pieces.length > 1) split++;
      for (let index = 1; index < pieces.length; index++) {
        const previous = pieces[index - 1]!;
        const next = pieces[index]!;
        // The last sentence, with the heading in front of it when it is the first under a heading.
        const previousSentences = bodySentences(previous.start, previous.end);
        const lastStart = previousSentences.length === 1 ? previous.start : previousSentences.at(-1)!.start;
        if (next.start < previous.end) {
          overlapping++;
          expect(next.start).toBe(lastStart);
        } else {
          // No room for the overlap: the repeated sentence and the next one would not fit together.
          const firstOfNext = splitSentences(reportText, next.start, next.end)[0]!;
          expect(firstOfNext.end - lastStart).toBeGreaterThan(settings.maxCharacters);
          expect(reportText.slice(previous.end, next.start).trim()).toBe("");
        }
      }
    }
    expect(split).toBeGreaterThan(20);
    expect(overlapping).toBeGreaterThan(20);
  });

  it("still keeps every chunk within 100 characters unless it is one sentence, and cuts only between sentences", () => {
    for (const chunk of small) {
      if (chunk.end - chunk.start > settings.maxCharacters) expect(bodySentences(chunk.start, chunk.end)).toHaveLength(1);
      expect(endsAtSentenceOrLineEnd(reportText, chunk.end)).toBe(true);
      expect(chunk.text).toBe(reportText.slice(chunk.start, chunk.end));
    }
    expect(new Set(small.map((chunk) => chunk.id)).size).toBe(small.length);
  });

  it("repeats nothing when no overlap is asked for", () => {
    const withoutOverlap = chunkDocument(reportDocument, { maxCharacters: 100, overlapSentences: 0 });
    for (let index = 1; index < withoutOverlap.length; index++) {
      expect(withoutOverlap[index]!.start).toBeGreaterThanOrEqual(withoutOverlap[index - 1]!.end);
    }
    expect(withoutOverlap.length).toBeLessThan(small.length);
  });
});

describe("chunkDocument on a markdown document", () => {
  it("takes the section paths from # headings and quotes each heading with its first sentence", () => {
    const text = "# 交通\n\n加快构建“七干两枢纽”。建成江津港。\n\n## 铁路\n\n渝贵铁路建成通车。\n\n# 生态\n\n森林覆盖率达52%。\n";
    const markdownChunks = chunkDocuments([{ source: "notes/plan.md", title: "计划", text }]);
    expect(markdownChunks.map((chunk) => [chunk.sectionPath, chunk.text])).toEqual([
      [["交通"], "# 交通\n\n加快构建“七干两枢纽”。建成江津港。"],
      [["交通", "铁路"], "## 铁路\n\n渝贵铁路建成通车。"],
      [["生态"], "# 生态\n\n森林覆盖率达52%。"],
    ]);
    expect(markdownChunks[0]?.id).toMatch(/^plan:[0-9a-f]{8}:0$/u);
  });
});
