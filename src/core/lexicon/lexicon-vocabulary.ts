import { findPlaceMentions, placeParents } from "./place-mentions.js";
import type { QuestionLexicon } from "./question-lexicon.js";
import { translateEnglishQuestion } from "./translate-english.js";
import { findVocabularyMatches, rewriteQuestion, type VocabularyKind } from "./vocabulary-lookup.js";

const FRAME: ReadonlySet<VocabularyKind> = new Set(["dialect", "filler"]);
const TOPIC: ReadonlySet<VocabularyKind> = new Set(["everyday", "report"]);
const ENGLISH_WORD = /[a-z]{2,}/u;

/**
 * The lookups of a loaded lexicon in the shape question understanding asks for
 * (QuestionVocabulary in src/core/understanding/question-reader.ts): rewrite, standardise,
 * English, places and their parents. Places are returned as the question writes them, so
 * they can be looked for in cited text.
 */
export function lexiconVocabulary(lexicon: QuestionLexicon) {
  const formsOf = new Map(lexicon.places.map((place) => [place.name, [place.name, ...place.forms]]));
  return {
    rewrite: (normalized: string): string => rewriteQuestion(normalized, lexicon),
    standardize: (normalized: string): string => rewriteQuestion(normalized, lexicon, FRAME),
    // The terms one everyday or report word was rewritten to, with the word itself when the corpus uses it.
    // (An entry's terms may also be parts of one meaning — 经济增速 → 地区生产总值, 增长 — which then count as one term too.)
    alternativesIn: (normalized: string): string[][] =>
      findVocabularyMatches(normalized, lexicon, TOPIC)
        .map((match) => [...(match.inCorpus ? [match.text] : []), ...match.to])
        .filter((group) => group.length > 1),
    translateEnglish: (normalized: string): { chinese: string[]; unknown: string[] } | undefined => {
      if (!ENGLISH_WORD.test(normalized)) return undefined;
      const { terms, unknownWords } = translateEnglishQuestion(normalized, lexicon);
      return terms.length > 0 ? { chinese: terms.map((term) => term.chinese[0]!), unknown: [...unknownWords] } : undefined;
    },
    placesIn: (normalized: string): string[] => [...new Set(findPlaceMentions(normalized, lexicon).map((mention) => mention.form))],
    parentsOf: (places: readonly string[]): string[] => {
      const parents = new Set<string>();
      for (const place of places) {
        for (const mention of findPlaceMentions(place, lexicon)) {
          for (const parent of placeParents(mention.name, lexicon)) for (const form of formsOf.get(parent) ?? [parent]) parents.add(form);
        }
      }
      return [...parents];
    },
  };
}
