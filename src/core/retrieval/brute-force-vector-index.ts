import { QaError } from "../errors.js";
import type { VectorFilter, VectorIndex, VectorMatch, VectorRecord } from "../ports/vector-index.js";

/** What the index files keep: the chunk ids in order, and their vectors row after row. */
export interface StoredVectors {
  readonly ids: readonly string[];
  readonly vectors: Float32Array;
}

/**
 * Exact cosine search by scanning every vector. For a corpus of this size it is as fast
 * as an approximate index, it needs no native code (Workers, machines without a
 * compiler) and it is the reference that HNSW recall is measured against.
 */
export class BruteForceVectorIndex implements VectorIndex {
  readonly kind = "brute-force";
  readonly dimensions: number;
  private vectors: Float32Array;
  private readonly ids: string[];
  private readonly positions = new Map<string, number>();

  constructor(dimensions: number, initial?: StoredVectors) {
    this.dimensions = dimensions;
    if (initial && initial.vectors.length !== initial.ids.length * dimensions) {
      throw new QaError(
        "index_corrupt",
        `Vector data holds ${initial.vectors.length} values for ${initial.ids.length} chunks of ${dimensions} dimensions.`,
      );
    }
    this.vectors = initial ? initial.vectors : new Float32Array(0);
    this.ids = initial ? [...initial.ids] : [];
    this.ids.forEach((id, position) => this.positions.set(id, position));
    if (this.positions.size !== this.ids.length) throw new QaError("index_corrupt", "Two stored vectors have the same chunk id.");
  }

  /** How many vectors it holds, without a promise (bench, tests). */
  get count(): number {
    return this.ids.length;
  }

  async size(): Promise<number> {
    return this.ids.length;
  }

  /** The stored vectors, row after row (what the index files keep). */
  get data(): Float32Array {
    return this.vectors.subarray(0, this.ids.length * this.dimensions);
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    this.put(records);
  }

  /** upsert without a promise: replaces known ids in place, appends new ones in order. */
  put(records: readonly VectorRecord[]): void {
    const wrong = records.find((record) => record.vector.length !== this.dimensions);
    if (wrong) throw new QaError("invalid_parameter", `A vector of ${wrong.vector.length} dimensions cannot join an index of ${this.dimensions}.`);
    const added = new Set(records.filter((record) => !this.positions.has(record.id)).map((record) => record.id)).size;
    if (added > 0) {
      const grown = new Float32Array((this.ids.length + added) * this.dimensions);
      grown.set(this.data);
      this.vectors = grown;
    }
    for (const record of records) {
      let position = this.positions.get(record.id);
      if (position === undefined) {
        position = this.ids.length;
        this.ids.push(record.id);
        this.positions.set(record.id, position);
      }
      this.vectors.set(record.vector, position * this.dimensions);
    }
  }

  async search(query: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]> {
    return this.nearest(query, k, filter);
  }

  /** search without a promise (the scale bench times the scan itself). */
  nearest(query: readonly number[], k: number, filter?: VectorFilter): VectorMatch[] {
    if (query.length !== this.dimensions) {
      throw new QaError("embedder_mismatch", `Query vector has ${query.length} dimensions; the index has ${this.dimensions}.`);
    }
    // A filter scans only its chunks, in position order, so ties still break the same way.
    const only = filter ? Int32Array.from(this.positionsOf(filter.chunkIds)).sort() : undefined;
    const candidates = only ? only.length : this.ids.length;
    const wanted = Math.min(Math.max(0, Math.floor(k)), candidates);
    if (wanted === 0) return [];
    const dimensions = this.dimensions;
    const vectors = this.vectors;
    const q = Float64Array.from(query);
    // The best `wanted` so far, most similar first (ties: lower position first), kept by
    // insertion: k is small (tens) and most vectors never enter, so this beats sorting all.
    const bestSimilarity = new Float64Array(wanted);
    const bestPosition = new Int32Array(wanted);
    let filled = 0;
    for (let candidate = 0; candidate < candidates; candidate++) {
      const position = only ? only[candidate]! : candidate;
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
    for (let index = 0; index < filled; index++) matches.push({ chunkId: this.ids[bestPosition[index]!]!, similarity: bestSimilarity[index]! });
    return matches;
  }

  private *positionsOf(chunkIds: ReadonlySet<string>): Iterable<number> {
    for (const id of chunkIds) {
      const position = this.positions.get(id);
      if (position !== undefined) yield position;
    }
  }
}
