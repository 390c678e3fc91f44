import { seededRandom } from "../../src/bench/seeded-random.js";

/**
 * Texts built to hit the worst case of a scanner over user text, at any length: each
 * family repeats (or draws at random, seeded, from) the characters that make a scanner
 * look further ahead, keep a run open, or fall back. Deterministic, so a slow family
 * fails the same way on every run; `text.length` is the requested length in UTF-16 units
 * (a surrogate pair is never cut in half).
 */

/** `pattern` repeated to `length` UTF-16 units, never ending in half a surrogate pair. */
function repeatTo(pattern: string, length: number): string {
  const text = pattern.repeat(Math.ceil(length / pattern.length) + 1);
  let cut = length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return text.slice(0, cut).padEnd(length, "a");
}

/** Pieces drawn at random (seeded) from `pieces` until `length` UTF-16 units. */
function drawTo(pieces: readonly string[], length: number, seed: number): string {
  const random = seededRandom(seed);
  let text = "";
  while (text.length < length) text += pieces[Math.floor(random() * pieces.length)]!;
  return repeatTo(text, length);
}

const NUMERAL_CHARACTERS = [..."零〇一二两兩三四五六七八九十百千万萬亿億"];

export const ADVERSARIAL_TEXTS: Readonly<Record<string, (length: number) => string>> = {
  // One numeral run as long as the text: the run a greedy numeral scanner would read as one number.
  "numeral run (一…亿 repeated)": (length) => repeatTo("一二三四五六七八九十百千万亿", length),
  "numeral run (random numeral characters)": (length) => drawTo(NUMERAL_CHARACTERS, length, 1),
  "numeral run (亿 only)": (length) => repeatTo("亿", length),
  "numeral run (一亿 repeated)": (length) => repeatTo("一亿", length),
  "numeral run (零 only)": (length) => repeatTo("零", length),
  "percent words repeated (百分之)": (length) => repeatTo("百分之", length),
  "numeral decimals (一点一点…)": (length) => repeatTo("一点", length),
  "numeral halves (两年半…)": (length) => repeatTo("两年半", length),
  "words that start like numerals (十分一点一滴)": (length) => repeatTo("十分一点一滴两点一线", length),
  // No sentence or clause break anywhere: one sentence, one clause, one token run.
  "Han text without punctuation": (length) => drawTo([..."江津区发展建设科技创新基地产业城市乡村振兴"], length, 2),
  // Nearly every bigram distinct (3 000 characters, about what Chinese text uses): the most a sentence's bigram set can hold.
  "random Han without punctuation": (length) => drawTo(Array.from({ length: 3_000 }, (_, index) => String.fromCodePoint(0x4e00 + index)), length, 5),
  "Latin letters without spaces": (length) => repeatTo("abcdefghij", length),
  "digits without separators": (length) => repeatTo("1234567890", length),
  "whitespace only, one digit first": (length) => `1${repeatTo(" \u3000\t", length - 1)}`,
  // Every character a boundary.
  "sentence punctuation only": (length) => repeatTo("。！？；!?;”）", length),
  "clause punctuation only": (length) => repeatTo("，,：:、", length),
  "line breaks only": (length) => repeatTo("\n", length),
  // Digits and units alternating: every position may start or extend a number.
  "digits and units alternating": (length) => repeatTo("1亿2万3千4百5十6%", length),
  "thousands separators (1,000,000,…)": (length) => `1${repeatTo(",000", length - 1)}`,
  "thousands separators glued (1,0001,000…)": (length) => repeatTo("1,000", length),
  "decimal points (1.2.3.4…)": (length) => repeatTo("1.", length),
  "digits and colons (1:2:3…)": (length) => repeatTo("1:", length),
  "full-width digits and percent": (length) => repeatTo("１２．５％", length),
  "citation markers ([1][2]…)": (length) => repeatTo("[1]", length),
  "Arabic and Chinese digits mixed": (length) => drawTo([..."1２三四5.，%亿"], length, 3),
  // Scripts and code points the normaliser expands, combines or folds.
  "mixed scripts": (length) => drawTo([..."江a1Я中ü٣ह가ア😀"], length, 4),
  "combining marks on letters": (length) => repeatTo("e\u0301\u0323", length),
  "combining marks alone": (length) => repeatTo("\u0301", length),
  "emoji (surrogate pairs)": (length) => repeatTo("😀", length),
  "CJK extension B (surrogate pairs)": (length) => repeatTo("𠀀𠀁", length),
  "compatibility forms (㎡ ﬃ ①)": (length) => repeatTo("㎡ﬃ①Ⅱ℃", length),
  "traditional characters": (length) => repeatTo("區發展經濟億達覆蓋率", length),
};
