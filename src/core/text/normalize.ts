import { Converter } from "opencc-js/t2cn";

/**
 * Text folded for matching, with a map back to the original so that every span found
 * in normalised text can be cited by its exact offsets in the unmodified source.
 */
export interface NormalizedText {
  readonly text: string;
  /**
   * `originalOffsets[i]` is the index in the original string of normalised character i; one
   * extra entry maps the end. A typed array: for a long text one flat buffer, where a plain
   * array of as many numbers doubled the cost per character past ~16 k entries (V8 keeps such
   * arrays in its large-object space; measured by tests/property/linear-time.property.test.ts).
   */
  readonly originalOffsets: Uint32Array;
}

/** Offsets appended one at a time into a typed array that doubles when full. */
class OffsetList {
  private values: Uint32Array;
  length = 0;

  constructor(capacity: number) {
    this.values = new Uint32Array(Math.max(16, capacity));
  }

  push(offset: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = offset;
  }

  toArray(): Uint32Array {
    return this.values.subarray(0, this.length);
  }
}

const traditionalToSimplified = Converter({ from: "t", to: "cn" });
const foldedCharacters = new Map<string, string>();

function foldOnce(codePoint: string): string {
  let folded = "";
  for (const character of codePoint.normalize("NFKC").toLowerCase()) folded += traditionalToSimplified(character);
  return folded;
}

/**
 * Folds one code point: NFKC (full/half width, compatibility forms), lower case, and
 * traditional characters read as simplified. Converting per character keeps the
 * offset map exact; OpenCC's phrase table only matters for regional vocabulary,
 * which matching does not need. Folded again until nothing changes, so that folding
 * is idempotent: OpenCC maps 薴 to 苧, and 苧 to 苎.
 */
function foldCodePoint(codePoint: string): string {
  const cached = foldedCharacters.get(codePoint);
  if (cached !== undefined) return cached;
  let folded = foldOnce(codePoint);
  for (let round = 0; round < 8; round++) {
    let again = "";
    for (const character of folded) again += foldOnce(character);
    if (again === folded) break;
    folded = again;
  }
  foldedCharacters.set(codePoint, folded);
  return folded;
}

/** Per UTF-16 unit that is a whole code point: 1 when folding leaves it as it is, 2 when it changes it, 0 not yet known. */
const unitFoldState = new Uint8Array(0x10000);

/**
 * Folds `original` code point by code point; when `originalOffsets` is given, pushes for
 * every unit of the result the index of the original code point it came from. Runs of
 * characters that fold to themselves (nearly all of the report) are copied as slices, so a
 * long text costs no string per character.
 */
function fold(original: string, originalOffsets?: OffsetList): string {
  let text = "";
  let unchangedFrom = 0;
  for (let index = 0; index < original.length; ) {
    const unit = original.charCodeAt(index);
    let width = 1;
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < original.length) {
      const next = original.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) width = 2;
    }
    if (width === 1 && unitFoldState[unit] === 1) {
      originalOffsets?.push(index);
      index += 1;
      continue;
    }
    const codePoint = original.slice(index, index + width);
    const folded = foldCodePoint(codePoint);
    if (width === 1) unitFoldState[unit] = folded === codePoint ? 1 : 2;
    if (folded !== codePoint) {
      text += original.slice(unchangedFrom, index) + folded;
      unchangedFrom = index + width;
    }
    if (originalOffsets) for (let folding = 0; folding < folded.length; folding++) originalOffsets.push(index);
    index += width;
  }
  return unchangedFrom === 0 ? original : text + original.slice(unchangedFrom);
}

/** The one normalisation used at ingest and at query time. */
export function normalizeWithOffsets(original: string): NormalizedText {
  const originalOffsets = new OffsetList(original.length + 1);
  const text = fold(original, originalOffsets);
  originalOffsets.push(original.length);
  return { text, originalOffsets: originalOffsets.toArray() };
}

/** normalizeWithOffsets(original).text, without the offset map. */
export function normalizeText(original: string): string {
  return fold(original);
}
