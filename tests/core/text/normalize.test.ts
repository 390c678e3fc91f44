import { describe, expect, it } from "vitest";
import { normalizeText, normalizeWithOffsets } from "../../../src/core/text/normalize.js";
import { reportText } from "../../support/corpus.js";

/** Normalised characters whose mapped original character does not fold to them (should be none). */
function offsetMismatches(original: string): string[] {
  const { text, originalOffsets } = normalizeWithOffsets(original);
  const mismatches: string[] = [];
  for (let index = 0; index < text.length; index++) {
    const offset = originalOffsets[index]!;
    const originalCharacter = String.fromCodePoint(original.codePointAt(offset)!);
    if (!normalizeText(originalCharacter).includes(text[index]!)) mismatches.push(`${index}:${text[index]}←${originalCharacter}`);
  }
  return mismatches;
}

function isMonotonic(offsets: Uint32Array): boolean {
  return offsets.every((offset, index) => index === 0 || offset >= offsets[index - 1]!);
}

/** Where a phrase found in normalised text sits in the original, by the offset map. */
function originalSpanOf(original: string, normalizedPhrase: string): string {
  const { text, originalOffsets } = normalizeWithOffsets(original);
  const start = text.indexOf(normalizedPhrase);
  expect(start).toBeGreaterThanOrEqual(0);
  return original.slice(originalOffsets[start], originalOffsets[start + normalizedPhrase.length]);
}

describe("normalizeWithOffsets", () => {
  const mixed = "２０２６年，江津區ＧＤＰ達１８００億元；面积126㎡、㎞与℃，Ⅱ期①。𠀀“引号”";

  it("maps every normalised character to an original character that folds to it", () => {
    expect(offsetMismatches(mixed)).toEqual([]);
    expect(offsetMismatches(reportText)).toEqual([]);
  });

  it("has one offset per normalised character plus one for the end of the original", () => {
    for (const original of [mixed, reportText, ""]) {
      const { text, originalOffsets } = normalizeWithOffsets(original);
      expect(originalOffsets).toHaveLength(text.length + 1);
      expect(originalOffsets.at(-1)).toBe(original.length);
      expect(isMonotonic(originalOffsets)).toBe(true);
    }
  });

  it("folds full-width letters, digits and punctuation to ASCII, and letters to lower case", () => {
    expect(normalizeText("ＧＤＰ增长８．２％（预计）：？！；，")).toBe("gdp增长8.2%(预计):?!;,");
    expect(normalizeText("5G和GDP")).toBe("5g和gdp");
  });

  it("reads traditional characters as simplified, character by character", () => {
    expect(normalizeText("江津區的森林覆蓋率是多少")).toBe("江津区的森林覆盖率是多少");
    expect(normalizeText("發展經濟，建設宜居城市")).toBe("发展经济,建设宜居城市");
  });

  it("expands ㎡-style characters into several characters whose offsets all point at the one original", () => {
    const original = "面积126㎡";
    const { text, originalOffsets } = normalizeWithOffsets(original);
    expect(text).toBe("面积126m2");
    expect([...originalOffsets]).toEqual([0, 1, 2, 3, 4, 5, 5, 6]);
    expect(originalSpanOf("共12㎞长", "12km")).toBe("12㎞");
  });

  it("maps a phrase found in normalised text back to the exact original characters to cite", () => {
    expect(originalSpanOf(mixed, "1800亿元")).toBe("１８００億元");
    expect(originalSpanOf(mixed, "江津区gdp")).toBe("江津區ＧＤＰ");
    const forest = reportText.indexOf("森林覆盖率达52%");
    expect(originalSpanOf(reportText, "森林覆盖率达52%")).toBe(reportText.slice(forest, forest + "森林覆盖率达52%".length));
  });

  it("keeps both halves of a character outside the basic plane mapped to its start", () => {
    const { text, originalOffsets } = normalizeWithOffsets("a𠀀b");
    expect(text).toBe("a𠀀b");
    expect([...originalOffsets]).toEqual([0, 1, 1, 3, 4]);
  });

  it("changes nothing when applied to text it already normalised", () => {
    const once = normalizeText(mixed + reportText);
    expect(normalizeText(once)).toBe(once);
  });
});
