import type { HierarchicalNSW } from "hnswlib-node";
import { QaError } from "../../core/errors.js";
import type { VectorFilter, VectorIndex, VectorMatch, VectorRecord } from "../../core/ports/vector-index.js";

export interface HnswSettings {
  readonly m: number;
  readonly efConstruction: number;
  /** Search breadth. hnswlib's default of 10 loses recall; always set it. */
  readonly efSearch: number;
  readonly seed: number;
}

export const DEFAULT_HNSW_SETTINGS: HnswSettings = { m: 16, efConstruction: 100, efSearch: 400, seed: 100 };

/** Above the stored efSearch, the breadth grows as this × √chunkCount (see efSearchFor). */
export const EF_SEARCH_PER_ROOT_CHUNK = 12;

/**
 * efSearch used when serving an index of `chunkCount` chunks whose manifest recorded
 * `stored`: the stored value, or 12 × √chunkCount when that is larger (2,848 at 56,302
 * chunks, 900 at 5,621; below 1,112 chunks the stored 400). Short queries (questions, a few
 * words) over chunk-length hashed n-gram vectors have many near-equal neighbours scattered
 * over the graph, so a fixed breadth loses recall as the corpus grows.
 *
 * Chosen from an efSearch sweep over the scale bench's indexes (512-dim hashing embedder,
 * M 16, efConstruction 100; 343 queries = gold + 200 generated, recall@10 vs exact counting
 * ties within 1e-4 as the bench does, strict id overlap in brackets; HNSW time k = 30 and
 * retrieval p95 k = 6 over the gold questions, per-question medians of ≥ 3 rounds, 2 shared
 * cores, 1-minute load 1.0–3.9):
 *   1000× (56,302): ef 800 0.927 (0.916), 1,600 0.957, 2,000 0.971, 2,500 0.979 (0.967),
 *     2,700 0.9805 (0.968), 2,800 0.981 (0.969), 3,000 0.983 (0.971), 3,560 0.986 (0.974);
 *     HNSW median 7 ms at 800, ≈ 17–20 ms at 2,500–2,850, 22–25 ms at 3,560; retrieval p95
 *     ≈ 21 ms at 800, 30–34 ms at 2,200–3,000, 42 ms at 3,560 (same load).
 *   100× (5,621): ef 400 0.962, 600 0.978, 800 0.984, 1,125 0.989 (0.980); retrieval p95 < 5 ms.
 *   10× (563): ef 100 0.987, 200 0.996, 400 0.999 (0.995).  1× (57): 1.0 at any ef ≥ 100.
 * 0.98 is first reached near ef 2,700 at 1000× and ≈ 660 at 100× (an exponent of ≈ 0.6
 * between the two), so 12 × √n keeps ≥ 0.98 at both with a little margin: measured 0.9819
 * (strict 0.970) at 2,848 and 0.9854 (0.978) at 900. A paired run (2 passes, load ≈ 1.0) put
 * 2,848 against 3,560 at HNSW median 20.4 vs 22.3 ms and retrieval p95 36.5 vs 38.5 ms; so
 * the rule cuts only ≈ 2–5 ms and does not by itself bring 1000× retrieval p95 under 30 ms:
 * the rest of retrieval (BM25, fusion) costs ≈ 10–15 ms, and even ef 800 (recall 0.93)
 * measured ≈ 21 ms. Beyond 1000× the ≈ 0.6 trend suggests √n will under-provision; re-measure
 * before relying on it there. Sweep script: .tmp/ef-tuning/sweep.ts.
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

/**
 * Approximate cosine search through hnswlib-node's HNSW graph. The graph's labels are chunk
 * positions (what the graph file stores); the ids beside it map them to chunk ids.
 */
export class HnswlibVectorIndex implements VectorIndex {
  readonly kind = "hnsw";
  readonly dimensions: number;
  private readonly native: HierarchicalNSW;
  private capacity: number;
  private readonly ids: string[];
  private readonly labels = new Map<string, number>();

