/**
 * Which documents of a corpus a question (or one part of it) is about. Every answer check
 * that rests on "the report" — another place, another level of government, another year —
 * runs against these documents, not against the union of the corpus: a second district's
 * report must neither switch the other-place check off for the first nor answer for it.
 */

/** What the answer checks need to know of one document. */
export interface AnswerDocument {
  /** "corpus/jiangjin-15th-congress-report.txt": what chunks and citations carry. */
  readonly source: string;
  /** The place it is about as it names itself (江津区); absent for a document without a subject. */
  readonly place?: string;
  /** Its place in English for English refusals ("Jiangjin District"); absent when the meta file gives none. */
  readonly placeInEnglish?: string;
  /** The division above the subject as refusals name it (重庆市 / Chongqing). */
  readonly parent?: string;
  readonly parentInEnglish?: string;
  /** Its subject and the subject's short forms (江津区, 江津): naming them is asking about this document. */
  readonly subjectPlaces: readonly string[];
  /** The divisions above the subject (重庆市): a question about them alone asks about another level. */
  readonly parentPlaces: readonly string[];
  /** Whether the document's text holds this year (substring of its indexed texts, as TermStatistics.contains). */
  readonly containsYear: (year: string) => boolean;
}

/** What a question reading offers the scope: the whole places and the years it names. */
export interface ScopedQuestion {
  readonly places: readonly string[];
  readonly years: readonly string[];
}

/**
 * The documents a question is about, among `candidates` (the corpus, or the request's
 * documents filter), in corpus order:
 * - those whose subject it names (永川区的… → the 永川 report) and those whose subject no
 *   sidecar states (a text without sidecars may be about that place as well), else all candidates;
 * - then, when it names years, those holding every one of them; when no single document
 *   holds them all but each year is in one ("2026年和2027年…", two reports), those holding any.
 * A year no candidate holds narrows nothing: the other-year check refuses it.
 */
export function documentsAbout(question: ScopedQuestion, candidates: readonly AnswerDocument[]): readonly AnswerDocument[] {
  const named = candidates.filter((document) => document.subjectPlaces.some((place) => question.places.includes(place)));
  // A document whose subject no sidecar states (its places are only guessed from its title) may be about the named place too: it stays in scope.
  const byPlace = named.length > 0 ? candidates.filter((document) => named.includes(document) || document.place === undefined) : candidates;
  if (question.years.length === 0 || byPlace.length <= 1) return byPlace;
  const holdingAll = byPlace.filter((document) => question.years.every((year) => document.containsYear(year)));
  if (holdingAll.length > 0) return holdingAll;
  const everyYearSomewhere = question.years.every((year) => byPlace.some((document) => document.containsYear(year)));
  return everyYearSomewhere ? byPlace.filter((document) => question.years.some((year) => document.containsYear(year))) : byPlace;
}

/** The subjects and their parents of some documents, each place once, in corpus order. */
export function subjectsOf(documents: readonly AnswerDocument[]): { readonly subjectPlaces: string[]; readonly parentPlaces: string[] } {
  return {
    subjectPlaces: [...new Set(documents.flatMap((document) => document.subjectPlaces))],
    parentPlaces: [...new Set(documents.flatMap((document) => document.parentPlaces))],
  };
}

/**
 * The documents a question compares, when it names two or more and each by something of its
 * own: its place ("江津区和永川区…"), or a year the others lack ("2026年和2027年…" over a
 * 2021 and a 2022 report). Each is then answered from separately, so every one is cited.
 * None (empty) for any other question, and always over a one-document corpus.
 */
export function comparedDocuments(question: ScopedQuestion, candidates: readonly AnswerDocument[]): readonly AnswerDocument[] {
  const about = documentsAbout(question, candidates);
  if (about.length < 2 || about.length > MAX_COMPARED_DOCUMENTS) return [];
  const distinguished = (document: AnswerDocument): boolean =>
    document.subjectPlaces.some((place) => question.places.includes(place)) ||
    question.years.some((year) => document.containsYear(year) && about.some((other) => other !== document && !other.containsYear(year)));
  return about.every(distinguished) ? about : [];
}

/** More documents than this named at once is no comparison: they share one ranking. */
const MAX_COMPARED_DOCUMENTS = 4;
