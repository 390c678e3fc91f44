import { describe, expect, it } from "vitest";
import { splitClauses, splitSentences, type TextSpan } from "../../../src/core/text/sentences.js";
import { reportText } from "../../support/corpus.js";

const texts = (spans: readonly TextSpan[]): string[] => spans.map((span) => span.text);
/** A sentence ends at a sentence mark (and the closing quotes after it) or at the end of its line. */
const endsAtSentenceEnd = (source: string, end: number): boolean =>
  /[。！？；!?;][”’」』)）]*$/u.test(source.slice(0, end)) && !/^[”’」』)）]/u.test(source.slice(end)) ||
  /^[^\S\n]*(\r?\n|$)/u.test(source.slice(end));

describe("splitSentences", () => {
  const sentences = splitSentences(reportText);

  it("gives offsets that slice back to each sentence exactly, in order, without overlap", () => {
    expect(sentences.length).toBeGreaterThan(200);
    sentences.forEach((sentence, index) => {
      expect(reportText.slice(sentence.start, sentence.end)).toBe(sentence.text);
      if (index > 0) expect(sentence.start).toBeGreaterThanOrEqual(sentences[index - 1]!.end);
    });
  });

  it("never cuts the report inside a sentence: each ends at a sentence mark or a line end", () => {
    expect(sentences.filter((sentence) => !endsAtSentenceEnd(reportText, sentence.end)).map((sentence) => sentence.text)).toEqual([]);
  });

  it("loses only whitespace between sentences", () => {
    let between = reportText.slice(0, sentences[0]!.start);
    sentences.forEach((sentence, index) => {
      between += reportText.slice(sentence.end, sentences[index + 1]?.start ?? reportText.length);
    });
    expect(between.trim()).toBe("");
  });

  it("keeps a closing quote with the sentence it closes", () => {
    expect(texts(splitSentences("他说:“今年增长8.2%。”随后离开。"))).toEqual(["他说:“今年增长8.2%。”", "随后离开。"]);
    expect(texts(splitSentences("全面建成“健康江津！”（见附表。）此后继续"))).toEqual(["全面建成“健康江津！”", "（见附表。）", "此后继续"]);
  });

  it("ends sentences at full-width and ASCII marks, but not at a decimal point or a comma", () => {
    expect(texts(splitSentences("增长8.2%,好吗?是的!分号;全角。问号？感叹！"))).toEqual([
      "增长8.2%,好吗?",
      "是的!",
      "分号;",
      "全角。",
      "问号？",
      "感叹！",
    ]);
  });

  it("treats a line break as a sentence end, so a heading is a sentence of its own", () => {
    expect(texts(splitSentences("综合实力持续增强\n\n  地区生产总值增长。 \r\n末句"))).toEqual(["综合实力持续增强", "地区生产总值增长。", "末句"]);
  });

  it("splits only the range it is given, with offsets into the whole text", () => {
    const source = "第一句。第二句。第三句。";
    expect(splitSentences(source, 4, 12)).toEqual([
      { text: "第二句。", start: 4, end: 8 },
      { text: "第三句。", start: 8, end: 12 },
    ]);
  });
});

describe("splitClauses", () => {
  it("does not break a ratio at the colons between its numbers", () => {
    const sentence = "三次产业比由11.1:57.9:31.0调整为10.5:56.0:33.5";
    expect(texts(splitClauses(sentence, 0, sentence.length))).toEqual([sentence]);
  });

  it("breaks at commas and at a colon before words, but not at the enumeration comma 、", () => {
    const sentence = "建设“五地一城”,“五地”,即:科技创新基地、先进制造业基地，宜居城市";
    expect(texts(splitClauses(sentence, 0, sentence.length))).toEqual(["建设“五地一城”,", "“五地”,", "即:", "科技创新基地、先进制造业基地，", "宜居城市"]);
  });

  it("gives offsets into the whole text", () => {
    const source = "前文。森林覆盖率达52%,空气优良天数稳定达300天以上。";
    const start = source.indexOf("森");
    for (const clause of splitClauses(source, start, source.length)) expect(source.slice(clause.start, clause.end)).toBe(clause.text);
  });
});
