import { cp, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../../src/adapters/node/ingest.js";
import { loadNodeEngine, type LoadedEngine } from "../../../src/adapters/node/load-engine.js";
import type { IndexManifest } from "../../../src/core/index/manifest.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import { projectRoot } from "../../support/corpus.js";
import { copyCorpus, makeTempDirectory, removeTempDirectory } from "../../support/index-workspace.js";
import { YONGCHUAN_SOURCE } from "../../support/multi-document-engine.js";

// npm run ingest over a corpus of two district reports (the report and the 永川 fixture with its
// sidecars), then the served engine as Node loads it: per-document metadata in the manifest,
// the lexicon holding both subjects, and answers from the document a question is about.

let root = "";
let manifest: IndexManifest;
let loaded: LoadedEngine;

beforeAll(async () => {
  root = await makeTempDirectory("multi-document-ingest");
  const corpusDirectory = await copyCorpus(join(root, "corpus"));
  const fixtures = join(projectRoot, "tests/fixtures/multi-document");
  for (const name of await readdir(fixtures)) await cp(join(fixtures, name), join(corpusDirectory, name));
  const indexDirectory = join(root, "index");
  manifest = await ingestCorpus({ corpusDirectory, indexDirectory, embedder: "hashing", environment: {} });
  loaded = await loadNodeEngine({ indexDirectory, corpusDirectory, environment: {}, vectorIndex: "brute-force" });
}, 60_000);

afterAll(() => removeTempDirectory(root));

describe("ingest of a corpus of two district reports", () => {
  it("writes each document's metadata from its sidecars into the manifest", () => {
    expect(manifest.corpus.documents.map(({ source, shortTitle, author, published, language, subject, subjectInEnglish }) => ({ source, shortTitle, author, published, language, subject, subjectInEnglish }))).toEqual([
      { source: "corpus/jiangjin-15th-congress-report.txt", shortTitle: "中国共产党重庆市江津区第十五次代表大会报告解读", author: "周杭", published: "2021-12-29", language: "zh-Hans", subject: "江津区", subjectInEnglish: "Jiangjin District" },
      { source: YONGCHUAN_SOURCE, shortTitle: "永川区党代会报告要点（虚构）", author: "测试夹具", published: "2022-06-30", language: "zh-Hans", subject: "永川区", subjectInEnglish: "Yongchuan District" },
    ]);
  });

  it("answers about the other district from its report, and refuses it limited to the Jiangjin one, in English too", async () => {
    const { engine } = loaded;
    const answered = await ask(engine, { question: "永川区到2027年地区生产总值的目标是多少" });
    expect(answered.abstained).toBe(false);
    expect(answered.citations.map((citation) => citation.source)).toEqual([YONGCHUAN_SOURCE]);
    const text = await readFile(join(projectRoot, "tests/fixtures/multi-document/yongchuan-congress-report.txt"), "utf8");
    for (const citation of answered.citations) expect(text.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
    const refused = await ask(engine, { question: "What is the GDP of Yongchuan?", documents: ["jiangjin-15th-congress-report"] });
    expect(refused.abstentionReason).toBe("other-place");
    expect(refused.answer).toMatch(/^This report is about Jiangjin District; it says nothing about /u);
  });
});
