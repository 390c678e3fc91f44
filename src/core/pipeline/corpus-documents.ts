import type { AnswerDocument } from "../answering/document-scope.js";
import type { Chunk } from "../chunking/chunk.js";
import { documentSlug } from "../chunking/chunker.js";
import { QaError } from "../errors.js";
import type { IndexManifest } from "../index/manifest.js";
import type { QuestionLexicon } from "../lexicon/question-lexicon.js";
import { indexedText } from "../retrieval/indexed-text.js";
import { normalizeText } from "../text/normalize.js";
import type { QuestionVocabulary } from "../understanding/question-reader.js";

/** One document of the served corpus: what citations, /api/meta, the documents filter and the answer checks know of it. */
export interface CorpusDocument extends AnswerDocument {
  /** The chunk-id prefix ("jiangjin-15th-congress-report"): a filter may name a document by it or by its source. */
  readonly id: string;
  readonly title: string;
  /** For source lists: the meta file's shortTitle, else the title. */
  readonly shortTitle: string;
  readonly author?: string;
  readonly published?: string;
  readonly language?: string;
}

/**
 * The corpus's documents in manifest order, each with its own subject (its lexicon sidecar's
 * place and forms, else the places its title names, as before a corpus could hold several)
 * and the divisions above it. A manifest without documents (an index built by hand) gives
 * one entry per chunk source.
 */
export function corpusDocuments(manifest: IndexManifest, chunks: readonly Chunk[], lexicon: QuestionLexicon, vocabulary: QuestionVocabulary): CorpusDocument[] {
  const listed: IndexManifest["corpus"]["documents"] =
    manifest.corpus.documents.length > 0
      ? manifest.corpus.documents
      : [...new Map(chunks.map((chunk) => [chunk.source, { source: chunk.source, title: chunk.title, sha256: "", characters: 0 }])).values()];
  const sources = listed.map((entry) => entry.source);
  const positions = chunkPositionsBySource(chunks);
  return listed.map((entry) => {
    const report = lexicon.reports.find((candidate) => candidate.source === entry.source);
    const subject = report?.subject;
    const subjectPlaces = subject ? [...new Set([subject.place, ...subject.forms])] : vocabulary.placesIn(normalizeText(entry.title));
    const years = new Map<string, boolean>();
    const own = positions.get(entry.source) ?? [];
    return {
      id: documentSlug(entry.source, sources),
      source: entry.source,
      title: entry.title,
      shortTitle: entry.shortTitle ?? entry.title,
      ...(entry.author ? { author: entry.author } : {}),
      ...(entry.published ? { published: entry.published } : {}),
      ...(entry.language ? { language: entry.language } : {}),
      ...(subject ? { place: subject.place } : {}),
      ...(entry.subjectInEnglish ? { placeInEnglish: entry.subjectInEnglish } : {}),
      ...(subject?.parents[0] ? { parent: subject.parents[0] } : {}),
      ...(entry.parentInEnglish ? { parentInEnglish: entry.parentInEnglish } : {}),
      subjectPlaces,
      parentPlaces: vocabulary.parentsOf?.(subjectPlaces) ?? [],
      // Scanned on first use and remembered: only questions that name a year over a several-document corpus ask.
      containsYear: (year: string) => {
        let found = years.get(year);
        if (found === undefined) {
          found = own.some((position) => normalizeText(indexedText(chunks[position]!)).includes(year));
          years.set(year, found);
        }
        return found;
      },
    };
  });
}

function chunkPositionsBySource(chunks: readonly Chunk[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  chunks.forEach((chunk, position) => {
    const list = positions.get(chunk.source);
    if (list) list.push(position);
    else positions.set(chunk.source, [position]);
  });
  return positions;
}

/**
 * A documents filter (sources or ids, as a request names them) as sources, in corpus order;
 * an unknown name is a 400 that lists the known ones.
 */
export function resolveDocumentFilter(documents: readonly CorpusDocument[], names: readonly string[]): string[] {
  const unknown = names.filter((name) => !documents.some((document) => document.source === name || document.id === name));
  if (unknown.length > 0) {
    const known = documents.map((document) => document.id).join(", ");
    throw new QaError("invalid_parameter", `Unknown document${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `"${name}"`).join(", ")}: documents must be among ${known} (ids or their corpus/ sources).`);
  }
  return documents.filter((document) => names.includes(document.source) || names.includes(document.id)).map((document) => document.source);
}
