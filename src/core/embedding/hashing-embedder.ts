import { Embeddings } from "@langchain/core/embeddings";
import type { Embedder } from "../ports/embedder.js";
import { fnv1a32 } from "../chunking/stable-hash.js";
import { normalizeText } from "../text/normalize.js";
import { tokenize } from "../text/tokenize.js";

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
const hanCharacter = /\p{Script=Han}/u;

/** Per UTF-16 unit that is a whole code point: 1 when Han, 2 when not, 0 not yet known. */
const unitHan = new Uint8Array(0x10000);
function isHanCharacter(character: string): boolean {
  if (character.length !== 1) return hanCharacter.test(character);
  const unit = character.charCodeAt(0);
  let known = unitHan[unit]!;
  if (known === 0) {
    known = hanCharacter.test(character) ? 1 : 2;
    unitHan[unit] = known;
  }
  return known === 1;
}

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

function countBuckets(text: string, dimensions: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const feature of features(text)) {
    const bucket = fnv1a32(feature) % dimensions;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return counts;
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
    for (const text of texts) for (const bucket of countBuckets(text, dimensions).keys()) documentFrequency[bucket]! += 1;
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
      const counts = countBuckets(text, dimensions);
      for (const bucket of counts.keys()) documentFrequency[bucket]! += 1;
      // Compact (bucket, count) pairs: a Map per text would hold far more memory at scale.
      const pairs = new Int32Array(counts.size * 2);
      let at = 0;
      for (const [bucket, count] of counts) {
        pairs[at++] = bucket;
        pairs[at++] = count;
      }
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
    const counts = countBuckets(text, this.dimensions);
    const pairs = new Int32Array(counts.size * 2);
    let at = 0;
    for (const [bucket, count] of counts) {
      pairs[at++] = bucket;
      pairs[at++] = count;
    }
    return this.vectorFromCounts(pairs);
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
