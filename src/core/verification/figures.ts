import units from "./data/units.json" with { type: "json" };
import { findNumbers, normalizeChineseNumerals } from "./numbers.js";

/**
 * Figures a text states: a number with its scale (万, 亿, billion) and unit (亿元, %, 年, 个),
 * so that a claim and a report span can be compared figure by figure. "1800亿元" and
 * "180 billion yuan" are the same figure; "1800万元" has the same digits and another scale,
 * "2500亿元" another value. The units are data (data/units.json, with their source).
 */

export type FigureKind = "percent" | "year" | "quantity";

export interface Figure {
  /** As written, number through unit: "1800亿元", "百分之五十五", "180 billion yuan". */
  readonly text: string;
  /** Offsets of `text` in the text searched. */
  readonly start: number;
  readonly end: number;
  /** The number as stated, normalised ("1800", "55%"). */
  readonly value: string;
  /** Value times scale: 1800亿 → 180000000000. Percentages and years as they are. */
  readonly amount: number;
  /** The unit after the scale, in Chinese ("元", "%", "年", "个百分点"); "" when none follows. */
  readonly unit: string;
  readonly kind: FigureKind;
}

const SCALES: Readonly<Record<string, number>> = units.scales;
const ENGLISH_SCALES: Readonly<Record<string, number>> = units.englishScales;
const ENGLISH_UNITS: Readonly<Record<string, string>> = units.englishUnits;
const UNITS = [...units.units].sort((left, right) => right.length - left.length);
const ENGLISH_UNIT_NAMES = Object.keys(ENGLISH_UNITS).sort((left, right) => right.length - left.length);
/** Units that name the same thing. */
const SAME_UNIT: Readonly<Record<string, string>> = { 名: "人", 千米: "公里", 平方千米: "平方公里", 公斤: "千克", 百分点: "个百分点" };
const canonicalUnit = (unit: string): string => SAME_UNIT[unit] ?? unit;

/** 千万亿 is the longest stack of scales a number is written with. */
const MAX_STACKED_SCALES = 3;
const YEAR_RANGE = { from: 1900, to: 2100 } as const;
const englishWord = /^\s*([a-z]+(?:\s+[a-z]+)?)/iu;

/** The scale a Chinese numeral carried inside it (一千八百亿 → 亿), read from its digit form. */
function scaleInsideNumeral(written: string): number {
  const converted = normalizeChineseNumerals(written);
  const last = converted.at(-1);
  return last !== undefined && /[万亿]/u.test(last) && /\d/u.test(converted) ? SCALES[last]! : 1;
}

function readAfter(text: string, from: number): { scale: number; unit: string; end: number } {
  let cursor = from;
  let scale = 1;
  // Scales stack: 1.2万亿 = 1.2 × 10⁴ × 10⁸, 5千万 = 5 × 10³ × 10⁴ (a unit such as 千米 or 百分点 is no scale).
  const isScale = (at: number): boolean => SCALES[text[at] ?? ""] !== undefined && !UNITS.some((unit) => unit.length > 1 && text.startsWith(unit, at));
  if (isScale(cursor)) {
    while (isScale(cursor) && cursor - from < MAX_STACKED_SCALES) scale *= SCALES[text[cursor++]!]!;
  } else {
    const word = englishWord.exec(text.slice(cursor, cursor + 24));
    const scaleWord = word?.[1]?.split(/\s+/u)[0]?.toLowerCase();
    if (word && scaleWord && ENGLISH_SCALES[scaleWord] !== undefined) {
      scale = ENGLISH_SCALES[scaleWord]!;
      cursor += word[0].indexOf(word[1]!) + scaleWord.length;
    }
  }
  const unit = UNITS.find((candidate) => text.startsWith(candidate, cursor));
  if (unit) return { scale, unit: canonicalUnit(unit), end: cursor + unit.length };
  const rest = text.slice(cursor, cursor + 32);
  const lower = rest.toLowerCase();
  for (const name of ENGLISH_UNIT_NAMES) {
    const at = /^\s*/u.exec(lower)![0].length;
    if (lower.startsWith(name, at) && !/[a-z]/u.test(lower[at + name.length] ?? "")) {
      return { scale, unit: canonicalUnit(ENGLISH_UNITS[name]!), end: cursor + at + name.length };
    }
  }
  if (/^\s*(?:percent|per cent)\b/iu.test(rest)) {
    const match = /^\s*(?:percent|per cent)/iu.exec(rest)!;
    return { scale, unit: "%", end: cursor + match[0].length };
  }
  return { scale, unit: "", end: cursor };
}

const percentStart = (text: string, start: number, spoken: boolean): number => (spoken ? start - 3 : start);

