import { buildQuestionLexicon, serializeQuestionLexicon, type LexiconDocument } from "../../core/lexicon/build-question-lexicon.js";
import { loadAdministrativeDivisions } from "./administrative-divisions.js";
import { loadEnglishDictionary } from "./cc-cedict-dictionary.js";

/**
 * The index's lexicon file for a corpus: the general data files, the documents'
 * `.lexicon.json` sidecars, the gazetteer from china-area-data and the English lexicon
 * derived from the vendored CC-CEDICT, merged (deterministic: same inputs, same bytes).
 */
export async function buildCorpusLexiconFile(documents: readonly LexiconDocument[]): Promise<string> {
  const [dictionary, divisions] = await Promise.all([loadEnglishDictionary(), loadAdministrativeDivisions()]);
  return serializeQuestionLexicon(buildQuestionLexicon({ documents, dictionary, divisions }));
}
