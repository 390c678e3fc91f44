import { normalizeWithOffsets } from "../text/normalize.js";

/**
 * Numbers a text states, and Chinese numerals read as Arabic digits, so that "百分之六"
 * in a press release and "6%" in the report count as the same figure.
 *
 * `normalizeChineseNumerals` converts only what is clearly a quantity:
 *
 * - 百分之 + numeral → percent: 百分之六 → 6%, 百分之三十五点五 → 35.5%, 百分之百 → 100%.
 * - A numeral with a place value (十 百 千 万 亿): 十年 → 10年, 二十五 → 25, 一千零五 → 1005,
 *   一千八 → 1800 (spoken short form), 第十五次 → 第15次, 十九大 → 19大. A run ending in 万 or 亿
 *   keeps that unit the way the report writes it: 一千八百亿元 → 1800亿元, 六万元 → 6万元,
 *   一亿两千万 → 1.2亿, 两千万 → 2000万; a run that does not end in one is written out in full
 *   (十二万五千 → 125000).
 * - Decimals with 点: 三点三万元 → 3.3万元, 八点二 → 8.2.
 * - A half after a one-character measure word: 两年半 → 2.5年, 一倍半 → 1.5倍, 三个半月 → 3.5个月.
 * - A year written digit by digit: 二〇二六年 → 2026年.
 *
 * Left alone on purpose, because the report uses them as names or words rather than
 * figures: a single digit character without a place value (五地一城, 一区两群, “两点”定位,
 * 三个作用, 一批, 统一, 五年); place characters without a digit other than a leading 十
 * (千亿级, 百万, 千万, 万一); runs that are no well-formed numeral (十四五, 两三个); the
 * words 十分, 十足, 十全, 一点一滴, 两点一线, 三点一线; fractions (三分之一); 半 on its own (半年).
 * Traditional forms (兩 萬 億 點 個) are read as well; full-width digits are the text
 * normalisation's job (normalize.ts), not this one's.
 *
 * A numeral of more than MAX_NUMERAL_CHARACTERS numeral characters (its decimals included)
 * is no quantity either: it and the rest of its run of numeral characters and decimal points
 * stay as written. The longest amount written in full
 * (九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九) has 31; without the cap a pasted
 * run of tens of thousands of numeral characters cost seconds per request (the parse was
 * quadratic in the run). The text is read once, left to right: the pattern reads at most
 * the cap plus one character of a run (so its backtracking stack stays small too), and a run
 * found too long is then skipped character by character.
 */

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const PLACE_VALUES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const TEN_THOUSAND = 10_000n;
const HUNDRED_MILLION = 100_000_000n;
const isTenThousand = (character: string): boolean => character === "万" || character === "萬";
const isHundredMillion = (character: string): boolean => character === "亿" || character === "億";
const isZero = (character: string): boolean => character === "零" || character === "〇";

const NUMERAL_CHARACTERS = "零〇一二两兩三四五六七八九十百千万萬亿億";
/** Longest run read as one number (see the module comment); longer runs are left alone. */
export const MAX_NUMERAL_CHARACTERS = 40;
const FRACTION_DIGITS = "零〇一二三四五六七八九";
// Runs are read up to one character past the cap: enough to tell that a run is too long.
const READ = `{1,${MAX_NUMERAL_CHARACTERS + 1}}`;
const numeralPattern = new RegExp(
  `(百分之)?([${NUMERAL_CHARACTERS}]${READ})(?:[点點]([${FRACTION_DIGITS}]${READ})([万萬亿億])?)?(?:([年个個倍天月周])半)?`,
  "gu",
);
/** Words that start like a numeral but are not quantities. */
const NOT_NUMERALS = ["十分", "十足", "十全", "一点一滴", "两点一线", "三点一线"];

