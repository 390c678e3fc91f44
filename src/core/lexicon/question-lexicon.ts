import { z } from "zod";

/**
 * The vocabulary questions are read with, as one file stored in the index (ingest merges
 * the general data files of src/core/lexicon/data/, each report's `.lexicon.json` sidecar,
 * the gazetteer and the English lexicon derived from CC-CEDICT). Every string that is
 * matched against a question is already in normalised form (normalizeText), so lookups
 * compare normalised question text with it directly.
 */
export const QUESTION_LEXICON_FORMAT = 1;

/** One word and what it stands for, best first. */
const mappingSchema = z.object({ from: z.string().min(1), to: z.array(z.string().min(1)).min(1) }).strict();
export type LexiconMapping = z.infer<typeof mappingSchema>;

export interface EverydayEntry extends LexiconMapping {
  /** Planning-report domain the entry belongs to (economy, transport, …). */
  readonly domain: string;
  /** The everyday word itself occurs in the corpus: the corpus also uses it, so it is kept beside the formal terms, not replaced. */
  readonly inCorpus: boolean;
}

const sourceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    licence: z.string().min(1),
    version: z.string().optional(),
    /** SHA-256 of the data as read, so a new version of any source changes the lexicon file and the index hash. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/u).optional(),
    note: z.string().optional(),
  })
  .strict();
export type LexiconSource = z.infer<typeof sourceSchema>;

export const PLACE_LEVELS = ["region", "country", "province", "prefecture", "county"] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

export interface Place {
  /** The official name (重庆市, 江津区, 四川省, 美国). */
  readonly name: string;
  readonly level: PlaceLevel;
  /** Official name of the division it belongs to (江津区 → 重庆市); absent for provinces and countries. */
  readonly parent?: string;
  /** Other forms matched in questions (the short name 江津, 四川); the official name is always matched. */
  readonly forms: readonly string[];
}

// The long lists (thousands of places, words and English keys) are checked by hand, not
// element by element through zod: the Worker parses the lexicon on its first request and
// Node on every start, where zod's per-element cost would be most of the index load time.
const nonEmpty = (value: unknown): value is string => typeof value === "string" && value.length > 0;

function isWordList(value: unknown, minimumLength: number): value is string[] {
  return Array.isArray(value) && value.every((word) => nonEmpty(word) && word.length >= minimumLength);
}

const LEVELS: ReadonlySet<unknown> = new Set(PLACE_LEVELS);
function isPlaceList(value: unknown): value is Place[] {
  if (!Array.isArray(value)) return false;
  for (const place of value) {
    if (typeof place !== "object" || place === null) return false;
    const { name, level, parent, forms, ...rest } = place as Record<string, unknown>;
    if (!nonEmpty(name) || !LEVELS.has(level) || (parent !== undefined && !nonEmpty(parent)) || !isWordList(forms, 1) || Object.keys(rest).length > 0) return false;
  }
  return true;
}

function isEverydayList(value: unknown): value is EverydayEntry[] {
  if (!Array.isArray(value)) return false;
  for (const entry of value) {
    if (typeof entry !== "object" || entry === null) return false;
    const { from, to, domain, inCorpus, ...rest } = entry as Record<string, unknown>;
    if (!nonEmpty(from) || !isWordList(to, 1) || (to as string[]).length === 0 || !nonEmpty(domain) || typeof inCorpus !== "boolean" || Object.keys(rest).length > 0) return false;
  }
  return true;
}

const placesSchema = z.custom<Place[]>(isPlaceList, { message: "expected places [{name, level, parent?, forms}]" });
const everydayListSchema = z.custom<EverydayEntry[]>(isEverydayList, { message: "expected everyday entries [{from, to, domain, inCorpus}]" });
const wordListSchema = (minimumLength: number) => z.custom<string[]>((value) => isWordList(value, minimumLength), { message: `expected a list of words of ${minimumLength}+ characters` });

const periodSchema = z.object({ name: z.string().min(1), from: z.number().int(), to: z.number().int() }).strict();

