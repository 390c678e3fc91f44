import { describe, expect, it } from "vitest";
import { chineseNumeralValue, findNumbers, MAX_NUMERAL_CHARACTERS, normalizeChineseNumerals } from "../../../src/core/verification/numbers.js";
import { reportText } from "../../support/corpus.js";
import { seededRandom } from "../../../src/bench/seeded-random.js";

const DIGITS = "零一二三四五六七八九";

/** A reference writer for the standard form: 10 → 十, 105 → 一百零五, 1010 → 一千零一十, 120000000 → 一亿二千万. */
function writeChinese(value: number): string {
  const section = (n: number, leading: boolean): string => {
    let text = "";
    let zero = false;
    for (const [place, name] of [[1000, "千"], [100, "百"], [10, "十"], [1, ""]] as const) {
      const digit = Math.floor(n / place) % 10;
      if (digit === 0) {
        if (text) zero = true;
        continue;
      }
      if (zero) text += "零";
      zero = false;
      text += place === 10 && digit === 1 && leading && !text ? "十" : `${DIGITS[digit]}${name}`;
    }
    return text;
  };
  if (value === 0) return "零";
  const parts: string[] = [];
  const hundredMillions = Math.floor(value / 1e8);
  const tenThousands = Math.floor(value / 1e4) % 1e4;
  const units = value % 1e4;
  if (hundredMillions) parts.push(`${section(hundredMillions, true)}亿`);
  if (tenThousands) parts.push(`${hundredMillions && tenThousands < 1000 ? "零" : ""}${section(tenThousands, !hundredMillions)}万`);
  if (units) parts.push(`${(hundredMillions || tenThousands) && units < 1000 ? "零" : ""}${section(units, !hundredMillions && !tenThousands)}`);
  return parts.join("").replace(/零+/gu, "零");
}

describe("normalizeChineseNumerals", () => {
  it.each([
    ["百分之六", "6%"],
    ["一千八百亿元", "1800亿元"],
    ["十年", "10年"],
    ["二十五个", "25个"],
    ["一千零五", "1005"],
    ["第十五次", "第15次"],
    ["六万元", "6万元"],
    ["两千万", "2000万"],
    ["一亿两千万", "1.2亿"],
    ["十二万五千", "125000"],
    ["一千八", "1800"],
    ["三万五", "35000"],
    ["三点三万元", "3.3万元"],
    ["八点二", "8.2"],
    ["百分之三十五点五", "35.5%"],
    ["百分之百", "100%"],
    ["百分之十", "10%"],
    ["两年半", "2.5年"],
    ["三个半月", "3.5个月"],
    ["二〇二六年", "2026年"],
  ])("reads %s as %s", (numeral, expected) => {
    expect(normalizeChineseNumerals(numeral)).toBe(expected);
  });

  it.each([
    ["五地一城", "a name: single digits without a place value"],
    ["一区两群", "a name"],
    ["坚持“两点”定位", "两点 is no decimal"],
    ["发挥“三个作用”", "a lone digit"],
    ["引育一批", "a lone digit"],
    ["十四五规划", "no well-formed numeral"],
    ["两三万人", "a range, not one number"],
    ["千亿级专业市场集群", "a place value without a digit"],
    ["百万人口", "a place value without a digit"],
    ["十分重要", "十分 means very"],
    ["一点一滴", "an idiom"],
    ["实现“零”的突破", "a lone zero"],
    ["上半年", "半 on its own"],
    ["三分之一", "fractions are not converted"],
  ])("leaves %s alone (%s)", (text) => {
    expect(normalizeChineseNumerals(text)).toBe(text);
  });

  it("rewrites the numerals of a whole sentence and keeps everything else", () => {
    expect(normalizeChineseNumerals("到二〇二六年，地区生产总值达一千八百亿元左右，年均增长百分之六以上，建设五地一城。")).toBe(
      "到2026年，地区生产总值达1800亿元左右，年均增长6%以上，建设五地一城。",
    );
  });

  it(`reads numerals up to ${MAX_NUMERAL_CHARACTERS} characters and leaves longer runs alone, whole`, () => {
    const longest = "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九"; // 31 characters
    expect(normalizeChineseNumerals(`${longest}元`)).toBe("9999999999999999元");
    // Past the cap the rest of the run is skipped too: its tail (一千八百) is no number on its own.
    const tooLong = `${"一".repeat(MAX_NUMERAL_CHARACTERS + 1)}一千八百元`;
    expect(normalizeChineseNumerals(tooLong)).toBe(tooLong);
    expect(normalizeChineseNumerals(`一点${"五".repeat(MAX_NUMERAL_CHARACTERS)}`)).toBe(`一点${"五".repeat(MAX_NUMERAL_CHARACTERS)}`);
    expect(normalizeChineseNumerals(`${tooLong}，十年`)).toBe(`${tooLong}，10年`);
  });

  it("reads a pasted run of tens of thousands of numeral characters as no number, without overflowing the stack", () => {
    for (const run of ["一二三四五六七八九十百千万亿".repeat(1500), "亿".repeat(20_000), "一亿".repeat(10_000)]) {
      expect(normalizeChineseNumerals(run)).toBe(run);
      expect(findNumbers(run)).toEqual([]);
      expect(chineseNumeralValue(run)).toBeUndefined();
    }
  });

  it("reads traditional forms too", () => {
    expect(normalizeChineseNumerals("一千八百億元、兩萬人、三點三萬元")).toBe("1800億元、2萬人、3.3萬元");
  });

  it("changes nothing the second time, and on the report only figures, never its names", () => {
    const once = normalizeChineseNumerals(reportText);
    expect(normalizeChineseNumerals(once)).toBe(once);
    for (const name of ["五地一城", "一区两群", "“两点”定位", "“三个作用”", "五位一体", "千亿级"]) expect(once).toContain(name);
    expect(once).toContain("19大"); // 党的十九大: a number, read as one
  });
});

