import { beforeAll, describe, expect, it } from "vitest";
import { QaError } from "../../../src/core/errors.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { splitSentences } from "../../../src/core/text/sentences.js";
import { verificationResultSchema, type VerificationResult, type VerifiedSentence } from "../../../src/core/verification/verification-schema.js";
import { reportNumbers, statusFor, verifyText } from "../../../src/core/verification/verify-text.js";
import { reportText } from "../../support/corpus.js";
import { reportEngine } from "../../support/engine.js";

// A press release about the congress, one sentence of each kind a checker meets.
const COPIED = "森林覆盖率达52%,空气优良天数稳定达300天以上。"; // verbatim from the report
const PARAPHRASED = "江津工业园区成为国家级示范基地，社会消费品零售总额增长很快。"; // keeps about half the report's words
const INVENTED = "我们的足球队昨天晚上赢得了冠军奖杯。"; // the report says nothing like it
const WRONG_NUMBER = "到2026年，地区生产总值达2000亿元左右。"; // the report says 1800亿元
const CHINESE_PERCENT = "到2026年，地区生产总值年均增长百分之六以上。"; // the report writes 6%
const MISPLACED_NUMBER = "到2026年，地区生产总值达1200亿元左右。"; // 1200亿元 is the report's 2021 figure
const PRESS_RELEASE = `江津日报讯\n\n${COPIED}${PARAPHRASED}\n——\n${INVENTED}${WRONG_NUMBER}${CHINESE_PERCENT}${MISPLACED_NUMBER}\n`;

let engine: QaEngine;
let result: VerificationResult;
const sentence = (text: string): VerifiedSentence => {
  const found = result.sentences.find((candidate) => candidate.text === text);
  if (!found) throw new Error(`sentence not in the result: ${text}`);
  return found;
};

beforeAll(async () => {
  engine = await reportEngine();
  result = await verifyText(engine, PRESS_RELEASE);
});

describe("verifyText on a press release", () => {
  it("checks every sentence once, in order, with offsets into the text, skipping lines of punctuation", () => {
    expect(result.sentences.map((checked) => checked.text)).toEqual([
      "江津日报讯",
      COPIED,
      PARAPHRASED,
      INVENTED,
      WRONG_NUMBER,
      CHINESE_PERCENT,
      MISPLACED_NUMBER,
    ]);
    for (const checked of result.sentences) expect(PRESS_RELEASE.slice(checked.start, checked.end)).toBe(checked.text);
    expect(verificationResultSchema.parse(result)).toEqual(result);
  });

  it("marks a sentence copied from the report supported and quotes the report exactly, in the right section", () => {
    const copied = sentence(COPIED);
    expect(copied.status).toBe("supported");
    expect(copied.support).toBe(1);
    const [best] = copied.spans;
    expect(best?.quote).toBe(COPIED);
    expect(best?.quoteStart).toBe(reportText.indexOf(COPIED));
    expect(reportText.slice(best!.quoteStart, best!.quoteEnd)).toBe(best!.quote);
    expect(best?.section).toEqual(["过去五年", "生态优势巩固提升"]);
    expect(copied.unsupportedNumbers).toEqual([]);
    expect(copied.numbersNotInBestSpan).toEqual([]);
  });

  it("marks a paraphrase keeping half the words partly supported, quoting the two facts it merges", () => {
    const paraphrased = sentence(PARAPHRASED);
    expect(paraphrased.status).toBe("partly-supported");
    expect(paraphrased.support).toBeGreaterThanOrEqual(0.5);
    expect(paraphrased.support).toBeLessThan(0.8);
    expect(paraphrased.spans[0]?.quote).toContain("江津工业园区获批国家新型工业化产业示范基地");
    expect(paraphrased.spans[0]?.quote).toContain("社会消费品零售总额");
    expect(paraphrased.spans[0]?.section).toEqual(["过去五年", "综合实力持续增强"]);
  });

  it("marks an invented sentence not found", () => {
    const invented = sentence(INVENTED);
    expect(invented.status).toBe("not-found");
    expect(invented.support).toBeLessThan(0.5);
  });

  it("flags a figure the report never states, and shows the report's own figure in the best span", () => {
    const wrong = sentence(WRONG_NUMBER);
    expect(wrong.unsupportedNumbers).toEqual([{ text: "2000", value: "2000", start: PRESS_RELEASE.indexOf("2000"), end: PRESS_RELEASE.indexOf("2000") + 4 }]);
    expect(wrong.spans[0]?.quote).toBe("到2026年,地区生产总值达1800亿元左右");
    expect(wrong.numbers.map((number) => number.value)).toEqual(["2026", "2000"]);
  });

  it("reads 百分之六 as the report's 6% and flags nothing", () => {
    const percent = sentence(CHINESE_PERCENT);
    expect(percent.status).toBe("supported");
    expect(percent.numbers.map(({ text, value }) => ({ text, value }))).toEqual([
      { text: "2026", value: "2026" },
      { text: "百分之六", value: "6%" },
    ]);
    expect(percent.spans[0]?.quote).toContain("年均增长6%以上");
    expect(percent.unsupportedNumbers).toEqual([]);
    expect(percent.numbersNotInBestSpan).toEqual([]);
  });

  it("flags a figure the report has, but for another fact than the best span", () => {
    const misplaced = sentence(MISPLACED_NUMBER);
    expect(misplaced.unsupportedNumbers).toEqual([]);
    expect(misplaced.numbersNotInBestSpan.map((number) => number.value)).toEqual(["1200"]);
    expect(misplaced.spans[0]?.quote).toContain("1800亿元");
  });

  it("keeps at most three distinct spans per sentence, best first, each an exact slice of the report", () => {
    for (const checked of result.sentences) {
      expect(checked.spans.length).toBeLessThanOrEqual(3);
      expect(checked.support).toBe(checked.spans[0]?.containment ?? 0);
      const containments = checked.spans.map((span) => span.containment);
      expect(containments).toEqual([...containments].sort((left, right) => right - left));
      expect(new Set(checked.spans.map((span) => `${span.quoteStart}:${span.quoteEnd}`)).size).toBe(checked.spans.length);
      for (const span of checked.spans) expect(reportText.slice(span.quoteStart, span.quoteEnd)).toBe(span.quote);
    }
  });

  it("sums up the statuses and flagged numbers", () => {
    const count = (status: string): number => result.sentences.filter((checked) => checked.status === status).length;
    expect(result.summary).toEqual({
      sentences: 7,
      supported: count("supported"),
      partlySupported: count("partly-supported"),
      notFound: count("not-found"),
      unsupportedNumbers: 1,
      numbersNotInBestSpan: 1,
    });
    expect(result.summary.supported).toBeGreaterThanOrEqual(4);
  });
});