const reportSchema = z
  .object({
    /** The corpus document these entries belong to, e.g. "corpus/jiangjin-15th-congress-report.txt". */
    source: z.string().min(1),
    /** The place the report is about and the divisions above it (a question about the parent is not answered with the subject's figures). */
    subject: z
      .object({
        place: z.string().min(1),
        forms: z.array(z.string().min(1)),
        parents: z.array(z.string().min(1)),
        /** Places inside the subject that the report names (towns, streets): not "somewhere else". */
        localPlaces: z.array(z.string().min(1)),
        /** Divisions bordering the subject: matched by their short forms too. */
        neighbours: z.array(z.string().min(1)),
      })
      .strict()
      .optional(),
    timeFrame: z
      .object({
        /** The year the report speaks from ("今年" in the report). */
        referenceYear: z.number().int(),
        periods: z.array(periodSchema),
      })
      .strict()
      .optional(),
    /** Expressions of this report only (五年后 → 到2026年) and abbreviations the report itself defines (五地 → its five parts). */
    terms: z.array(mappingSchema.extend({ note: z.string().optional(), inCorpus: z.boolean() }).strict()),
  })
  .strict();
export type ReportLexicon = z.infer<typeof reportSchema>;

/** Chinese candidates for one English key, best first: [headword, weight 0–1]. */
export type Candidates = [headword: string, weight: number][];

function isCandidateRecord(value: unknown): value is Record<string, Candidates> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const [key, candidates] of Object.entries(value)) {
    if (!key || !Array.isArray(candidates) || candidates.length === 0) return false;
    for (const candidate of candidates) {
      if (!Array.isArray(candidate) || candidate.length !== 2) return false;
      const [headword, weight] = candidate as unknown[];
      if (!nonEmpty(headword) || typeof weight !== "number" || !(weight >= 0 && weight <= 1)) return false;
    }
  }
  return true;
}
const candidateRecordSchema = z.custom<Record<string, Candidates>>(isCandidateRecord, { message: "expected English key → [[Chinese term, weight 0–1], …]" });

const englishSchema = z
  .object({
    /** Version of the English stemmer the keys were made with (english-words.ts); keys of another version would not match. */
    stemmer: z.string().min(1),
    stopWords: z.array(z.string().min(1)),
    /**
     * Hand-written phrases (general planning-report terms and the reports' own), keyed by the
     * stems of all their words, stop words included, "#" standing for a number ("by #" → 到#年).
     */
    phrases: candidateRecordSchema,
    /** Derived from CC-CEDICT: stems of the content words of a gloss phrase → headwords that occur in the corpus. */
    glosses: candidateRecordSchema,
    /** The longest key, in words: phrase matching starts there. */
    maxPhraseWords: z.number().int().positive(),
  })
  .strict();
export type EnglishLexicon = z.infer<typeof englishSchema>;

export const questionLexiconSchema = z
  .object({
    format: z.literal(QUESTION_LEXICON_FORMAT),
    sources: z.array(sourceSchema),
    /** Everyday words → the formal vocabulary of planning reports, kept only for formal terms the corpus uses. */
    everyday: everydayListSchema,
    /** Chongqing/Sichuan dialect and colloquial words → standard Mandarin. */
    dialect: z.array(mappingSchema),
    /** Particles and fillers that carry no content (噻, 嘛, 哦 …). */
    fillers: z.array(z.string().min(1)),
    /** Words of the question frame (是多少, 哪些, 什么 …), longest first. */
    questionWords: z.array(z.string().min(1)),
    /** Everyday words of questions about any topic: no evidence either way. */
    genericTerms: z.array(z.string().min(1)),
    /** Words that mark a question about the past / the future. */
    pastMarkers: z.array(z.string().min(1)),
    futureMarkers: z.array(z.string().min(1)),
    /** Openers of an elliptical follow-up (那, 那么, 还有 …). */
    followUpOpeners: z.array(z.string().min(1)),
    places: placesSchema,
    /** Corpus words that contain a place name but name something else (綦江河, a river): a place inside one is not a mention. */
    placeCompounds: wordListSchema(1),
    /** Dictionary words (≥ 2 characters) that occur in the corpus, sorted: the corpus's own vocabulary, for whole-word checks. */
    corpusWords: wordListSchema(2),
    /** Dictionary words that contain a one-character entry of the vocabulary (整个, 整体 for 整 → 做): inside them the character is not that entry. */
    containingWords: wordListSchema(2),
    reports: z.array(reportSchema),
    english: englishSchema,
  })
  .strict();

export type QuestionLexicon = z.infer<typeof questionLexiconSchema>;
