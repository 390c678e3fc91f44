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

/** Character 1–3-grams of Han runs plus whole Latin/number tokens: matches any wording without a vocabulary. */
function features(text: string): string[] {
  const normalized = normalizeText(text);
  const found = tokenize(normalized);
  const characters = [...normalized];
  const isHan = characters.map((character) => hanCharacter.test(character));
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
    const documentCount = texts.length;
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
    const vector = new Float64Array(this.dimensions);
    for (const [bucket, count] of countBuckets(text, this.dimensions)) {
      vector[bucket] = (1 + Math.log(count)) * (this.state.inverseDocumentFrequency[bucket] ?? 1);
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