describe("verifyText on the report itself", () => {
  it("finds every sentence of the report supported, at its own place, with no flagged number", async () => {
    const sentences = splitSentences(reportText);
    for (let from = 0; from < sentences.length; from += 200) {
      const part = sentences.slice(from, from + 200);
      const offset = part[0]!.start;
      const checked = await verifyText(engine, reportText.slice(offset, part.at(-1)!.end));
      expect(checked.summary.supported).toBe(checked.summary.sentences);
      expect(checked.summary.unsupportedNumbers + checked.summary.numbersNotInBestSpan).toBe(0);
      for (const one of checked.sentences) expect(one.spans[0]?.quoteStart, one.text).toBe(offset + one.start);
    }
  });

  it("reads the report's numbers once: its figures are there, invented ones are not", () => {
    const numbers = reportNumbers(engine);
    for (const present of ["1800", "2026", "6", "52", "8.2", "126.79", "19"]) expect(numbers.has(present), present).toBe(true);
    for (const absent of ["2000", "2030", "53"]) expect(numbers.has(absent), absent).toBe(false);
    expect(reportNumbers(engine)).toBe(numbers);
  });

  it("reads them again when the same engine object comes to hold other chunks (as a forwarding engine does after a reindex)", () => {
    let chunks = engine.chunks;
    const forwarding: QaEngine = {
      ...engine,
      get chunks() {
        return chunks;
      },
    };
    expect(reportNumbers(forwarding).has("4321")).toBe(false);
    chunks = [...engine.chunks, { ...engine.chunks[0]!, id: "appendix", text: "青蛙湖湿地公园面积达4321公顷。" }];
    expect(reportNumbers(forwarding).has("4321")).toBe(true);
  });

  it("accepts traditional characters and full-width digits as the same text", async () => {
    const checked = await verifyText(engine, "森林覆蓋率達５２％，空氣優良天數穩定達300天以上。");
    expect(checked.sentences[0]).toMatchObject({ status: "supported", support: 1, unsupportedNumbers: [] });
    expect(checked.sentences[0]?.spans[0]?.quote).toBe(COPIED);
  });
});

describe("verifyText limits", () => {
  it("classifies by the thresholds 0.8 and 0.5", () => {
    expect([1, 0.8, 0.799, 0.5, 0.499, 0].map(statusFor)).toEqual([
      "supported",
      "supported",
      "partly-supported",
      "partly-supported",
      "not-found",
      "not-found",
    ]);
  });

  it("refuses a text of more than 200 sentences with a clear error", async () => {
    const error = await verifyText(engine, "江津。".repeat(201)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("invalid_parameter");
    expect((error as QaError).message).toMatch(/201 sentences; at most 200/u);
    await expect(verifyText(engine, "江津。".repeat(200))).resolves.toMatchObject({ summary: { sentences: 200 } });
  });

  it("does not hold a not-found sentence's figures against an unrelated nearest span", async () => {
    // 23 and 17 are figures of the report (23家 companies, line 17), but this sentence matches nothing there.
    const checked = await verifyText(engine, "我们的足球队昨晚以23比17赢得了冠军奖杯。");
    expect(checked.sentences[0]).toMatchObject({ status: "not-found", unsupportedNumbers: [], numbersNotInBestSpan: [] });
    expect(checked.sentences[0]?.numbers.map((number) => number.value)).toEqual(["23", "17"]);
  });

  it("refuses a text with no sentence to check", async () => {
    await expect(verifyText(engine, " \n。！——\n")).rejects.toThrow(/no sentence to check/u);
  });
});
