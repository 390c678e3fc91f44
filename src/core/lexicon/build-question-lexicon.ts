import { normalizeText } from "../text/normalize.js";
import { findCorpusDictionaryWords, indexDictionary, type DictionaryIndex } from "./corpus-dictionary-words.js";
import { deriveGlossIndex } from "./english-glosses.js";
import { ENGLISH_STEMMER_VERSION, englishTokens, phraseKey } from "./english-words.js";
import { formsOccurringIn } from "./form-index.js";
import { buildGazetteer, findPlaceCompounds, type AdministrativeDivision } from "./gazetteer.js";
import { generalVocabulary, type GeneralVocabulary } from "./general-vocabulary.js";
import { QUESTION_LEXICON_FORMAT, type Candidates, type EverydayEntry, type LexiconMapping, type LexiconSource, type QuestionLexicon, type ReportLexicon } from "./question-lexicon.js";
import type { ReportSidecar } from "./report-sidecar.js";

/** A corpus document as the lexicon needs it (a SourceDocument fits). */
export interface LexiconDocument {
  readonly source: string;
  readonly text: string;
  /** Its `.lexicon.json` sidecar, when it has one. */
  readonly lexicon?: ReportSidecar;
}

export interface QuestionLexiconInputs {
  readonly documents: readonly LexiconDocument[];
  /** Normalised simplified headword → English senses (CC-CEDICT), with its index when already built; without it the English glosses are empty. */
  readonly dictionary?: { readonly entries: ReadonlyMap<string, readonly string[]>; readonly index?: DictionaryIndex; readonly source: LexiconSource };
  /** The official list of administrative divisions; without it the gazetteer holds countries only. */
  readonly divisions?: { readonly list: readonly AdministrativeDivision[]; readonly source: LexiconSource };
  /** The general data files (default: src/core/lexicon/data/). */
  readonly general?: GeneralVocabulary;
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];
const normalizeAll = (values: readonly string[]): string[] => unique(values.map((value) => normalizeText(value)).filter(Boolean));
const longestFirst = (values: readonly string[]): string[] => [...values].sort((left, right) => right.length - left.length || (left < right ? -1 : 1));

function reportLexicon(document: LexiconDocument, sidecar: ReportSidecar, found: ReadonlySet<string>): ReportLexicon {
  const { subject, timeFrame } = sidecar;
  return {
    source: document.source,
    ...(subject
      ? {
          subject: {
            place: normalizeText(subject.place),
            forms: normalizeAll(subject.forms),
            parents: normalizeAll(subject.parents),
            localPlaces: normalizeAll(subject.localPlaces),
            neighbours: normalizeAll(subject.neighbours),
          },
        }
      : {}),
    ...(timeFrame ? { timeFrame: { referenceYear: timeFrame.referenceYear, periods: timeFrame.periods } } : {}),
    terms: sidecar.terms.map((term) => {
      const from = normalizeText(term.from);
      return { from, to: normalizeAll(term.to), ...(term.note ? { note: term.note } : {}), inCorpus: found.has(from) };
    }),
  };
}

/** Dictionary words of two to four characters that contain a one-character entry but are not entries themselves. */
function containingWords(headwords: Iterable<string>, entries: readonly string[]): string[] {
  const single = new Set(entries.filter((entry) => entry.length === 1));
  const known = new Set(entries);
  const words: string[] = [];
  for (const headword of headwords) {
    if (headword.length < 2 || headword.length > 4 || known.has(headword)) continue;
    for (const character of headword) {
      if (single.has(character)) {
        words.push(headword);
        break;
      }
    }
  }
  return words.sort();
}

/**
 * English phrases keyed by their stems; a phrase keeps the Chinese terms the corpus uses
 * (or that carry a number). Earlier rows win a shared key: the reports' own rows come first.
 */
function englishPhrases(rows: readonly (readonly string[])[], inCorpus: (term: string) => boolean): Record<string, Candidates> {
  const phrases = new Map<string, Candidates>();
  for (const [english, ...chinese] of rows) {
    const key = phraseKey(englishTokens(english!));
    const kept = normalizeAll(chinese).filter((term) => term.includes("#") || inCorpus(term));
    if (key && kept.length > 0 && !phrases.has(key)) phrases.set(key, kept.map((term) => [term, 1]));
  }
  return Object.fromEntries([...phrases].sort(([left], [right]) => (left < right ? -1 : 1)));
}

/**
 * Merges the general vocabulary, the reports' sidecars, the gazetteer and the English
 * lexicon derived from the dictionary into one lexicon for this corpus. Deterministic:
 * the same inputs give the same lexicon, key for key.
 */
