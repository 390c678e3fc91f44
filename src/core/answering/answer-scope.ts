import type { AnswerInput } from "./answer-draft.js";
import type { DocumentPlace } from "./abstention-messages.js";
import { documentsAbout, subjectsOf, type AnswerDocument } from "./document-scope.js";
import type { SentencePool } from "./sentence-ranking.js";
import type { TermStatistics } from "./term-statistics.js";
import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";

/** What the scope is built from: the answerer's view of the corpus. */
export interface ScopeOptions {
  readonly statistics: TermStatistics;
  /** The corpus's subjects as one list (a one-report corpus: its subject and forms). */
  readonly subjectPlaces: readonly string[];
  readonly parentPlaces?: readonly string[];
  readonly documents?: readonly AnswerDocument[];
}

/** The documents one question is checked against, and what the checks read off them. */
export interface AnswerScope {
  readonly subjectPlaces: readonly string[];
  readonly parentPlaces: readonly string[];
  /** The retrieved passages of those documents. */
  readonly passages: readonly RetrievedPassage[];
  readonly knowsYear: (year: string) => boolean;
  /** Their places, for the refusal's wording. */
  readonly about: readonly DocumentPlace[];
  readonly documents: readonly AnswerDocument[];
}

/**
 * The documents this question is checked against: those of the request's filter that it
 * is about (document-scope.ts). Over the whole corpus the checks read the corpus as before
 * (its subjects, TermStatistics for years), so a one-report corpus answers exactly as it did.
 */
export function answerScope(input: AnswerInput, options: ScopeOptions): AnswerScope {
  const { statistics } = options;
  const all = options.documents ?? [];
  const filter = input.documents;
  const allowed = filter ? all.filter((document) => filter.includes(document.source)) : all;
  const about = documentsAbout(input.reading, allowed);
  const whole = about.length === all.length;
  const sources = new Set(about.map((document) => document.source));
  const { subjectPlaces, parentPlaces } = whole ? { subjectPlaces: options.subjectPlaces, parentPlaces: options.parentPlaces ?? [] } : subjectsOf(about);
  return {
    subjectPlaces,
    parentPlaces,
    passages: whole ? input.passages : input.passages.filter((passage) => sources.has(passage.chunk.source)),
    knowsYear: whole ? (year) => statistics.contains(year) : (year) => about.some((document) => document.containsYear(year)),
    about: about.flatMap((document) =>
      document.place
        ? [{ place: document.place, ...(document.placeInEnglish ? { placeInEnglish: document.placeInEnglish } : {}), ...(document.parent ? { parent: document.parent } : {}), ...(document.parentInEnglish ? { parentInEnglish: document.parentInEnglish } : {}) }]
        : [],
    ),
    documents: about,
  };
}

/**
 * The pool's sentences from some of the scope's documents: one part of a comparison
 * ("江津区…，永川区…分别是多少") is answered from the document it names, so each part cites its own.
 */
export function poolOfDocuments(pool: SentencePool, about: readonly AnswerDocument[], scope: readonly AnswerDocument[]): SentencePool {
  if (about.length === scope.length) return pool;
  const sources = new Set(about.map((document) => document.source));
  const kept = pool.sentences.flatMap((sentence, index) => (sources.has(sentence.passage.chunk.source) ? [index] : []));
  return { ...pool, sentences: kept.map((index) => pool.sentences[index]!), vectors: kept.map((index) => pool.vectors[index]) };
}
