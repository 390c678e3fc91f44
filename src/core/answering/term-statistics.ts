import { ByteReader, ByteWriter, readVarint, varintLength } from "../index/packed-bytes.js";
import { normalizeText } from "../text/normalize.js";

/** Distinct terms whose frequency is remembered; questions bring new words forever, memory must not grow with them. */
const REMEMBERED_TERMS = 20_000;

/**
 * Which texts hold each UTF-16 unit and each pair of adjacent units: postings (ascending
 * text numbers) in one flat array, built once. A term's frequency is then found from the
 * rarest postings of its pairs, verified with `includes`, instead of scanning every text.
 * Units rather than code points: a text holding a term holds every unit pair of it, so
 * the candidates are never too few, and the verification keeps the count exact.
 * Postings are stored packed (per key, ascending text-number gaps as varints) and decoded
 * when a term asks for them; `serialize` writes them as an index file, so loading a large
 * index does not rebuild them from every text.
 */
class PairPostings {
  /** Unit → its number among the units the texts hold, from 1; 0 for a unit no text holds. */
  private readonly unitNumbers = new Int32Array(65536);
  /** Open-addressing table from a pair's key (first's number × 65536 + second's; never 0) to its id. */
  private tableKeys = new Uint32Array(1 << 12);
  private tableIds = new Int32Array(1 << 12);
  /** 32 − log2(table size): the multiplicative hash keeps its high bits, which depend on every bit of the key. */
  private tableShift = 32 - 12;
  private keyCount = 0;
  /** Texts per key (the length of its postings). */
  private counts: Int32Array = new Int32Array(0);
  /** Byte offset of each key's packed postings; one extra entry ends the last. */
  private starts: Int32Array = new Int32Array(1);
  private packed: Uint8Array = new Uint8Array(0);

  static fromTexts(texts: readonly string[]): PairPostings {
    const postings = new PairPostings();
    postings.build(texts);
    return postings;
  }

  private build(texts: readonly string[]): void {
    let unitCount = 0;
    for (const text of texts) {
      for (let index = 0; index < text.length; index++) {
        const unit = text.charCodeAt(index);
        if (this.unitNumbers[unit] === 0) this.unitNumbers[unit] = ++unitCount;
      }
    }
    // Units take ids 0 … unitCount − 1 (their number − 1); pairs get theirs from the table.
    this.keyCount = unitCount;
    // Pass 1 gives every distinct pair an id and counts the texts holding each key; pass 2
    // fills each key's postings in text order. `lastText` makes a text count once per key.
    let counts = new Int32Array(Math.max(1024, unitCount));
    let lastText = new Int32Array(counts.length).fill(-1);
    let postings = new Int32Array(0);
    let fill = new Int32Array(0);
    let offsets = new Int32Array(1);
    for (let pass = 1; pass <= 2; pass++) {
      for (let textNumber = 0; textNumber < texts.length; textNumber++) {
        const text = texts[textNumber]!;
        let previous = 0;
        for (let index = 0; index < text.length; index++) {
          const number = this.unitNumbers[text.charCodeAt(index)]!;
          let id = number - 1;
          for (let key = 0; ; key++) {
            if (lastText[id] !== textNumber) {
              lastText[id] = textNumber;
              if (pass === 1) counts[id]! += 1;
              else postings[fill[id]!++] = textNumber;
            }
            if (key === 1 || previous === 0) break;
            id = this.idOf(previous * 65536 + number, pass === 1);
            if (id >= counts.length) {
              const grownCounts = new Int32Array(counts.length * 2);
              grownCounts.set(counts);
              counts = grownCounts;
              const grownLast = new Int32Array(lastText.length * 2).fill(-1);
              grownLast.set(lastText);
              lastText = grownLast;
            }
          }
          previous = number;
        }
      }
      if (pass === 1) {
        offsets = new Int32Array(this.keyCount + 1);
        for (let id = 0; id < this.keyCount; id++) offsets[id + 1] = offsets[id]! + counts[id]!;
        postings = new Int32Array(offsets[this.keyCount]!);
        fill = offsets.slice(0, this.keyCount);
        lastText.fill(-1);
      }
    }
    // Pack each key's ascending text numbers as gaps.
    this.counts = counts.slice(0, this.keyCount);
    this.starts = new Int32Array(this.keyCount + 1);
    for (let id = 0; id < this.keyCount; id++) {
      let bytes = 0;
      let previous = 0;
      for (let at = offsets[id]!; at < offsets[id + 1]!; at++) {
        bytes += varintLength(postings[at]! - previous);
        previous = postings[at]!;
      }
      this.starts[id + 1] = this.starts[id]! + bytes;
    }
    this.packed = new Uint8Array(this.starts[this.keyCount]!);
    let write = 0;
    for (let id = 0; id < this.keyCount; id++) {
      let previous = 0;
      for (let at = offsets[id]!; at < offsets[id + 1]!; at++) {
        let rest = postings[at]! - previous;
        previous = postings[at]!;
        while (rest >= 0x80) {
          this.packed[write++] = (rest & 0x7f) | 0x80;
          rest >>>= 7;
        }
        this.packed[write++] = rest;
      }
    }
  }