export function buildQuestionLexicon(inputs: QuestionLexiconInputs): QuestionLexicon {
  const general = inputs.general ?? generalVocabulary();
  const corpusTexts = inputs.documents.map((document) => normalizeText(document.text));
  const sidecars = inputs.documents.flatMap((document) => (document.lexicon ? [{ document, sidecar: document.lexicon }] : []));

  // Everyday entries keep the formal terms the corpus uses; one whose terms it never uses is dropped.
  const everydayRows = Object.entries(general.everyday).flatMap(([domain, rows]) =>
    rows.map(([from, ...to]) => ({ domain, from: normalizeText(from!), to: normalizeAll(to) })),
  );
  const englishRows = [...sidecars.flatMap(({ sidecar }) => sidecar.english), ...general.englishPhrases];
  const candidateTerms = [
    ...everydayRows.flatMap((row) => [row.from, ...row.to]),
    ...englishRows.flatMap(([, ...chinese]) => normalizeAll(chinese)),
    ...sidecars.flatMap(({ sidecar }) => sidecar.terms.map((term) => normalizeText(term.from))),
  ];
  const found = formsOccurringIn(candidateTerms, corpusTexts);
  const reports = sidecars.map(({ document, sidecar }) => reportLexicon(document, sidecar, found));
  const everyday = new Map<string, EverydayEntry>();
  for (const row of everydayRows) {
    const to = row.to.filter((term) => term !== row.from && found.has(term));
    if (to.length > 0 && !everyday.has(row.from)) everyday.set(row.from, { from: row.from, to, domain: row.domain, inCorpus: found.has(row.from) });
  }

  const dialect = new Map<string, LexiconMapping>();
  for (const [from, ...to] of general.dialect) {
    const key = normalizeText(from!);
    if (!dialect.has(key)) dialect.set(key, { from: key, to: normalizeAll(to) });
  }

  const dictionary = inputs.dictionary;
  const dictionaryWords = dictionary ? findCorpusDictionaryWords(dictionary.index ?? indexDictionary(dictionary.entries.keys()), corpusTexts) : { words: [], singleWords: [] };
  const containing = dictionary ? containingWords(dictionary.entries.keys(), [...dialect.keys(), ...everyday.keys(), ...reports.flatMap((report) => report.terms.map((term) => term.from))]) : [];
  const subjects = reports.flatMap((report) => (report.subject ? [report.subject] : []));
  const places = buildGazetteer(inputs.divisions?.list ?? [], general.places, subjects);
  const stopWords = normalizeAll(general.englishStopWords).sort();
  const phrases = englishPhrases(englishRows, (term) => found.has(term));
  const glosses = inputs.dictionary
    ? deriveGlossIndex(inputs.dictionary.entries, [...dictionaryWords.words, ...dictionaryWords.singleWords], new Set(stopWords))
    : {};
  const keyWords = [...Object.keys(phrases), ...Object.keys(glosses)].map((key) => key.split(" ").length);

  return {
    format: QUESTION_LEXICON_FORMAT,
    sources: [
      ...general.sources,
      ...(inputs.dictionary ? [inputs.dictionary.source] : []),
      ...(inputs.divisions ? [inputs.divisions.source] : []),
      ...sidecars.map(({ document }) => ({
        id: `sidecar:${document.source}`,
        name: document.source.replace(/\.(txt|md)$/iu, ".lexicon.json"),
        licence: "Part of the corpus, like the document it belongs to.",
      })),
    ],
    everyday: [...everyday.values()].sort((left, right) => right.from.length - left.from.length || (left.from < right.from ? -1 : 1)),
    dialect: [...dialect.values()].sort((left, right) => right.from.length - left.from.length || (left.from < right.from ? -1 : 1)),
    fillers: longestFirst(normalizeAll(general.fillers)),
    questionWords: longestFirst(normalizeAll(general.questionWords)),
    genericTerms: normalizeAll(general.genericTerms),
    pastMarkers: normalizeAll(general.pastMarkers),
    futureMarkers: normalizeAll(general.futureMarkers),
    followUpOpeners: longestFirst(normalizeAll(general.followUpOpeners)),
    places,
    placeCompounds: findPlaceCompounds(places, corpusTexts, dictionaryWords.words, general.places.compoundSuffixes),
    corpusWords: [...dictionaryWords.words],
    containingWords: containing,
    reports,
    english: { stemmer: ENGLISH_STEMMER_VERSION, stopWords, phrases, glosses, maxPhraseWords: Math.max(1, ...keyWords) },
  };
}

/** The lexicon as stored in the index: compact JSON, keys in a fixed order. */
export function serializeQuestionLexicon(lexicon: QuestionLexicon): string {
  return `${JSON.stringify(lexicon)}\n`;
}
