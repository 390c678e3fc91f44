import { IndexCorruptError } from "../errors.js";
import { ENGLISH_STEMMER_VERSION } from "./english-words.js";
import { questionLexiconSchema, type QuestionLexicon } from "./question-lexicon.js";

const REBUILD = "Rebuild the index with: npm run ingest";

/**
 * The index's lexicon file (bytes as stored, already checked against the manifest) as a
 * typed QuestionLexicon. A file that is not JSON, does not match the schema, or was keyed
 * by another English stemmer is refused with what to run, never half-used.
 */
export function parseQuestionLexicon(stored: Uint8Array | string, where = "The index's lexicon file"): QuestionLexicon {
  let json: unknown;
  try {
    json = JSON.parse(typeof stored === "string" ? stored : new TextDecoder().decode(stored));
  } catch {
    throw new IndexCorruptError(`${where} is not valid JSON. ${REBUILD}`);
  }
  const result = questionLexiconSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new IndexCorruptError(`${where} is not a question lexicon this version reads (${issue?.message ?? "invalid"}${path}). ${REBUILD}`);
  }
  if (result.data.english.stemmer !== ENGLISH_STEMMER_VERSION) {
    throw new IndexCorruptError(`${where} was made with English stemmer ${result.data.english.stemmer}; this version uses ${ENGLISH_STEMMER_VERSION}. ${REBUILD}`);
  }
  return result.data;
}