/** Below 10 000: digits with 十 百 千 and 零; a leading 十 means one ten (十五 = 15). */
function parseSection(text: string): bigint | undefined {
  let value = 0n;
  let pending: number | undefined;
  let lastPlace = Number.POSITIVE_INFINITY;
  let zeroSince = false;
  for (const character of text) {
    const digit = DIGIT_VALUES[character];
    const place = PLACE_VALUES[character];
    if (digit !== undefined && isZero(character)) {
      if (pending !== undefined) return undefined;
      zeroSince = true;
    } else if (digit !== undefined) {
      if (pending !== undefined) return undefined; // 四五, 十四五: two digits in a row are no numeral
      pending = digit;
    } else if (place !== undefined) {
      if (place >= lastPlace) return undefined;
      let multiplier = pending;
      if (multiplier === undefined) {
        if (place !== 10 || (value !== 0n && !zeroSince)) return undefined; // 百 or 千 needs a digit
        multiplier = 1;
      }
      value += BigInt(multiplier * place);
      pending = undefined;
      lastPlace = place;
      zeroSince = false;
    } else {
      return undefined;
    }
  }
  if (pending !== undefined) {
    // 一千八 is 1800 and 两百五 is 250; after 零 (一千零五) or 十 the digit is units.
    value += BigInt(lastPlace > 10 && lastPlace !== Number.POSITIVE_INFINITY && !zeroSince ? (pending * lastPlace) / 10 : pending);
  } else if (zeroSince && lastPlace === Number.POSITIVE_INFINITY) {
    return 0n; // 零 on its own
  }
  return value;
}

/** What follows 万 or 亿: empty, 零…, a spoken short form (三万五 = 35 000), or a smaller numeral. */
function parseRemainder(text: string, unit: bigint): bigint | undefined {
  if (text === "") return 0n;
  const characters = [...text];
  if (characters.length === 1 && DIGIT_VALUES[text] !== undefined && !isZero(text)) return BigInt(DIGIT_VALUES[text]!) * (unit / 10n);
  const withoutZeros = text.replace(/^[零〇]+/u, "");
  if (withoutZeros === "") return 0n;
  const value = parseInteger(withoutZeros);
  return value !== undefined && value < unit ? value : undefined;
}

/** 亿 groups left to right: X亿Y亿Z is (X × 10^8 + Y) × 10^8 + Z, X above 0, Y and Z below 10^8 (三万亿 = 3 × 10^12). */
function parseInteger(text: string): bigint | undefined {
  const [first = "", ...rest] = text.split(/[亿億]/u);
  let value = parseBelowHundredMillion(first);
  for (const group of rest) {
    if (value === undefined || value === 0n) return undefined;
    const low = parseRemainder(group, HUNDRED_MILLION);
    if (low === undefined) return undefined;
    value = value * HUNDRED_MILLION + low;
  }
  return value;
}

function parseBelowHundredMillion(text: string): bigint | undefined {
  const characters = [...text];
  const tenThousand = characters.findIndex(isTenThousand);
  if (tenThousand >= 0) {
    const high = parseSection(characters.slice(0, tenThousand).join(""));
    const low = parseRemainder(characters.slice(tenThousand + 1).join(""), TEN_THOUSAND);
    return high !== undefined && high > 0n && low !== undefined ? high * TEN_THOUSAND + low : undefined;
  }
  return parseSection(text);
}

/**
 * The value of one Chinese numeral written with place values, e.g. "一千八百" → 1800,
 * "十" → 10, "三万五" → 35000, "一亿两千万" → 120000000; undefined when the string is no
 * well-formed numeral ("十四五", "千", "两三") or longer than MAX_NUMERAL_CHARACTERS. Exact (a bigint).
 */
export function chineseNumeralValue(numeral: string): bigint | undefined {
  if (numeral === "" || numeral.length > MAX_NUMERAL_CHARACTERS) return undefined;
  if ([...numeral].some((character) => !NUMERAL_CHARACTERS.includes(character))) return undefined;
  return parseInteger(numeral);
}

/** `value / unit` written as a decimal without trailing zeros: 120000000 / 10^8 → "1.2". */
function divideExactly(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) return whole.toString();
  const width = unit.toString().length - 1;
  return `${whole}.${rest.toString().padStart(width, "0").replace(/0+$/u, "")}`;
}