  private constructor(native: HierarchicalNSW, dimensions: number, capacity: number, ids: readonly string[]) {
    this.native = native;
    this.dimensions = dimensions;
    this.capacity = capacity;
    this.ids = [...ids];
    this.ids.forEach((id, label) => this.labels.set(id, label));
    if (this.labels.size !== this.ids.length) throw new QaError("index_corrupt", "Two vectors of the HNSW graph have the same chunk id.");
  }

  static async create(dimensions: number, capacity: number, settings: HnswSettings = DEFAULT_HNSW_SETTINGS): Promise<HnswlibVectorIndex> {
    const hnswlib = await requireHnswlib();
    const native = new hnswlib.HierarchicalNSW("cosine", dimensions);
    native.initIndex(Math.max(1, capacity), settings.m, settings.efConstruction, settings.seed);
    native.setEf(settings.efSearch);
    return new HnswlibVectorIndex(native, dimensions, Math.max(1, capacity), []);
  }

  /**
   * Reads a graph file whose labels are the positions of `ids`. Its checksum must have been
   * verified first: a corrupt file can crash the native reader.
   */
  static async read(file: string, dimensions: number, settings: HnswSettings, ids: readonly string[]): Promise<HnswlibVectorIndex> {
    const hnswlib = await requireHnswlib();
    const native = new hnswlib.HierarchicalNSW("cosine", dimensions);
    native.readIndexSync(file);
    native.setEf(settings.efSearch);
    if (native.getCurrentCount() !== ids.length) {
      throw new QaError("index_corrupt", `The HNSW graph holds ${native.getCurrentCount()} vectors for ${ids.length} chunks.`);
    }
    return new HnswlibVectorIndex(native, dimensions, native.getMaxElements(), ids);
  }

  /** How many vectors it holds, without a promise. */
  get count(): number {
    return this.ids.length;
  }

  async size(): Promise<number> {
    return this.ids.length;
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    this.put(records);
  }

  /** upsert without a promise (ingest builds the graph in one go). */
  put(records: readonly VectorRecord[]): void {
    // Checked up front, so a bad batch adds nothing (the native call would throw half-way).
    const wrong = records.find((record) => record.vector.length !== this.dimensions);
    if (wrong) throw new QaError("invalid_parameter", `A vector of ${wrong.vector.length} dimensions cannot join an index of ${this.dimensions}.`);
    const added = new Set(records.filter((record) => !this.labels.has(record.id)).map((record) => record.id)).size;
    const needed = this.ids.length + added;
    if (needed > this.capacity) {
      this.capacity = Math.max(needed, this.capacity * 2);
      this.native.resizeIndex(this.capacity);
    }
    for (const record of records) {
      let label = this.labels.get(record.id);
      if (label === undefined) {
        label = this.ids.length;
        this.ids.push(record.id);
        this.labels.set(record.id, label);
      }
      // hnswlib updates the point of a label it already holds (and its links) in place.
      this.native.addPoint([...record.vector], label);
    }
  }

  async search(query: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]> {
    return this.nearest(query, k, filter);
  }

  /** search without a promise (the scale bench times the graph walk itself). */
  nearest(query: readonly number[], k: number, filter?: VectorFilter): VectorMatch[] {
    if (query.length !== this.dimensions) {
      throw new QaError("embedder_mismatch", `Query vector has ${query.length} dimensions; the index has ${this.dimensions}.`);
    }
    const labels = filter ? [...filter.chunkIds].flatMap((id) => this.labelOf(id)) : undefined;
    const count = Math.min(Math.max(0, Math.floor(k)), labels ? labels.length : this.ids.length);
    if (count === 0) return [];
    // A filter is a walk restricted to its labels, so it returns its nearest chunks, not the
    // few of the unfiltered nearest that happen to pass.
    const allowed = labels ? new Set(labels) : undefined;
    const result = allowed ? this.native.searchKnn([...query], count, (label: number) => allowed.has(label)) : this.native.searchKnn([...query], count);
    // hnswlib's cosine space returns distance = 1 − cosine similarity.
    return result.neighbors.map((label, index) => ({ chunkId: this.ids[label]!, similarity: 1 - (result.distances[index] ?? 1) }));
  }

  private labelOf(id: string): number[] {
    const label = this.labels.get(id);
    return label === undefined ? [] : [label];
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
