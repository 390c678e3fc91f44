import { Converter } from "opencc-js/t2cn";

/**
 * Text folded for matching, with a map back to the original so that every span found
 * in normalised text can be cited by its exact offsets in the unmodified source.
 */
export interface NormalizedText {
  readonly text: string;
  /** `originalOffsets[i]` is the index in the original string of normalised character i; one extra entry maps the end. */
  readonly originalOffsets: readonly number[];
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

/** The one normalisation used at ingest and at query time. */
export function normalizeWithOffsets(original: string): NormalizedText {
  let text = "";
  const originalOffsets: number[] = [];
  let index = 0;
  for (const codePoint of original) {
    const folded = foldCodePoint(codePoint);
    for (let unit = 0; unit < folded.length; unit++) originalOffsets.push(index);
    text += folded;
    index += codePoint.length;
  }
  originalOffsets.push(index);
  return { text, originalOffsets };
}

/**
 * normalizeWithOffsets(original).text, without the offset map: runs of characters that
 * fold to themselves (nearly all of the report) are copied as slices.
 */
export function normalizeText(original: string): string {
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
    index += width;
  }
  return unchangedFrom === 0 ? original : text + original.slice(unchangedFrom);
}