const digitsOf = (text: string): string => [...text].map((character) => String(DIGIT_VALUES[character] ?? "")).join("");

/** One numeral found in a text and the digits it becomes; offsets into that text. */
export interface NumeralReplacement {
  readonly start: number;
  readonly end: number;
  readonly original: string;
  readonly replacement: string;
}

/** The quantities written in Chinese numerals in `text`, with what each becomes (see the module comment). */
export function findChineseNumerals(text: string): NumeralReplacement[] {
  const replacements: NumeralReplacement[] = [];
  numeralPattern.lastIndex = 0;
  for (let match = numeralPattern.exec(text); match; match = numeralPattern.exec(text)) {
    if (isTooLong(match)) {
      numeralPattern.lastIndex = endOfRun(text, numeralPattern.lastIndex);
      continue;
    }
    const replacement = convertMatch(text, match);
    // No quantity: the whole run stays as written (两三万 and 十四五 are not partly converted).
    if (replacement === undefined) continue;
    replacements.push({ start: match.index, end: match.index + replacement.length, original: text.slice(match.index, match.index + replacement.length), replacement: replacement.text });
    numeralPattern.lastIndex = match.index + replacement.length;
  }
  return replacements;
}

const isTooLong = (match: RegExpExecArray): boolean => (match[2]?.length ?? 0) + (match[3]?.length ?? 0) > MAX_NUMERAL_CHARACTERS;

/** 1 for the UTF-16 units of numeral characters and decimal points (all in the BMP). */
const RUN_UNITS = new Uint8Array(0x10000);
for (const character of `${NUMERAL_CHARACTERS}点點`) RUN_UNITS[character.charCodeAt(0)] = 1;

/** Where the run of numeral characters and decimal points going on at `from` ends. */
function endOfRun(text: string, from: number): number {
  let end = from;
  while (end < text.length && RUN_UNITS[text.charCodeAt(end)] === 1) end++;
  return end;
}

/** What a match becomes and how much of it was used; undefined when it is no quantity. */
function convertMatch(text: string, match: RegExpExecArray): { text: string; length: number } | undefined {
  const [whole, percent, run = "", fraction, unitAfterFraction, measure] = match;
  if (NOT_NUMERALS.some((word) => text.startsWith(word, match.index + (percent?.length ?? 0)))) return undefined;
  const prefixLength = percent?.length ?? 0;

  if (percent) {
    // 百分之百, 百分之十: a leading place value means one of it.
    const value = chineseNumeralValue(PLACE_VALUES[run[0]!] ? `一${run}` : run) ?? chineseNumeralValue(run);
    if (value === undefined) return undefined;
    const number = fraction ? `${value}.${digitsOf(fraction)}` : value.toString();
    const used = prefixLength + run.length + (fraction ? 1 + fraction.length : 0);
    return { text: `${number}%`, length: used };
  }

  const value = chineseNumeralValue(run);
  const hasPlace = /[十百千万萬亿億]/u.test(run);
  if (value === undefined) {
    // 二〇二六年: a year written digit by digit.
    if (/^[零〇一二三四五六七八九]{2,4}$/u.test(run) && !fraction && text[match.index + run.length] === "年") {
      return { text: digitsOf(run), length: run.length };
    }
    return undefined;
  }
  if (fraction !== undefined) {
    const number = `${value}.${digitsOf(fraction)}${unitAfterFraction ?? ""}`;
    return { text: number, length: run.length + 1 + fraction.length + (unitAfterFraction?.length ?? 0) };
  }
  const last = run.at(-1)!;
  const endsInUnit = isTenThousand(last) || isHundredMillion(last);
  if (measure !== undefined && !endsInUnit) {
    return { text: `${value}.5${measure}`, length: whole.length };
  }
  if (!hasPlace) return undefined; // 五地一城, 一批: a lone digit is a word here
  if (endsInUnit) {
    const unitCharacter = [...run].find(isHundredMillion) ?? last;
    const unit = isHundredMillion(unitCharacter) ? HUNDRED_MILLION : TEN_THOUSAND;
    return { text: `${divideExactly(value, unit)}${unitCharacter}`, length: run.length };
  }
  return { text: value.toString(), length: run.length };
}

