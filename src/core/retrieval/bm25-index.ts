import { ByteReader, ByteWriter, readVarint, varintLength } from "../index/packed-bytes.js";

/** A lexical match: the chunk's position and its BM25 score. */
export interface LexicalMatch {
  readonly position: number;
  readonly score: number;
}

export interface Bm25Parameters {
  readonly k1: number;
  readonly b: number;
}

const DEFAULT_PARAMETERS: Bm25Parameters = { k1: 1.2, b: 0.75 };
const MAGIC = 0x35324d42; // "BM25", little-endian
const FORMAT = 1;

/**
 * Okapi BM25 over pre-tokenised documents (tokens from core/text/tokenize.ts). Postings
 * are kept packed: per token, (position gap, frequency) varint pairs in ascending position
 * order, in one byte array, decoded while scoring. Ingest builds it once and stores it as
 * an index file (`serialize`), so loading a large index does not re-tokenise every chunk;
 * an index without that file (older builds, Workers) builds it at load.
 */
export class Bm25Index {
  private readonly vocabulary: Map<string, number>;
  private readonly documentFrequencies: Int32Array;
  /** Byte offset of each token's postings in `packed`; one extra entry ends the last. */
  private readonly postingStarts: Int32Array;
  private readonly packed: Uint8Array;
  private readonly lengths: Int32Array;
  private readonly averageLength: number;
  private readonly parameters: Bm25Parameters;

  constructor(documents: readonly (readonly string[])[], parameters: Bm25Parameters = DEFAULT_PARAMETERS) {
    const builder = new Bm25Builder();
    for (const tokens of documents) builder.add(tokens);
    const parts = builder.parts();
    this.vocabulary = parts.vocabulary;
    this.documentFrequencies = parts.documentFrequencies;
    this.postingStarts = parts.postingStarts;
    this.packed = parts.packed;
    this.lengths = parts.lengths;
    this.parameters = parameters;
    this.averageLength = average(this.lengths);
  }

  /** Builds from texts one at a time (no array of every document's tokens at once). */
  static fromTexts(texts: readonly string[], tokens: (text: string) => readonly string[], parameters: Bm25Parameters = DEFAULT_PARAMETERS): Bm25Index {
    const builder = new Bm25Builder();
    for (const text of texts) builder.add(tokens(text));
    return Bm25Index.fromParts(builder.parts(), parameters);
  }

  private static fromParts(parts: Bm25Parts, parameters: Bm25Parameters): Bm25Index {
    const index = Object.create(Bm25Index.prototype) as { -readonly [K in keyof Bm25Index]: unknown } & Record<string, unknown>;
    Object.assign(index, { ...parts, parameters, averageLength: average(parts.lengths) });
    return index as unknown as Bm25Index;
  }

  /** The stored form (see the class comment); `deserialize` reads it back. */
  serialize(): Uint8Array {
    const tokens = new Array<string>(this.vocabulary.size);
    for (const [token, id] of this.vocabulary) tokens[id] = token;
    const vocabulary = new TextEncoder().encode(tokens.join("\n"));
    const writer = new ByteWriter();
    writer.uint32(MAGIC);
    writer.uint32(FORMAT);
    writer.uint32(this.lengths.length);
    writer.uint32(tokens.length);
    writer.uint32(vocabulary.length);
    writer.uint32(this.packed.length);
    writer.uint32s(this.lengths);
    writer.uint32s(this.documentFrequencies);
    writer.uint32s(this.postingStarts);
    writer.raw(vocabulary);
    writer.raw(this.packed);
    return writer.finish();
  }

  /** Reads `serialize`'s bytes; throws on anything else (the caller has verified the checksum). */
  static deserialize(bytes: Uint8Array, parameters: Bm25Parameters = DEFAULT_PARAMETERS): Bm25Index {
    const reader = new ByteReader(bytes);
    if (reader.uint32() !== MAGIC || reader.uint32() !== FORMAT) throw new RangeError("not a BM25 index file of a known format");
    const documentCount = reader.uint32();
    const tokenCount = reader.uint32();
    const vocabularyBytes = reader.uint32();
    const packedBytes = reader.uint32();
    const lengths = reader.int32s(documentCount);
    const documentFrequencies = reader.int32s(tokenCount);
    const postingStarts = reader.int32s(tokenCount + 1);
    const text = new TextDecoder().decode(reader.raw(vocabularyBytes));
    const packed = reader.raw(packedBytes);
    if (reader.remaining !== 0 || postingStarts[tokenCount] !== packedBytes) throw new RangeError("BM25 index file sizes disagree");
    const vocabulary = new Map<string, number>();
    if (tokenCount > 0) text.split("\n").forEach((token, id) => vocabulary.set(token, id));
    if (vocabulary.size !== tokenCount) throw new RangeError("BM25 vocabulary is damaged");
    return Bm25Index.fromParts({ vocabulary, documentFrequencies, postingStarts, packed, lengths }, parameters);
  }

