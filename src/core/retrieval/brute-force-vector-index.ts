import { QaError } from "../errors.js";
import type { VectorIndex, VectorMatch } from "../ports/vector-index.js";

/**
 * Exact cosine search by scanning every vector. For a corpus of this size it is as fast
 * as an approximate index, it needs no native code (Workers, machines without a
 * compiler) and it is the reference that HNSW recall is measured against.
 */
export class BruteForceVectorIndex implements VectorIndex {
  readonly kind = "brute-force";
  readonly dimensions: number;
  private vectors: Float32Array;
  private count = 0;

  constructor(dimensions: number, initial?: Float32Array) {
    this.dimensions = dimensions;
    if (initial && initial.length % dimensions !== 0) {
      throw new QaError("index_corrupt", `Vector data holds ${initial.length} values, not a multiple of ${dimensions} dimensions.`);
    }
    this.vectors = initial ? initial : new Float32Array(0);
    this.count = initial ? initial.length / dimensions : 0;
  }

  get size(): number {
    return this.count;
  }

  /** The stored vectors, row after row (what the index files keep). */
  get data(): Float32Array {
    return this.vectors.subarray(0, this.count * this.dimensions);
  }

  add(vectors: readonly (readonly number[])[]): void {
    const grown = new Float32Array((this.count + vectors.length) * this.dimensions);
    grown.set(this.data);
    vectors.forEach((vector, offset) => {
      if (vector.length !== this.dimensions) {
        throw new QaError("invalid_parameter", `A vector of ${vector.length} dimensions cannot join an index of ${this.dimensions}.`);
      }
      grown.set(vector, (this.count + offset) * this.dimensions);
    });
    this.vectors = grown;
    this.count += vectors.length;
  }

  search(query: readonly number[], k: number): VectorMatch[] {
    if (query.length !== this.dimensions) {
      throw new QaError("embedder_mismatch", `Query vector has ${query.length} dimensions; the index has ${this.dimensions}.`);
    }
    const matches: VectorMatch[] = [];
    for (let position = 0; position < this.count; position++) {
      let dot = 0;
      const offset = position * this.dimensions;
      for (let dimension = 0; dimension < this.dimensions; dimension++) dot += this.vectors[offset + dimension]! * query[dimension]!;
      matches.push({ position, similarity: dot });
    }
    return matches.sort((left, right) => right.similarity - left.similarity || left.position - right.position).slice(0, k);
  }
}
