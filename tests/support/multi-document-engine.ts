import { readCorpus } from "../../src/adapters/node/corpus-reader.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import type { SourceDocument } from "../../src/core/chunking/source-document.js";
import { buildQuestionLexicon } from "../../src/core/lexicon/build-question-lexicon.js";
import type { QuestionLexicon } from "../../src/core/lexicon/question-lexicon.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { committedLexicon } from "./committed-lexicon.js";
import { projectRoot } from "./corpus.js";

export const JIANGJIN_ID = "jiangjin-15th-congress-report";
export const JIANGJIN_SOURCE = "corpus/jiangjin-15th-congress-report.txt";
/** tests/fixtures/multi-document/: a short hand-written report about 永川区 (invented figures, years 2017–2027), with its sidecars. */
export const YONGCHUAN_ID = "yongchuan-congress-report";
export const YONGCHUAN_SOURCE = "corpus/yongchuan-congress-report.txt";

/** The report and the 永川 fixture as ingest reads them (the corpus reader, sidecars and all). */
export async function twoDistrictDocuments(): Promise<SourceDocument[]> {
  const [jiangjin] = await readCorpus(`${projectRoot}corpus`);
  const [yongchuan] = await readCorpus(`${projectRoot}tests/fixtures/multi-document`);
  return [jiangjin!, yongchuan!];
}

/**
 * The committed index's lexicon (gazetteer, English, the report's sidecar) with the other
 * documents' sidecar entries added, as ingest would merge them: the gazetteer and English
 * dictionary are read only by ingest, so a lexicon built in memory alone would lack them.
 */
export function lexiconWith(documents: readonly SourceDocument[]): QuestionLexicon {
  const committed = committedLexicon();
  const others = documents.filter((document) => !committed.reports.some((report) => report.source === document.source));
  const added = others.length > 0 ? buildQuestionLexicon({ documents: others }).reports : [];
  return { ...committed, reports: [...committed.reports, ...added] };
}

let shared: Promise<QaEngine> | undefined;

/** An in-memory engine over [the report, the 永川 fixture] (~0.5 s once). */
export function twoDistrictEngine(): Promise<QaEngine> {
  shared ??= twoDistrictDocuments().then((documents) => buildInMemoryEngine(documents, DEFAULT_CHUNKER_SETTINGS, { lexicon: lexiconWith(documents) }));
  return shared;
}