  get size(): number {
    return this.lengths.length;
  }

  /** How many documents contain the token (0 when the corpus never uses it). */
  documentFrequency(token: string): number {
    const id = this.vocabulary.get(token);
    return id === undefined ? 0 : this.documentFrequencies[id]!;
  }

  inverseDocumentFrequency(token: string): number {
    const frequency = this.documentFrequency(token);
    return Math.log(1 + (this.size - frequency + 0.5) / (frequency + 0.5));
  }

  /** The k best chunks for the tokens; `accept` (a documents filter) leaves out positions before they compete for the k places. */
  search(queryTokens: readonly string[], k: number, accept?: (position: number) => boolean): LexicalMatch[] {
    const { k1, b } = this.parameters;
    // Scores in a dense array (a large corpus makes a Map of every touched document slow),
    // and the touched positions in first-touch order.
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    const packed = this.packed;
    for (const token of new Set(queryTokens)) {
      const id = this.vocabulary.get(token);
      if (id === undefined) continue;
      const idf = this.inverseDocumentFrequency(token);
      const cursor = { offset: this.postingStarts[id]! };
      const end = this.postingStarts[id + 1]!;
      let position = 0;
      while (cursor.offset < end) {
        // Each posting: the gap to the previous chunk position, then the term's frequency there.
        position += readVarint(packed, cursor);
        const frequency = readVarint(packed, cursor);
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
      if (accept && !accept(position)) continue;
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

interface Bm25Parts {
  readonly vocabulary: Map<string, number>;
  readonly documentFrequencies: Int32Array;
  readonly postingStarts: Int32Array;
  readonly packed: Uint8Array;
  readonly lengths: Int32Array;
}

function average(values: Int32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / Math.max(1, values.length);
}

/** Collects (token id, frequency) pairs per document in one growing array, then packs them per token. */
class Bm25Builder {
  private readonly vocabulary = new Map<string, number>();
  private counts = new Int32Array(1024);
  private pairs = new Int32Array(1 << 16);
  private pairCount = 0;
  private readonly documentEnds: number[] = [];
  private readonly lengths: number[] = [];

  add(tokens: readonly string[]): void {
    const touched: number[] = [];
    for (const token of tokens) {
      let id = this.vocabulary.get(token);
      if (id === undefined) {
        id = this.vocabulary.size;
        this.vocabulary.set(token, id);
        if (id >= this.counts.length) {
          const grown = new Int32Array(this.counts.length * 2);
          grown.set(this.counts);
          this.counts = grown;
        }
      }
      if (this.counts[id] === 0) touched.push(id);
      this.counts[id]! += 1;
    }
    if (this.pairCount * 2 + touched.length * 2 > this.pairs.length) {
      let size = this.pairs.length * 2;
      while (size < this.pairCount * 2 + touched.length * 2) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.pairs.subarray(0, this.pairCount * 2));
      this.pairs = grown;
    }
    for (const id of touched) {
      this.pairs[this.pairCount * 2] = id;
      this.pairs[this.pairCount * 2 + 1] = this.counts[id]!;
      this.pairCount++;
      this.counts[id] = 0;
    }
    this.documentEnds.push(this.pairCount);
    this.lengths.push(tokens.length);
  }

  parts(): Bm25Parts {
    const tokenCount = this.vocabulary.size;
    const documentFrequencies = new Int32Array(tokenCount);
    const lastPosition = new Int32Array(tokenCount);
    const byteLengths = new Int32Array(tokenCount);
    const walk = (visit: (id: number, gap: number, frequency: number) => void): void => {
      lastPosition.fill(0);
      let pair = 0;
      this.documentEnds.forEach((end, position) => {
        for (; pair < end; pair++) {
          const id = this.pairs[pair * 2]!;
          visit(id, position - lastPosition[id]!, this.pairs[pair * 2 + 1]!);
          lastPosition[id] = position;
        }
      });
    };
    walk((id, gap, frequency) => {
      documentFrequencies[id]! += 1;
      byteLengths[id]! += varintLength(gap) + varintLength(frequency);
    });
    const postingStarts = new Int32Array(tokenCount + 1);
    for (let id = 0; id < tokenCount; id++) postingStarts[id + 1] = postingStarts[id]! + byteLengths[id]!;
    const packed = new Uint8Array(postingStarts[tokenCount]!);
    const fill = postingStarts.slice(0, tokenCount);
    const put = (value: number, id: number): void => {
      let rest = value;
      while (rest >= 0x80) {
        packed[fill[id]!++] = (rest & 0x7f) | 0x80;
        rest >>>= 7;
      }
      packed[fill[id]!++] = rest;
    };
    walk((id, gap, frequency) => {
      put(gap, id);
      put(frequency, id);
    });
    return { vocabulary: this.vocabulary, documentFrequencies, postingStarts, packed, lengths: Int32Array.from(this.lengths) };
  }
}
