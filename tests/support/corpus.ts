import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { shortTitleOf } from "../../src/adapters/node/corpus-reader.js";
import type { SourceDocument } from "../../src/core/chunking/source-document.js";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
export const corpusFile = `${projectRoot}corpus/jiangjin-15th-congress-report.txt`;
export const reportText = readFileSync(corpusFile, "utf8");
const meta = JSON.parse(readFileSync(`${projectRoot}corpus/jiangjin-15th-congress-report.meta.json`, "utf8")) as { title: string; author: string; published: string; language: string };
// The English place names live in the report's lexicon sidecar (the meta file is kept as the owner gave it).
const { subject } = JSON.parse(readFileSync(`${projectRoot}corpus/jiangjin-15th-congress-report.lexicon.json`, "utf8")) as { subject: { placeInEnglish: string; parentInEnglish: string } };
const outline = JSON.parse(readFileSync(`${projectRoot}corpus/jiangjin-15th-congress-report.outline.json`, "utf8")) as { topLevelHeadings: string[] };

/** The real report as ingest reads it. */
export const reportDocument: SourceDocument = {
  source: "corpus/jiangjin-15th-congress-report.txt",
  title: meta.title,
  shortTitle: shortTitleOf(meta)!,
  author: meta.author,
  published: meta.published,
  language: meta.language,
  subjectInEnglish: subject.placeInEnglish,
  parentInEnglish: subject.parentInEnglish,
  text: reportText,
  topLevelHeadings: outline.topLevelHeadings,
};
