import fc from "fast-check";

/**
 * fast-check generators for text shaped like the report, shared by tests/property/*.
 * Built from character classes rather than a fixed sample, so shrinking can narrow a
 * failure down to the one character (or line kind) that matters.
 */

/** One code point drawn from an inclusive range. */
export const codePointIn = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((codePoint) => String.fromCodePoint(codePoint));

/** Words of the report, so most text looks like it; the numerals 一…十 are left to `anyHan`. */
const COMMON_HAN = [..."江津区发展建设科技创新基地产业城市乡村振兴生态文化旅游开放港口物流工业服务数字经济民生教育医疗交通绿色"];
/** Traditional forms the normaliser folds (區→区, 億→亿 …): the t2s path of normalize.ts. */
export const TRADITIONAL_HAN = [..."區發展經濟億達覆蓋率設鄉會環濱與產業鐵實現這個們為"];

export const commonHan = fc.constantFrom(...COMMON_HAN);
/** Any CJK unified ideograph (includes 一二三…, which can make a line read as a numbered heading). */
export const anyHan = codePointIn(0x4e00, 0x9fff);
export const han = fc.oneof({ arbitrary: commonHan, weight: 6 }, { arbitrary: anyHan, weight: 2 }, { arbitrary: fc.constantFrom(...TRADITIONAL_HAN), weight: 1 });

/** Unicode a copy-pasted report might carry: emoji, combining marks, full-width letters/digits, compatibility forms. */
export const junkCharacter = fc.oneof(
  codePointIn(0x1f300, 0x1faff), // emoji (surrogate pairs)
  codePointIn(0x0300, 0x036f), // combining diacritics
  codePointIn(0xff01, 0xff5e), // full-width ASCII: letters, digits and punctuation
  codePointIn(0x3380, 0x33ff), // ㎡ ㎞ …: expand to several characters under NFKC
  codePointIn(0x2460, 0x24ff), // ①②… and circled letters
  codePointIn(0x20000, 0x2a6df), // CJK extension B (𠀀: outside the BMP)
  fc.constantFrom("\u200b", "\u200d", "\ufe0f", "\u00ad", "Ⅱ", "℃", "ﬃ", "İ", "ẞ", "Σ"),
);

/** Whitespace JavaScript's \s knows, including the ideographic space and the BOM. */
export const inlineSpace = fc.constantFrom(" ", "  ", "\t", "\u3000", "\u00a0", "\ufeff", "\u2028", "\v", "\f");

const inlinePunctuation = fc.constantFrom("，", "，", ",", "：", ":", "（", "）", "(", ")", "、", "“", "”", "……");
const sentenceEnd = fc.constantFrom("。", "。", "。", "！", "？", "；", "!", "?", ";", "。”", "！）", "");
const number = fc.oneof(
  fc.nat({ max: 100_000 }).map(String),
  fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 9 })).map(([whole, tenth]) => `${whole}.${tenth}%`),
  fc.nat({ max: 5000 }).map((value) => `${value}亿元`),
  fc.constant("11.1:57.9:31.0"),
  fc.integer({ min: 1990, max: 2035 }).map((year) => `${year}年`),
);

const hanRun = (minLength: number, maxLength: number) => fc.string({ unit: han, minLength, maxLength });

/** One sentence: Han runs mixed with numbers, clause punctuation, spaces and the odd junk character. */
export const reportSentence: fc.Arbitrary<string> = fc
  .tuple(
    hanRun(1, 8),
    fc.array(fc.oneof({ arbitrary: hanRun(1, 10), weight: 5 }, number, inlinePunctuation, inlineSpace, junkCharacter), { maxLength: 8 }),
    sentenceEnd,
  )
  .map(([lead, parts, end]) => lead + parts.join("") + end);

const numeral = fc.constantFrom(..."一二三四五六七八九十");

/** A line of the report: each kind the outline parser tells apart, plus blank and junk-only lines. */
export const reportLine: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.array(reportSentence, { minLength: 1, maxLength: 6 }).map((sentences) => sentences.join("")), weight: 6 }, // paragraph
  { arbitrary: hanRun(2, 12), weight: 2 }, // plain heading
  { arbitrary: fc.tuple(numeral, hanRun(2, 20)).map(([n, text]) => `${n}、${text}`), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom("（", "("), numeral, fc.constantFrom("）", ")"), hanRun(2, 20), fc.constantFrom("", "。")).map((parts) => parts.join("")), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom("●", "•", "◆"), fc.array(reportSentence, { minLength: 1, maxLength: 4 })).map(([mark, body]) => mark + body.join("")), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), hanRun(1, 10)).map(([level, text]) => `${"#".repeat(level)} ${text}`), weight: 1 },
  { arbitrary: fc.constant(""), weight: 1 },
  { arbitrary: fc.string({ unit: fc.oneof(inlineSpace, junkCharacter), maxLength: 4 }), weight: 1 },
);

const lineBreak = fc.constantFrom("\n", "\n", "\n\n", "\r\n", "\r", "\n \u3000\n");

/** A whole document: lines with random indentation, trailing space and line breaks. */
export const reportText: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.option(inlineSpace, { freq: 4 }), reportLine, fc.option(inlineSpace, { freq: 4 }), lineBreak), { maxLength: 30 })
  .map((lines) => lines.map(([indent, line, trail, end]) => (indent ?? "") + line + (trail ?? "") + end).join(""));

/** Strings heavy in the characters normalize.ts treats specially, including lone surrogates. */
export const chineseHeavyString: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(
    { arbitrary: han, weight: 6 },
    { arbitrary: junkCharacter, weight: 3 },
    { arbitrary: inlinePunctuation, weight: 2 },
    { arbitrary: fc.constantFrom("０", "８", "．", "％", "Ａ", "ｇ", "D", "P"), weight: 1 },
    { arbitrary: codePointIn(0xd800, 0xdfff), weight: 1 }, // a lone surrogate (not a code point of its own)
  ),
  maxLength: 60,
});
