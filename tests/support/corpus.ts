import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SourceDocument } from "../../src/core/chunking/source-document.js";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
export const corpusFile = `${projectRoot}corpus/jiangjin-15th-congress-report.txt`;
export const reportText = readFileSync(corpusFile, "utf8");
const meta = JSON.parse(readFileSync(`${projectRoot}corpus/jiangjin-15th-congress-report.meta.json`, "utf8")) as { title: string };
const outline = JSON.parse(readFileSync(`${projectRoot}corpus/jiangjin-15th-congress-report.outline.json`, "utf8")) as { topLevelHeadings: string[] };

/** The real report as ingest reads it. */
export const reportDocument: SourceDocument = {
  source: "corpus/jiangjin-15th-congress-report.txt",
  title: meta.title,
  text: reportText,
  topLevelHeadings: outline.topLevelHeadings,
};
