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
    const dimensions = this.dimensions;
    const vectors = this.vectors;
    const wanted = Math.min(Math.max(0, Math.floor(k)), this.count);
    if (wanted === 0) return [];
    const q = Float64Array.from(query);
    // The best `wanted` so far, most similar first (ties: lower position first), kept by
    // insertion: k is small (tens) and most vectors never enter, so this beats sorting all.
    const bestSimilarity = new Float64Array(wanted);
    const bestPosition = new Int32Array(wanted);
    let filled = 0;
    for (let position = 0; position < this.count; position++) {
      let dot = 0;
      const offset = position * dimensions;
      for (let dimension = 0; dimension < dimensions; dimension++) dot += vectors[offset + dimension]! * q[dimension]!;
      // Positions rise, so an equal similarity never displaces an earlier position.
      if (filled === wanted && dot <= bestSimilarity[wanted - 1]!) continue;
      let slot = filled < wanted ? filled++ : wanted - 1;
      while (slot > 0 && bestSimilarity[slot - 1]! < dot) {
        bestSimilarity[slot] = bestSimilarity[slot - 1]!;
        bestPosition[slot] = bestPosition[slot - 1]!;
        slot--;
      }
      bestSimilarity[slot] = dot;
      bestPosition[slot] = position;
    }
    const matches: VectorMatch[] = [];
    for (let index = 0; index < filled; index++) matches.push({ position: bestPosition[index]!, similarity: bestSimilarity[index]! });
    return matches;
  }
}