const DIGIT: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
// A single Chinese digit before a measure word is a count (五大行动, 两个副中心, 第七次); numbers.ts
// leaves lone digits alone because the report names things with them (五地一城, 一区两群), and
// 一 before a classifier is mostly the article (一座城市, 一批项目), so there it counts only as an
// ordinal (第一个); before a unit of measure (一小时, 一公里) it is a count.
const singleDigit = /(?<![零〇一二两三四五六七八九十百千万亿\d.])(第)?([一二两三四五六七八九])(半)?(?![零〇一二两三四五六七八九十百千万亿点])/gu;
/** After a lone digit: 大 (五大专项行动) counts like a measure word; 成 is tenths (七成 = 70%). */
const COUNT_ONLY_UNITS = ["大"];
const TENTHS = "成";
const ARTICLE_CLASSIFIERS: ReadonlySet<string> = new Set(units.articleClassifiers);

function countFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  for (const match of text.matchAll(singleDigit)) {
    const [written, ordinal, digit, half] = match as unknown as [string, string | undefined, string, string | undefined];
    const after = match.index + written.length;
    if (digit === "一" && !ordinal && !half && ARTICLE_CLASSIFIERS.has(text[after] ?? "")) continue;
    const value = DIGIT[digit]! + (half ? 0.5 : 0);
    if (!half && text[after] === TENTHS) {
      figures.push({ text: text.slice(match.index, after + 1), start: match.index, end: after + 1, value: `${value * 10}%`, amount: value * 10, unit: "%", kind: "percent" });
      continue;
    }
    const unit = [...UNITS, ...COUNT_ONLY_UNITS].find((candidate) => text.startsWith(candidate, after) && candidate !== "年");
    if (!unit) continue;
    figures.push({ text: text.slice(match.index, after + unit.length), start: match.index, end: after + unit.length, value: String(value), amount: value, unit: canonicalUnit(unit === "大" ? "项" : unit), kind: "quantity" });
  }
  // 半小时: a half with no digit before it.
  for (const match of text.matchAll(/(?<![一二两三四五六七八九十\d])半(小时|年|月|天)/gu)) {
    figures.push({ text: match[0], start: match.index, end: match.index + match[0].length, value: "0.5", amount: 0.5, unit: match[1]!, kind: "quantity" });
  }
  return figures;
}

/** Every figure of `text`, in order: numbers (numbers.ts) with what follows them, and counts written with one Chinese digit. */
export function findFigures(text: string): Figure[] {
  return [...numberFigures(text), ...countFigures(text)].sort((left, right) => left.start - right.start);
}

function numberFigures(text: string): Figure[] {
  return findNumbers(text).map((number) => {
    // 百分之45.6: the spoken percent before Arabic digits.
    const percent = number.value.endsWith("%") || text.slice(Math.max(0, number.start - 3), number.start) === "百分之";
    const digits = Number(number.value.replace(/%$/u, ""));
    const after = percent ? { scale: 1, unit: "%", end: number.end } : readAfter(text, number.end);
    const scale = after.scale * scaleInsideNumeral(number.text);
    const unit = after.unit === "%" ? "%" : after.unit;
    const isYear = !percent && scale === 1 && Number.isInteger(digits) && digits >= YEAR_RANGE.from && digits <= YEAR_RANGE.to && (unit === "年" || unit === "");
    return {
      text: text.slice(percentStart(text, number.start, percent && !number.value.endsWith("%")), after.end),
      start: percentStart(text, number.start, percent && !number.value.endsWith("%")),
      end: after.end,
      value: percent && !number.value.endsWith("%") ? `${number.value}%` : number.value,
      amount: digits * scale,
      unit: isYear ? "年" : unit,
      kind: unit === "%" || unit === "个百分点" ? "percent" : isYear ? "year" : "quantity",
    };
  });
}

/** The same figure: equal amounts, and units that agree (a figure without a unit agrees with any). */
export function sameFigure(left: Figure, right: Figure): boolean {
  if (!nearlyEqual(left.amount, right.amount)) return false;
  if (left.kind === "percent" || right.kind === "percent") return left.kind === right.kind && left.unit === right.unit;
  return left.unit === right.unit || left.unit === "" || right.unit === "";
}

/** The same digits with another scale or unit: 1800亿元 vs 1800万元, 52% vs 52个. */
export function sameDigitsOtherUnit(left: Figure, right: Figure): boolean {
  return nearlyEqual(Number(left.value.replace(/%$/u, "")), Number(right.value.replace(/%$/u, ""))) && !sameFigure(left, right);
}

/** Figures that could state the same fact with different values: same kind, and the same unit when both give one. */
export function comparable(left: Figure, right: Figure): boolean {
  if (left.kind !== right.kind) return false;
  return left.unit === right.unit || left.unit === "" || right.unit === "";
}

function nearlyEqual(left: number, right: number): boolean {
  return Math.abs(left - right) <= 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));
}