/**
 * `text` with its Chinese-numeral quantities rewritten in Arabic digits: "百分之六" → "6%",
 * "一千八百亿元" → "1800亿元", "十年" → "10年"; everything else unchanged (see the module
 * comment for what counts as a quantity).
 */
export function normalizeChineseNumerals(text: string): string {
  let result = "";
  let cursor = 0;
  for (const replacement of findChineseNumerals(text)) {
    result += text.slice(cursor, replacement.start) + replacement.replacement;
    cursor = replacement.end;
  }
  return result + text.slice(cursor);
}

/** A number a text states. */
export interface StatedNumber {
  /** As written, e.g. "百分之六", "1,200", "８．２％"; `text.slice(start, end)` of the text searched. */
  readonly text: string;
  /** Normalised: ASCII digits, no thousands separators or leading/trailing zeros, "%" kept: "6%", "1200", "8.2%". */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

// A thousands separator has exactly three digits after it ("1,200"); "2021,2026" is two numbers.
const arabicNumber = /(?<![\d.])\d+(?:,\d{3}(?!\d))*(?:\.\d+)?(?:\s*%)?/gu;
const citationMarker = /\[\d{1,3}\]/gu;

function normalizedValue(written: string): string {
  const percent = written.endsWith("%");
  const [whole = "0", fraction = ""] = written.replace(/[,%\s]/gu, "").split(".");
  const integer = whole.replace(/^0+(?=\d)/u, "");
  const decimals = fraction.replace(/0+$/u, "");
  return `${integer}${decimals ? `.${decimals}` : ""}${percent ? "%" : ""}`;
}

/** The figure a number stands for, without its percent sign: numbers are compared by this. */
export function numberKey(value: string): string {
  return value.replace(/%$/u, "");
}

/**
 * Every number `text` states, in order: Arabic digits (full-width too, decimals,
 * thousands separators, percentages) and Chinese numerals that are quantities
 * ("百分之六" → value "6%", "一千八百亿" → "1800"). Citation markers such as "[1]" are no numbers.
 */
export function findNumbers(text: string): StatedNumber[] {
  const normalized = normalizeWithOffsets(text);
  const folded = normalized.text.replace(citationMarker, (marker) => " ".repeat(marker.length));
  // Rewrite numerals, remembering for each unit of the result the normalised span it came from:
  // the text as slices and the spans in typed arrays, nothing allocated per character.
  const replacements = findChineseNumerals(folded);
  const length = replacements.reduce((sum, replacement) => sum + replacement.replacement.length - (replacement.end - replacement.start), folded.length);
  const originStarts = new Uint32Array(length);
  const originEnds = new Uint32Array(length);
  let converted = "";
  let cursor = 0;
  const keep = (until: number): void => {
    const shift = converted.length - cursor;
    for (let from = cursor; from < until; from++) {
      originStarts[from + shift] = from;
      originEnds[from + shift] = from + 1;
    }
    converted += folded.slice(cursor, until);
    cursor = until;
  };
  for (const replacement of replacements) {
    keep(replacement.start);
    originStarts.fill(replacement.start, converted.length, converted.length + replacement.replacement.length);
    originEnds.fill(replacement.end, converted.length, converted.length + replacement.replacement.length);
    converted += replacement.replacement;
    cursor = replacement.end;
  }
  keep(folded.length);

  const numbers: StatedNumber[] = [];
  arabicNumber.lastIndex = 0;
  for (let match = arabicNumber.exec(converted); match; match = arabicNumber.exec(converted)) {
    const start = normalized.originalOffsets[originStarts[match.index]!]!;
    const end = normalized.originalOffsets[originEnds[match.index + match[0].length - 1]!]!;
    numbers.push({ text: text.slice(start, end), value: normalizedValue(match[0]), start, end });
  }
  return numbers;
}
