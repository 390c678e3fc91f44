import { z } from "zod";
import dialectData from "./data/dialect.json" with { type: "json" };
import englishData from "./data/english.json" with { type: "json" };
import everydayData from "./data/everyday-to-formal.json" with { type: "json" };
import placesData from "./data/places.json" with { type: "json" };
import questionWordsData from "./data/question-words.json" with { type: "json" };
import type { LexiconSource } from "./question-lexicon.js";

/**
 * The general vocabulary data files of src/core/lexicon/data/, validated. Ingest merges
 * them into the index's lexicon (with the report sidecars and the derived English
 * lexicon); nothing reads them at query time, so a change reaches answers only through
 * `npm run ingest`, which also changes the index hash.
 */
const words = z.array(z.string().min(1));
const row = z.array(z.string().min(1)).min(2);
const provenance = { about: z.string(), source: z.string(), licence: z.string() };

const everydaySchema = z.object({ ...provenance, domains: z.record(z.string(), z.array(row)) }).strict();
const dialectSchema = z.object({ ...provenance, words: z.array(row), fillers: words }).strict();
const questionWordsSchema = z
  .object({ ...provenance, questionWords: words, genericTerms: words, pastMarkers: words, futureMarkers: words, followUpOpeners: words })
  .strict();
const englishSchema = z.object({ ...provenance, stopWords: words, phrases: z.array(row) }).strict();
const placesSchema = z
  .object({
    ...provenance,
    countries: words,
    regions: words,
    ethnicGroups: words,
    ambiguousShortForms: words,
    genericDivisionNames: words,
    compoundSuffixes: words,
  })
  .strict();

export type PlaceData = Omit<z.infer<typeof placesSchema>, keyof typeof provenance>;

export interface GeneralVocabulary {
  /** [everyday word, formal term, …] by domain. */
  readonly everyday: Readonly<Record<string, readonly (readonly string[])[]>>;
  /** [dialect form, standard form, …]. */
  readonly dialect: readonly (readonly string[])[];
  readonly fillers: readonly string[];
  readonly questionWords: readonly string[];
  readonly genericTerms: readonly string[];
  readonly pastMarkers: readonly string[];
  readonly futureMarkers: readonly string[];
  readonly followUpOpeners: readonly string[];
  readonly englishStopWords: readonly string[];
  /** [English phrase, Chinese term, …]; "#" is a number. */
  readonly englishPhrases: readonly (readonly string[])[];
  readonly places: PlaceData;
  /** One per data file: what it is, where it comes from, its licence. */
  readonly sources: readonly LexiconSource[];
}

function parse<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`src/core/lexicon/data/${file} is not valid: ${result.error.message}`);
  return result.data;
}

function sourceOf(file: string, data: { source: string; licence: string }): LexiconSource {
  return { id: file.replace(/\.json$/u, ""), name: `src/core/lexicon/data/${file}`, licence: data.licence, note: data.source };
}

let parsed: GeneralVocabulary | undefined;

/** The general data files, parsed once. */
export function generalVocabulary(): GeneralVocabulary {
  if (parsed) return parsed;
  const everyday = parse("everyday-to-formal.json", everydaySchema, everydayData);
  const dialect = parse("dialect.json", dialectSchema, dialectData);
  const question = parse("question-words.json", questionWordsSchema, questionWordsData);
  const english = parse("english.json", englishSchema, englishData);
  const places = parse("places.json", placesSchema, placesData);
  const { about: _about, source: _source, licence: _licence, ...placeData } = places;
  parsed = {
    everyday: everyday.domains,
    dialect: dialect.words,
    fillers: dialect.fillers,
    questionWords: question.questionWords,
    genericTerms: question.genericTerms,
    pastMarkers: question.pastMarkers,
    futureMarkers: question.futureMarkers,
    followUpOpeners: question.followUpOpeners,
    englishStopWords: english.stopWords,
    englishPhrases: english.phrases,
    places: placeData,
    sources: [
      sourceOf("everyday-to-formal.json", everyday),
      sourceOf("dialect.json", dialect),
      sourceOf("question-words.json", question),
      sourceOf("english.json", english),
      sourceOf("places.json", places),
    ],
  };
  return parsed;
}
