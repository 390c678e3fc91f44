import type { ReportSidecar } from "../lexicon/report-sidecar.js";

/** One document of the corpus as ingest reads it. */
export interface SourceDocument {
  /** Path shown in citations, e.g. "corpus/jiangjin-15th-congress-report.txt". */
  readonly source: string;
  readonly title: string;
  /** From the document's meta file, for display. */
  readonly author?: string;
  readonly published?: string;
  /** From the meta file: a short name for source lists, and the document's language (zh-Hans). */
  readonly shortTitle?: string;
  readonly language?: string;
  /** From the meta file: the subject place and its parent in English, for English refusals. */
  readonly subjectInEnglish?: string;
  readonly parentInEnglish?: string;
  /** The unmodified file contents; every offset in the product indexes into this string. */
  readonly text: string;
  /**
   * The document's top-level headings, when its outline cannot be read from layout alone
   * (a plain-text report whose chapter and sub-chapter titles look alike). Optional.
   */
  readonly topLevelHeadings?: readonly string[];
  /** The report's own vocabulary from its `<name>.lexicon.json` sidecar (subject place, time frame, defined abbreviations). Optional. */
  readonly lexicon?: ReportSidecar;
}
