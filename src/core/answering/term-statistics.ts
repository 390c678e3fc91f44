import { normalizeText } from "../text/normalize.js";

/** Distinct terms whose frequency is remembered; questions bring new words forever, memory must not grow with them. */
const REMEMBERED_TERMS = 20_000;

/**
 * Which texts hold each UTF-16 unit and each pair of adjacent units: postings (ascending
 * text numbers) in one flat array, built once. A term's frequency is then found from the
 * rarest postings of its pairs, verified with `includes`, instead of scanning every text.
 * Units rather than code points: a text holding a term holds every unit pair of it, so
 * the candidates are never too few, and the verification keeps the count exact.
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
  private offsets = new Int32Array(1);
  private readonly postings: Int32Array;

  constructor(texts: readonly string[]) {
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
        this.offsets = new Int32Array(this.keyCount + 1);
        for (let id = 0; id < this.keyCount; id++) this.offsets[id + 1] = this.offsets[id]! + counts[id]!;
        postings = new Int32Array(this.offsets[this.keyCount]!);
        fill = this.offsets.slice(0, this.keyCount);
        lastText.fill(-1);
      }
    }
    this.postings = postings;
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
    return id < 0 ? new Int32Array(0) : this.postings.subarray(this.offsets[id]!, this.offsets[id + 1]!);
  }
}

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
  private readonly texts: readonly string[];
  private readonly index: PairPostings;
  private readonly frequencies = new Map<string, number>();
  private readonly weights = new Map<string, number>();

  constructor(texts: readonly string[]) {
    this.texts = texts.map((text) => normalizeText(text));
    this.index = new PairPostings(this.texts);
  }

  get documentCount(): number {
    return this.texts.length;
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
    if (term.length === 1) return this.index.of(term.charCodeAt(0)).length;
    const lists: Int32Array[] = [];
    for (let index = 0; index + 1 < term.length; index++) {
      const list = this.index.of(term.charCodeAt(index), term.charCodeAt(index + 1));
      if (list.length === 0) return 0;
      lists.push(list);
    }
    if (lists.length === 1) return lists[0]!.length;
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
      if (this.texts[textNumber]!.includes(term)) count++;
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
