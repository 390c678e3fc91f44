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
  /** Per token: the positions of the documents holding it (ascending) and its frequency in each. */
  private readonly postings = new Map<string, { positions: number[]; frequencies: number[] }>();
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly parameters: Bm25Parameters;

  constructor(documents: readonly (readonly string[])[], parameters: Bm25Parameters = { k1: 1.2, b: 0.75 }) {
    this.parameters = parameters;
    this.lengths = documents.map((tokens) => tokens.length);
    this.averageLength = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documents.length);
    const frequencies = new Map<string, number>();
    documents.forEach((tokens, position) => {
      frequencies.clear();
      for (const token of tokens) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
      for (const [token, frequency] of frequencies) {
        let list = this.postings.get(token);
        if (!list) {
          list = { positions: [], frequencies: [] };
          this.postings.set(token, list);
        }
        list.positions.push(position);
        list.frequencies.push(frequency);
      }
    });
  }

  get size(): number {
    return this.lengths.length;
  }

  /** How many documents contain the token (0 when the corpus never uses it). */
  documentFrequency(token: string): number {
    return this.postings.get(token)?.positions.length ?? 0;
  }

  inverseDocumentFrequency(token: string): number {
    const frequency = this.documentFrequency(token);
    return Math.log(1 + (this.size - frequency + 0.5) / (frequency + 0.5));
  }

  search(queryTokens: readonly string[], k: number): LexicalMatch[] {
    const { k1, b } = this.parameters;
    // Scores in a dense array (a large corpus makes a Map of every touched document slow),
    // and the touched positions in first-touch order.
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    for (const token of new Set(queryTokens)) {
      const list = this.postings.get(token);
      if (!list) continue;
      const idf = this.inverseDocumentFrequency(token);
      const { positions, frequencies } = list;
      for (let index = 0; index < positions.length; index++) {
        const position = positions[index]!;
        const frequency = frequencies[index]!;
        const lengthRatio = (this.lengths[position] ?? 0) / (this.averageLength || 1);
        const weight = (idf * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + b * lengthRatio));
        if (scores[position] === 0) touched.push(position);
        scores[position] = scores[position]! + weight;
      }
    }
    // The k best by score, ties by position: a bounded insertion instead of sorting all.
    const wanted = Math.min(Math.max(0, Math.floor(k)), touched.length);
    if (wanted === 0) return [];
    const best: LexicalMatch[] = [];
    for (const position of touched) {
      const score = scores[position]!;
      if (best.length === wanted) {
        const last = best[wanted - 1]!;
        if (score < last.score || (score === last.score && position > last.position)) continue;
        best.pop();
      }
      let slot = best.length;
      while (slot > 0 && (best[slot - 1]!.score < score || (best[slot - 1]!.score === score && best[slot - 1]!.position > position))) slot--;
      best.splice(slot, 0, { position, score });
    }
    return best;
  }
}