describe("chineseNumeralValue", () => {
  it("reads standard numerals exactly, from 零 to past 万亿", () => {
    expect(chineseNumeralValue("零")).toBe(0n);
    expect(chineseNumeralValue("十")).toBe(10n);
    expect(chineseNumeralValue("一千八百")).toBe(1800n);
    expect(chineseNumeralValue("一千零一十")).toBe(1010n);
    expect(chineseNumeralValue("十万零一十")).toBe(100010n);
    expect(chineseNumeralValue("一亿零五")).toBe(100000005n);
    expect(chineseNumeralValue("三万亿")).toBe(3_000_000_000_000n);
  });

  it("refuses strings that are no numeral", () => {
    for (const text of ["", "十四五", "两三", "千", "万", "亿", "五零", "一百十", "一十百", "1800", "十年"]) {
      expect(chineseNumeralValue(text), text).toBeUndefined();
    }
  });

  it("reads back every value a reference writer spells (2,000 seeded values up to 10^10)", () => {
    const random = seededRandom(4);
    const values = [1, 9, 10, 11, 19, 20, 100, 101, 110, 999, 1000, 1001, 1010, 9999, 10000, 10001, 100000, 100010, 1e8, 1e8 + 1];
    for (let index = 0; index < 2000; index++) values.push(Math.floor(random() ** 3 * 1e10));
    for (const value of values) {
      const written = writeChinese(value);
      expect(chineseNumeralValue(written), `${value} written ${written}`).toBe(BigInt(value));
    }
  });
});

describe("findNumbers", () => {
  it("lists every number as written, with its normalised value and offsets that slice back", () => {
    const text = "年均增长百分之六以上，达１，２００亿元[1]，增速8.20%，从2021,2026年看，三次产业比为11.1:57.9:31.0。";
    const numbers = findNumbers(text);
    expect(numbers.map(({ text: written, value }) => [written, value])).toEqual([
      ["百分之六", "6%"],
      ["１，２００", "1200"],
      ["8.20%", "8.2%"],
      ["2021", "2021"],
      ["2026", "2026"],
      ["11.1", "11.1"],
      ["57.9", "57.9"],
      ["31.0", "31"],
    ]);
    for (const number of numbers) expect(text.slice(number.start, number.end)).toBe(number.text);
  });

  it("reads Chinese numerals with their unit as the report writes them", () => {
    expect(findNumbers("地区生产总值达一千八百亿元，居民收入达六万元").map((number) => number.value)).toEqual(["1800", "6"]);
    expect(findNumbers("一千八百亿元")[0]?.text).toBe("一千八百亿");
  });

  it("finds no number in names and citation markers", () => {
    expect(findNumbers("建设“五地一城”，融入“一区两群”[2]。")).toEqual([]);
  });
});
