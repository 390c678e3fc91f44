import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText, normalizeWithOffsets } from "../../src/core/text/normalize.js";
import { chineseHeavyString } from "../support/arbitraries.js";

/**
 * Every citation offset goes through normalizeWithOffsets: matching happens on folded text
 * and the offset map turns a match back into the exact original characters to quote. These
 * properties pin what the module guarantees (normalize.ts folds code point by code point)
 * over strings no hand-written example covers.
 */

const SEED = 20_260_116;
const NUM_RUNS = 500;

/** Full unicode (lone surrogates included), BMP graphemes, and Chinese-heavy text with compatibility forms. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), maxLength: 40 }), // any UTF-16 unit
  chineseHeavyString,
);

/**
 * Indices of the normalised text where one original code point's folding starts (and its
 * end): the only places a cut maps to the original without splitting a folded character
 * (㎡ → "m2", or the two halves of 𠀀).
 */
function foldBoundaries(offsets: Uint32Array): number[] {
  return [...offsets].flatMap((offset, index) => (index === 0 || index === offsets.length - 1 || offset !== offsets[index - 1] ? [index] : []));
}

describe("normalizeWithOffsets on arbitrary text (fast-check)", () => {
  it("has one offset per normalised unit plus the end, monotone, within the original, ending at its end", () => {
    fc.assert(
      fc.property(anyText, (original) => {
        const { text, originalOffsets } = normalizeWithOffsets(original);
        expect(originalOffsets).toHaveLength(text.length + 1);
        expect(originalOffsets.at(-1)).toBe(original.length);
        originalOffsets.forEach((offset, index) => {
          expect(offset).toBeGreaterThanOrEqual(index === 0 ? 0 : originalOffsets[index - 1]!);
          expect(offset).toBeLessThanOrEqual(original.length);
        });
        // The whole normalised range maps to the whole original (no code point folds to nothing,
        // checked exhaustively, so the map starts at 0 whenever the original is not empty).
        expect(original.slice(originalOffsets[0], originalOffsets[text.length])).toBe(original);
        expect(normalizeText(original)).toBe(text);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });

  it("maps a span cut at fold boundaries to original text that folds to exactly that span", () => {
    fc.assert(
      fc.property(anyText, fc.nat(), fc.nat(), (original, a, b) => {
        const { text, originalOffsets } = normalizeWithOffsets(original);
        const cuts = foldBoundaries(originalOffsets);
        const [i, j] = [cuts[a % cuts.length]!, cuts[b % cuts.length]!].sort((x, y) => x - y) as [number, number];
        expect(normalizeText(original.slice(originalOffsets[i], originalOffsets[j]))).toBe(text.slice(i, j));
      }),
      { seed: SEED + 1, numRuns: NUM_RUNS },
    );
  });

  it("maps a phrase found anywhere in the normalised text to original text whose folding contains it", () => {
    // A phrase may start or end inside one folded character ("2" of ㎡→"m2"): the start maps to
    // that character, and the end is widened to the next fold boundary, which is what a caller
    // citing the phrase must do to quote whole characters.
    fc.assert(
      fc.property(anyText, fc.nat(), fc.nat(), (original, a, b) => {
        const { text, originalOffsets } = normalizeWithOffsets(original);
        const [i, j] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
        const end = foldBoundaries(originalOffsets).find((cut) => cut >= j)!;
        const phrase = text.slice(i, j);
        expect(text.indexOf(phrase)).toBeGreaterThanOrEqual(0);
        expect(normalizeText(original.slice(originalOffsets[i], originalOffsets[end]))).toContain(phrase);
      }),
      { seed: SEED + 2, numRuns: NUM_RUNS },
    );
  });

  it("maps each normalised unit to an original code point whose own folding holds that unit", () => {
    fc.assert(
      fc.property(anyText, (original) => {
        const { text, originalOffsets } = normalizeWithOffsets(original);
        for (let index = 0; index < text.length; index++) {
          const source = String.fromCodePoint(original.codePointAt(originalOffsets[index]!)!);
          expect(normalizeText(source)).toContain(text[index]);
        }
      }),
      { seed: SEED + 3, numRuns: NUM_RUNS },
    );
  });

  it("is a concatenation of per-code-point foldings, so folding commutes with splitting at a code point", () => {
    fc.assert(
      fc.property(anyText, anyText, (left, right) => {
        // Only when the join does not pair a lone high surrogate with a lone low one.
        fc.pre(!/[\ud800-\udbff]$/u.test(left) || !/^[\udc00-\udfff]/u.test(right));
        expect(normalizeText(left + right)).toBe(normalizeText(left) + normalizeText(right));
      }),
      { seed: SEED + 4, numRuns: NUM_RUNS },
    );
  });
});

describe("normalizeText idempotence", () => {
  it("changes nothing when applied to text it already normalised", () => {
    fc.assert(
      fc.property(anyText, (original) => {
        const once = normalizeText(original);
        expect(normalizeText(once)).toBe(once);
      }),
      { seed: SEED + 5, numRuns: NUM_RUNS },
    );
  });

  // OpenCC's t2cn maps 薴 (U+85B4) to 苧 and 苧 to 苎 (found by an exhaustive check of all
  // code points): folding repeats per code point until nothing changes.
  it("folds 薴 to a fixed point (薴 → 苧 → 苎), keeping the offset map exact", () => {
    const once = normalizeText("薴");
    expect(once).toBe("苎");
    expect(normalizeText(once)).toBe(once);
    expect([...normalizeWithOffsets("薴麻a").originalOffsets]).toEqual([0, 1, 2, 3]);
    expect(normalizeText("江津薴麻")).toBe(normalizeText("江津苧麻"));
  });
});
