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

/**
 * Folds one code point: NFKC (full/half width, compatibility forms), lower case, and
 * traditional characters read as simplified. Converting per character keeps the
 * offset map exact; OpenCC's phrase table only matters for regional vocabulary,
 * which matching does not need.
 */
function foldCodePoint(codePoint: string): string {
  const cached = foldedCharacters.get(codePoint);
  if (cached !== undefined) return cached;
  const compatible = codePoint.normalize("NFKC").toLowerCase();
  let folded = "";
  for (const character of compatible) folded += traditionalToSimplified(character);
  foldedCharacters.set(codePoint, folded);
  return folded;
}

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

export function normalizeText(original: string): string {
  return normalizeWithOffsets(original).text;
}