  /** Units in number order, the pair keys in id order, then counts, starts and packed postings. */
  serialize(): Uint8Array {
    const units: number[] = [];
    for (let unit = 0; unit < 65536; unit++) if (this.unitNumbers[unit]! > 0) units[this.unitNumbers[unit]! - 1] = unit;
    const keys = new Uint32Array(this.keyCount - units.length);
    for (let slot = 0; slot < this.tableKeys.length; slot++) {
      if (this.tableKeys[slot] !== 0) keys[this.tableIds[slot]! - units.length] = this.tableKeys[slot]!;
    }
    const writer = new ByteWriter();
    writer.uint32(MAGIC);
    writer.uint32(FORMAT);
    writer.uint32(units.length);
    writer.uint32(this.keyCount);
    writer.uint32(this.packed.length);
    writer.uint32s(units);
    writer.uint32s(keys);
    writer.uint32s(this.counts);
    writer.uint32s(this.starts);
    writer.raw(this.packed);
    return writer.finish();
  }

  static deserialize(bytes: Uint8Array): PairPostings {
    const reader = new ByteReader(bytes);
    if (reader.uint32() !== MAGIC || reader.uint32() !== FORMAT) throw new RangeError("not a term postings file of a known format");
    const unitCount = reader.uint32();
    const keyCount = reader.uint32();
    const packedBytes = reader.uint32();
    if (unitCount > 65536 || keyCount < unitCount) throw new RangeError("term postings header is damaged");
    const postings = new PairPostings();
    const units = reader.int32s(unitCount);
    units.forEach((unit, index) => (postings.unitNumbers[unit & 0xffff] = index + 1));
    const keys = reader.int32s(keyCount - unitCount);
    postings.keyCount = unitCount;
    for (const key of keys) postings.idOf(key >>> 0, true);
    postings.counts = reader.int32s(keyCount);
    postings.starts = reader.int32s(keyCount + 1);
    postings.packed = reader.raw(packedBytes);
    if (reader.remaining !== 0 || postings.keyCount !== keyCount || postings.starts[keyCount] !== packedBytes) throw new RangeError("term postings sizes disagree");
    return postings;
  }

  /** The key's id; a new one when `add` and the key is new, else -1 for an unknown key. */
  private idOf(key: number, add: boolean): number {
    const mask = this.tableKeys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.tableShift;
    for (;;) {
      const found = this.tableKeys[slot]!;
      if (found === key) return this.tableIds[slot]!;
      if (found === 0) break;
      slot = (slot + 1) & mask;
    }
    if (!add) return -1;
    this.tableKeys[slot] = key;
    this.tableIds[slot] = this.keyCount;
    const id = this.keyCount++;
    if (this.keyCount * 2 > this.tableKeys.length) this.grow();
    return id;
  }

  private grow(): void {
    const [keys, ids] = [this.tableKeys, this.tableIds];
    this.tableKeys = new Uint32Array(keys.length * 2);
    this.tableIds = new Int32Array(keys.length * 2);
    this.tableShift -= 1;
    const mask = this.tableKeys.length - 1;
    for (let old = 0; old < keys.length; old++) {
      const key = keys[old]!;
      if (key === 0) continue;
      let slot = Math.imul(key, 0x9e3779b1) >>> this.tableShift;
      while (this.tableKeys[slot] !== 0) slot = (slot + 1) & mask;
      this.tableKeys[slot] = key;
      this.tableIds[slot] = ids[old]!;
    }
  }

  /** Texts holding this unit (`second` absent) or this pair of units, ascending; empty when none. */
  of(first: number, second?: number): Int32Array {
    const [one, two] = [this.unitNumbers[first]!, second === undefined ? -1 : this.unitNumbers[second]!];
    if (one === 0 || two === 0) return new Int32Array(0);
    const id = two < 0 ? one - 1 : this.idOf(one * 65536 + two, false);
    return id < 0 ? new Int32Array(0) : this.decode(id);
  }

  /** How many texts hold this unit or pair, without decoding its postings. */
  countOf(first: number, second?: number): number {
    const [one, two] = [this.unitNumbers[first]!, second === undefined ? -1 : this.unitNumbers[second]!];
    if (one === 0 || two === 0) return 0;
    const id = two < 0 ? one - 1 : this.idOf(one * 65536 + two, false);
    return id < 0 ? 0 : this.counts[id]!;
  }

