import { Embeddings } from "@langchain/core/embeddings";
import type { Embedder } from "../ports/embedder.js";
import { fnv1a32 } from "../chunking/stable-hash.js";
import { normalizeText } from "../text/normalize.js";
import { isHanCharacter, tokenize } from "../text/tokenize.js";

/** What ingest fits and stores beside the index; without it queries cannot be weighted like the corpus. */
export interface HashingEmbedderState {
  readonly kind: "hashing-ngram";
  readonly version: 1;
  readonly dimensions: number;
  readonly documentCount: number;
  /** Inverse document frequency per hash bucket, rounded so the stored JSON is byte-stable. */
  readonly inverseDocumentFrequency: readonly number[];
}

export const DEFAULT_HASHING_DIMENSIONS = 512;
/** Character 1–3-grams of Han runs plus whole Latin/number tokens: matches any wording without a vocabulary. */
function features(text: string): string[] {
  const normalized = normalizeText(text);
  const found = tokenize(normalized);
  const characters = [...normalized];
  const isHan = characters.map(isHanCharacter);
  for (let index = 0; index + 2 < characters.length; index++) {
    if (isHan[index] && isHan[index + 1] && isHan[index + 2]) found.push(characters[index]! + characters[index + 1]! + characters[index + 2]!);
  }
  return found;
}

/**
 * (bucket, count) pairs of a text's features, in first-seen order: compact, so ingest can
 * keep every chunk's counts between fitting and embedding at 1000× scale.
 */
function countBuckets(text: string, dimensions: number): Int32Array {
  const counts = new Map<number, number>();
  for (const feature of features(text)) {
    const bucket = fnv1a32(feature) % dimensions;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const pairs = new Int32Array(counts.size * 2);
  let at = 0;
  for (const [bucket, count] of counts) {
    pairs[at++] = bucket;
    pairs[at++] = count;
  }
  return pairs;
}

function addDocumentFrequency(documentFrequency: Float64Array, pairs: Int32Array): void {
  for (let at = 0; at < pairs.length; at += 2) documentFrequency[pairs[at]!]! += 1;
}

/**
 * The default embedder: hashed character n-grams weighted by TF-IDF from the corpus and
 * L2-normalised. Needs no model download and no native code, so the same vectors come
 * out in Node and in Workers, and a rebuild is byte-identical.
 *
 * @example
 *   const embedder = HashingEmbedder.fit(chunkTexts);
 *   const vector = await embedder.embedQuery("到2026年地区生产总值目标是多少");
 */
export class HashingEmbedder extends Embeddings implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly state: HashingEmbedderState;

  private constructor(state: HashingEmbedderState) {
    super({});
    this.state = state;
    this.dimensions = state.dimensions;
    this.id = `hashing-ngram:v${state.version}:d${state.dimensions}`;
  }

  static fit(texts: readonly string[], dimensions = DEFAULT_HASHING_DIMENSIONS): HashingEmbedder {
    const documentFrequency = new Float64Array(dimensions);
    for (const text of texts) addDocumentFrequency(documentFrequency, countBuckets(text, dimensions));
    return HashingEmbedder.fromDocumentFrequency(documentFrequency, texts.length, dimensions);
  }

  /**
   * `fit` and the embedding of the same texts in one pass over their features (ingest
   * computes each text's features once, not once to fit and again to embed). The vectors
   * are exactly `embedText`'s.
   */
  static fitWithVectors(texts: readonly string[], dimensions = DEFAULT_HASHING_DIMENSIONS): { embedder: HashingEmbedder; vectors: number[][] } {
    const documentFrequency = new Float64Array(dimensions);
    const counted = texts.map((text) => {
      const pairs = countBuckets(text, dimensions);
      addDocumentFrequency(documentFrequency, pairs);
      return pairs;
    });
    const embedder = HashingEmbedder.fromDocumentFrequency(documentFrequency, texts.length, dimensions);
    const vectors = counted.map((pairs) => embedder.vectorFromCounts(pairs));
    return { embedder, vectors };
  }

  private static fromDocumentFrequency(documentFrequency: Float64Array, documentCount: number, dimensions: number): HashingEmbedder {
    const inverseDocumentFrequency = Array.from(documentFrequency, (frequency) =>
      Number((Math.log((documentCount + 1) / (frequency + 1)) + 1).toFixed(6)),
    );
    return new HashingEmbedder({ kind: "hashing-ngram", version: 1, dimensions, documentCount, inverseDocumentFrequency });
  }

  static fromState(state: HashingEmbedderState): HashingEmbedder {
    return new HashingEmbedder(state);
  }

  toState(): HashingEmbedderState {
    return this.state;
  }

  embedText(text: string): number[] {
    return this.vectorFromCounts(countBuckets(text, this.dimensions));
  }

  /** The unit vector for (bucket, count) pairs, in `countBuckets` order. */
  private vectorFromCounts(pairs: Int32Array): number[] {
    const vector = new Float64Array(this.dimensions);
    for (let at = 0; at < pairs.length; at += 2) {
      const bucket = pairs[at]!;
      vector[bucket] = (1 + Math.log(pairs[at + 1]!)) * (this.state.inverseDocumentFrequency[bucket] ?? 1);
    }
    // Summed in dimension order, so the vectors stay bit-identical to earlier builds.
    let squares = 0;
    for (let index = 0; index < this.dimensions; index++) squares += vector[index]! * vector[index]!;
    const norm = Math.sqrt(squares);
    const result = new Array<number>(this.dimensions);
    for (let index = 0; index < this.dimensions; index++) result[index] = norm > 0 ? vector[index]! / norm : vector[index]!;
    return result;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.embedText(document));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedText(document);
  }
}
