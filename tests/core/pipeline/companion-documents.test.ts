import { beforeAll, describe, expect, it } from "vitest";
import { generateDocument, type ReportTemplate } from "../../../src/bench/scale-corpus.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../../../src/core/chunking/chunk.js";
import { chunkDocuments } from "../../../src/core/chunking/chunker.js";
import type { SourceDocument } from "../../../src/core/chunking/source-document.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import { buildInMemoryEngine } from "../../../src/core/pipeline/in-memory-engine.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { reportEngine } from "../../support/engine.js";
import { JIANGJIN_ID, lexiconWith, twoDistrictDocuments } from "../../support/multi-document-engine.js";

// The report with companion documents from the scale bench's seeded generator (its clauses
// recombined, figures and places rewritten; no lexicon sidecar) and the 永川 fixture: chunk ids
// stay unique per document, a filter to one companion cites only it, with exact spans, and the
// report's own answers, filtered to it, are those of the one-report engine.

const SEED = 7;
let documents: SourceDocument[];
let engine: QaEngine;

beforeAll(async () => {
  const [report, yongchuan] = await twoDistrictDocuments();
  const template: ReportTemplate = { text: report!.text, title: report!.title, topLevelHeadings: report!.topLevelHeadings ?? [] };
  const companions = [1, 2].map((index): SourceDocument => {
    const generated = generateDocument(template, index, SEED);
    return { source: `corpus/${generated.name}.txt`, title: generated.meta.title, text: generated.text, topLevelHeadings: generated.outline.topLevelHeadings };
  });
  documents = [report!, ...companions, yongchuan!];
  engine = await buildInMemoryEngine(documents, DEFAULT_CHUNKER_SETTINGS, { lexicon: lexiconWith(documents) });
});

describe("a corpus of the report, generated companions and another district's report", () => {
  it("gives every chunk a unique id prefixed by its document", () => {
    expect(new Set(engine.chunks.map((chunk) => chunk.id)).size).toBe(engine.chunks.length);
    for (const chunk of engine.chunks) expect(chunk.id.startsWith(`${engine.documents.find((document) => document.source === chunk.source)!.id}:`)).toBe(true);
    expect(engine.documents.map((document) => document.id)).toEqual([JIANGJIN_ID, "scale-00001", "scale-00002", "yongchuan-congress-report"]);
  });

  it("cites only the companion a question is limited to, with exact spans of its text", async () => {
    const companion = documents[1]!;
    const response = await ask(engine, { question: "怎么提升森林覆盖率", documents: ["scale-00001"] });
    expect(response.abstained).toBe(false);
    expect(response.citations.length).toBeGreaterThan(0);
    for (const citation of response.citations) {
      expect(citation.source).toBe(companion.source);
      expect(companion.text.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
      expect(citation.document?.id).toBe("scale-00001");
    }
  });

  it("answers the report's questions, limited to it, as the one-report engine does", async () => {
    const single = await reportEngine();
    for (const question of ["到2026年江津区地区生产总值的目标是多少?", "五大专项行动是哪五个", "森林覆盖率是多少"]) {
      const many = await ask(engine, { question, documents: [JIANGJIN_ID] });
      const one = await ask(single, { question });
      expect(many.answer, question).toBe(one.answer);
      expect(many.citations.map((citation) => [citation.quoteStart, citation.quoteEnd])).toEqual(one.citations.map((citation) => [citation.quoteStart, citation.quoteEnd]));
    }
  });
});

describe("chunk ids of documents that share a name", () => {
  it("keep x.txt and x.md apart, and a lone document's ids as they were", () => {
    const text = "标题\n\n第一段,地区生产总值增长。\n\n第二段,城镇化率提高。\n";
    const chunks = chunkDocuments([
      { source: "corpus/x.txt", title: "x", text },
      { source: "corpus/x.md", title: "x", text },
    ]);
    const txt = chunks.filter((chunk) => chunk.source === "corpus/x.txt").map((chunk) => chunk.id);
    const md = chunks.filter((chunk) => chunk.source === "corpus/x.md").map((chunk) => chunk.id);
    expect(txt.length).toBeGreaterThan(0);
    expect(txt.every((id) => id.startsWith("x.txt:"))).toBe(true);
    expect(md.every((id) => id.startsWith("x.md:"))).toBe(true);
    expect(new Set([...txt, ...md]).size).toBe(txt.length + md.length);
    expect(chunkDocuments([{ source: "corpus/x.txt", title: "x", text }]).every((chunk) => chunk.id.startsWith("x:"))).toBe(true);
  });
});