  private decode(id: number): Int32Array {
    const result = new Int32Array(this.counts[id]!);
    const cursor = { offset: this.starts[id]! };
    let value = 0;
    for (let index = 0; index < result.length; index++) {
      value += readVarint(this.packed, cursor);
      result[index] = value;
    }
    return result;
  }
}

const MAGIC = 0x4d524554; // "TERM", little-endian
const FORMAT = 1;

/** First position at or after `from` whose value is ≥ `value` (galloping, then binary search). */
function seek(sorted: Int32Array, from: number, value: number): number {
  let step = 1;
  let low = from;
  let high = from;
  while (high < sorted.length && sorted[high]! < value) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, sorted.length);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How rare each question word is in the corpus, by substring over normalised chunk
 * texts (words, not tokens: the report has no word boundaries to index). Rare words
 * decide whether a sentence answers a question; 江津, in almost every chunk, barely counts.
 */
export class TermStatistics {
  /** The texts as given; each is normalised when a count first needs it (see `text`). */
  private readonly texts: readonly string[];
  private readonly normalized: (string | undefined)[];
  private readonly index: PairPostings;
  private readonly frequencies = new Map<string, number>();
  private readonly weights = new Map<string, number>();

  /**
   * Over these texts (normalised here). With `stored` (what `serialize` wrote for the same
   * texts, e.g. an index file) the postings are read instead of rebuilt, and each text is
   * normalised only when a count first needs to verify it.
   */
  constructor(texts: readonly string[], stored?: Uint8Array) {
    if (stored) {
      this.texts = texts;
      this.normalized = new Array<string | undefined>(texts.length);
      this.index = PairPostings.deserialize(stored);
    } else {
      const normalized = texts.map((text) => normalizeText(text));
      this.texts = normalized;
      this.normalized = normalized;
      this.index = PairPostings.fromTexts(normalized);
    }
  }

  /** The postings in their stored form, for `new TermStatistics(texts, stored)`. */
  serialize(): Uint8Array {
    return this.index.serialize();
  }

  get documentCount(): number {
    return this.texts.length;
  }

  private text(textNumber: number): string {
    let text = this.normalized[textNumber];
    if (text === undefined) {
      text = normalizeText(this.texts[textNumber]!);
      this.normalized[textNumber] = text;
    }
    return text;
  }

  /** Number of texts containing `term` as a substring (exactly what a scan with `includes` counts). */
  documentFrequency(term: string): number {
    let frequency = this.frequencies.get(term);
    if (frequency === undefined) {
      frequency = this.countTextsContaining(term);
      if (this.frequencies.size >= REMEMBERED_TERMS) this.frequencies.clear();
      this.frequencies.set(term, frequency);
    }
    return frequency;
  }

  private countTextsContaining(term: string): number {
    if (term.length === 0) return this.texts.length;
    if (term.length === 1) return this.index.countOf(term.charCodeAt(0));
    if (term.length === 2) return this.index.countOf(term.charCodeAt(0), term.charCodeAt(1));
    const lists: Int32Array[] = [];
    for (let index = 0; index + 1 < term.length; index++) {
      if (this.index.countOf(term.charCodeAt(index), term.charCodeAt(index + 1)) === 0) return 0;
    }
    for (let index = 0; index + 1 < term.length; index++) lists.push(this.index.of(term.charCodeAt(index), term.charCodeAt(index + 1)));
    lists.sort((left, right) => left.length - right.length);
    const rarest = lists[0]!;
    const positions = new Array<number>(lists.length).fill(0);
    let count = 0;
    candidates: for (let candidate = 0; candidate < rarest.length; candidate++) {
      const textNumber = rarest[candidate]!;
      for (let other = 1; other < lists.length; other++) {
        const list = lists[other]!;
        const position = seek(list, positions[other]!, textNumber);
        positions[other] = position;
        if (position >= list.length) break candidates;
        if (list[position] !== textNumber) continue candidates;
      }
      if (this.text(textNumber).includes(term)) count++;
    }
    return count;
  }

  /** Inverse document frequency; a single character weighs less, as it matches inside unrelated words. */
  weight(term: string): number {
    let weight = this.weights.get(term);
    if (weight === undefined) {
      const idf = Math.log((this.documentCount + 1) / (this.documentFrequency(term) + 0.5));
      weight = [...term].length === 1 ? 0.3 * idf : idf;
      if (this.weights.size >= REMEMBERED_TERMS) this.weights.clear();
      this.weights.set(term, weight);
    }
    return weight;
  }

  /** Whether any two adjacent characters of the term occur together somewhere in the corpus. */
  sharesBigram(term: string): boolean {
    const characters = [...term];
    for (let index = 0; index + 1 < characters.length; index++) {
      if (this.documentFrequency(characters[index]! + characters[index + 1]!) > 0) return true;
    }
    return false;
  }

  /** Whether the corpus contains the term anywhere. */
  contains(term: string): boolean {
    return this.documentFrequency(term) > 0;
  }
}
