import { normalizeText } from "../text/normalize.js";

/**
 * How rare each question word is in the corpus, by substring over normalised chunk
 * texts (words, not tokens: the report has no word boundaries to index). Rare words
 * decide whether a sentence answers a question; 江津, in almost every chunk, barely counts.
 */
export class TermStatistics {
  private readonly texts: readonly string[];
  private readonly frequencies = new Map<string, number>();

  constructor(texts: readonly string[]) {
    this.texts = texts.map((text) => normalizeText(text));
  }

  get documentCount(): number {
    return this.texts.length;
  }

  documentFrequency(term: string): number {
    let frequency = this.frequencies.get(term);
    if (frequency === undefined) {
      frequency = this.texts.reduce((count, text) => count + (text.includes(term) ? 1 : 0), 0);
      this.frequencies.set(term, frequency);
    }
    return frequency;
  }

  /** Inverse document frequency; a single character weighs less, as it matches inside unrelated words. */
  weight(term: string): number {
    const idf = Math.log((this.documentCount + 1) / (this.documentFrequency(term) + 0.5));
    return [...term].length === 1 ? 0.3 * idf : idf;
  }

  /** Whether any two adjacent characters of the term occur together somewhere in the corpus. */
  sharesBigram(term: string): boolean {
    const characters = [...term];
    for (let index = 0; index + 1 < characters.length; index++) {
      if (this.documentFrequency(characters[index]! + characters[index + 1]!) > 0) return true;
    }
    return false;
  }

  /** Whether the corpus contains the term anywhere. */
  contains(term: string): boolean {
    return this.documentFrequency(term) > 0;
  }
}
