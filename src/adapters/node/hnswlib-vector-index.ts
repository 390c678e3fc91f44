import type { HierarchicalNSW } from "hnswlib-node";
import { QaError } from "../../core/errors.js";
import type { VectorIndex, VectorMatch } from "../../core/ports/vector-index.js";

export interface HnswSettings {
  readonly m: number;
  readonly efConstruction: number;
  /** Search breadth. hnswlib's default of 10 loses recall; always set it. */
  readonly efSearch: number;
  readonly seed: number;
}

export const DEFAULT_HNSW_SETTINGS: HnswSettings = { m: 16, efConstruction: 100, efSearch: 400, seed: 100 };

/** Above the stored efSearch, the breadth grows as this × √chunkCount (see efSearchFor). */
export const EF_SEARCH_PER_ROOT_CHUNK = 15;

/**
 * efSearch used when serving an index of `chunkCount` chunks whose manifest recorded
 * `stored`: the stored value, or 15 × √chunkCount when that is larger (3,560 at 56,302
 * chunks, 1,125 at 5,621). Measured on the scale bench's 1000× corpus (56,302 chunks, M 16,
 * efConstruction 100): recall@10 against exact search 0.87 at efSearch 400, 0.94 at 1,000,
 * 0.97 at 2,000, 0.987 at 4,000; at 100× (5,621 chunks) 0.96 at 400 — short queries
 * (questions, a few words) over chunk-length hashed n-gram vectors have many near-equal
 * neighbours scattered over the graph, so a fixed breadth loses recall as the corpus grows.
 */
export function efSearchFor(chunkCount: number, stored: number): number {
  return Math.max(stored, Math.ceil(EF_SEARCH_PER_ROOT_CHUNK * Math.sqrt(chunkCount)));
}

type HnswlibModule = typeof import("hnswlib-node");
let loaded: Promise<HnswlibModule | undefined> | undefined;

/**
 * hnswlib-node is a native addon compiled at install time. On a machine where that
 * failed there is no module, and the caller falls back to exact search instead of dying.
 */
export function loadHnswlib(): Promise<HnswlibModule | undefined> {
  loaded ??= import("hnswlib-node").then(
    (module) => (module as HnswlibModule & { default?: HnswlibModule }).default ?? module,
    () => undefined,
  );
  return loaded;
}

/** Approximate cosine search through hnswlib-node's HNSW graph. */
export class HnswlibVectorIndex implements VectorIndex {
  readonly kind = "hnsw";
  readonly dimensions: number;
  private readonly native: HierarchicalNSW;
  private capacity: number;

  private constructor(native: HierarchicalNSW, dimensions: number, capacity: number) {
    this.native = native;
    this.dimensions = dimensions;
    this.capacity = capacity;
  }

  static async create(dimensions: number, capacity: number, settings: HnswSettings = DEFAULT_HNSW_SETTINGS): Promise<HnswlibVectorIndex> {
    const hnswlib = await requireHnswlib();
    const native = new hnswlib.HierarchicalNSW("cosine", dimensions);
    native.initIndex(Math.max(1, capacity), settings.m, settings.efConstruction, settings.seed);
    native.setEf(settings.efSearch);
    return new HnswlibVectorIndex(native, dimensions, Math.max(1, capacity));
  }

  /** Reads a graph file. Its checksum must have been verified first: a corrupt file can crash the native reader. */
  static async read(file: string, dimensions: number, settings: HnswSettings): Promise<HnswlibVectorIndex> {
    const hnswlib = await requireHnswlib();
    const native = new hnswlib.HierarchicalNSW("cosine", dimensions);
    native.readIndexSync(file);
    native.setEf(settings.efSearch);
    return new HnswlibVectorIndex(native, dimensions, native.getMaxElements());
  }

  get size(): number {
    return this.native.getCurrentCount();
  }

  add(vectors: readonly (readonly number[])[]): void {
    // Checked up front, so a bad batch adds nothing (the native call would throw half-way).
    const wrong = vectors.find((vector) => vector.length !== this.dimensions);
    if (wrong) throw new QaError("invalid_parameter", `A vector of ${wrong.length} dimensions cannot join an index of ${this.dimensions}.`);
    const needed = this.size + vectors.length;
    if (needed > this.capacity) {
      this.capacity = Math.max(needed, this.capacity * 2);
      this.native.resizeIndex(this.capacity);
    }
    let label = this.size;
    for (const vector of vectors) this.native.addPoint([...vector], label++);
  }

  search(query: readonly number[], k: number): VectorMatch[] {
    if (query.length !== this.dimensions) {
      throw new QaError("embedder_mismatch", `Query vector has ${query.length} dimensions; the index has ${this.dimensions}.`);
    }
    const count = Math.min(k, this.size);
    if (count === 0) return [];
    const result = this.native.searchKnn([...query], count);
    // hnswlib's cosine space returns distance = 1 − cosine similarity.
    return result.neighbors.map((position, index) => ({ position, similarity: 1 - (result.distances[index] ?? 1) }));
  }

  write(file: string): void {
    this.native.writeIndexSync(file);
  }
}

async function requireHnswlib(): Promise<HnswlibModule> {
  const hnswlib = await loadHnswlib();
  if (!hnswlib) {
    throw new QaError("index_missing", "hnswlib-node is not available (its native build failed at install); exact search is used instead.");
  }
  return hnswlib;
}
