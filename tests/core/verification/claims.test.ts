import { describe, expect, it } from "vitest";
import { MIN_CLAIM_CHARACTERS, splitClaims, type Claim } from "../../../src/core/verification/claims.js";

/** Each claim is the text at its offsets: a user's highlight lands on exactly what was judged. */
function expectExactOffsets(text: string, claims: readonly Claim[]): void {
  for (const claim of claims) expect(text.slice(claim.start, claim.end), claim.text).toBe(claim.text);
  const starts = claims.map((claim) => claim.start);
  expect(starts).toEqual([...starts].sort((left, right) => left - right));
  for (let index = 1; index < claims.length; index++) expect(claims[index]!.start).toBeGreaterThanOrEqual(claims[index - 1]!.end);
}

const texts = (claims: readonly Claim[]): string[] => claims.map((claim) => claim.text);

describe("splitClaims", () => {
  it("splits a sentence stating two facts at the comma, each clause a claim of the same sentence", () => {
    const text = "地区生产总值达1800亿元左右，森林覆盖率达52%以上。";
    const claims = splitClaims(text);
    // The comma that closes the first clause is not part of it.
    expect(texts(claims)).toEqual(["地区生产总值达1800亿元左右", "森林覆盖率达52%以上。"]);
    expect(claims.map((claim) => claim.sentence)).toEqual([0, 0]);
    expectExactOffsets(text, claims);
  });

  it("splits at ASCII commas too, as the report writes them", () => {
    const text = "森林覆盖率达52%,空气优良天数稳定达300天以上。";
    expect(texts(splitClaims(text))).toEqual(["森林覆盖率达52%", "空气优良天数稳定达300天以上。"]);
  });

  it("keeps a short leading condition (到2026年，) with the clause it conditions", () => {
    const text = "到2026年，地区生产总值达1800亿元左右。";
    const claims = splitClaims(text);
    expect(claims).toEqual([{ text, start: 0, end: text.length, sentence: 0 }]);
  });

  it("keeps a short opener (其中，) with the clause after it", () => {
    const text = "其中，工业增加值达520亿元，社会消费品零售总额达390亿元。";
    const claims = splitClaims(text);
    expect(texts(claims)).toEqual(["其中，工业增加值达520亿元", "社会消费品零售总额达390亿元。"]);
    expectExactOffsets(text, claims);
  });

  it("joins a short last clause to the claim before it", () => {
    const text = "森林覆盖率达52%以上，空气优良天数稳定达300天以上，成效明显。";
    const claims = splitClaims(text);
    expect(texts(claims)).toEqual(["森林覆盖率达52%以上", "空气优良天数稳定达300天以上，成效明显。"]);
    expectExactOffsets(text, claims);
    // 成效明显 alone is below the size of a claim; the clause before it is not.
    expect("成效明显".length).toBeLessThan(MIN_CLAIM_CHARACTERS);
  });

  it("does not split an English sentence at its commas", () => {
    const text = "By 2026, the GDP will reach 180 billion yuan, and forest coverage will be 52%.\nIt rained, and it poured.";
    const claims = splitClaims(text);
    expect(texts(claims)).toEqual(["By 2026, the GDP will reach 180 billion yuan, and forest coverage will be 52%.", "It rained, and it poured."]);
    expect(claims.map((claim) => claim.sentence)).toEqual([0, 1]);
    expectExactOffsets(text, claims);
  });

  it("gives claims of consecutive sentences consecutive sentence numbers, skipping lines of punctuation", () => {
    const text = "江津日报讯\n\n——\n森林覆盖率达52%，空气优良天数稳定达300天以上。\n。。！\n到2026年，地区生产总值达1800亿元左右。";
    const claims = splitClaims(text);
    expect(texts(claims)).toEqual(["江津日报讯", "森林覆盖率达52%", "空气优良天数稳定达300天以上。", "到2026年，地区生产总值达1800亿元左右。"]);
    expect(claims.map((claim) => claim.sentence)).toEqual([0, 1, 1, 2]);
    expectExactOffsets(text, claims);
  });

  it("keeps offsets exact in text with surrogate pairs, full-width forms and leading whitespace", () => {
    const text = "  😀森林覆蓋率達５２％，空氣優良天數穩定達300天以上。𠀀江津區地區生產總值達1800億元。";
    const claims = splitClaims(text);
    expect(claims.length).toBeGreaterThanOrEqual(3);
    expectExactOffsets(text, claims);
    expect(texts(claims).join("")).toContain("森林覆蓋率達５２％");
  });

  it("finds no claim in whitespace and punctuation", () => {
    expect(splitClaims(" \n。！——\n")).toEqual([]);
    expect(splitClaims("")).toEqual([]);
  });
});
