/** A lexical match: the chunk's position and its BM25 score. */
export interface LexicalMatch {
  readonly position: number;
  readonly score: number;
}

export interface Bm25Parameters {
  readonly k1: number;
  readonly b: number;
}

/**
 * Okapi BM25 over pre-tokenised documents (tokens from core/text/tokenize.ts). Built in
 * memory at load time from the stored chunks: for this corpus that takes milliseconds,
 * and it keeps the index files to what cannot be recomputed cheaply.
 */
export class Bm25Index {
  private readonly postings = new Map<string, { position: number; frequency: number }[]>();
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly parameters: Bm25Parameters;

  constructor(documents: readonly (readonly string[])[], parameters: Bm25Parameters = { k1: 1.2, b: 0.75 }) {
    this.parameters = parameters;
    this.lengths = documents.map((tokens) => tokens.length);
    this.averageLength = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documents.length);
    documents.forEach((tokens, position) => {
      const frequencies = new Map<string, number>();
      for (const token of tokens) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
      for (const [token, frequency] of frequencies) {
        const list = this.postings.get(token) ?? [];
        list.push({ position, frequency });
        this.postings.set(token, list);
      }
    });
  }

  get size(): number {
    return this.lengths.length;
  }

  /** How many documents contain the token (0 when the corpus never uses it). */
  documentFrequency(token: string): number {
    return this.postings.get(token)?.length ?? 0;
  }

  inverseDocumentFrequency(token: string): number {
    const frequency = this.documentFrequency(token);
    return Math.log(1 + (this.size - frequency + 0.5) / (frequency + 0.5));
  }

  search(queryTokens: readonly string[], k: number): LexicalMatch[] {
    const scores = new Map<number, number>();
    const { k1, b } = this.parameters;
    for (const token of new Set(queryTokens)) {
      const list = this.postings.get(token);
      if (!list) continue;
      const idf = this.inverseDocumentFrequency(token);
      for (const { position, frequency } of list) {
        const lengthRatio = (this.lengths[position] ?? 0) / (this.averageLength || 1);
        const weight = (idf * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + b * lengthRatio));
        scores.set(position, (scores.get(position) ?? 0) + weight);
      }
    }
    return [...scores]
      .map(([position, score]) => ({ position, score }))
      .sort((left, right) => right.score - left.score || left.position - right.position)
      .slice(0, k);
  }
}
