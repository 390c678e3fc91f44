import { describe, expect, it } from "vitest";
import { TermStatistics } from "../../../src/core/answering/term-statistics.js";
import type { ConversationTurn } from "../../../src/core/schemas/ask-request.js";
import { QuestionReader, type QuestionVocabulary, type WordCutter } from "../../../src/core/understanding/question-reader.js";
import { ReportVocabulary } from "../../../src/core/understanding/typo-correction.js";

/** A few short texts standing in for the report's chunks. */
const REPORT_TEXTS = [
  "到2026年,江津地区生产总值达1800亿元左右。",
  "2025年,江津地区生产总值达到1500亿元。",
  "全区森林覆盖率达到55%,绿色建筑占新建建筑的比重达到70%。",
  "加快轨道交通建设,建成江跳线。",
  "白沙镇建设历史文化名镇。",
];
const statistics = new TermStatistics(REPORT_TEXTS);

const PLACES = ["重庆", "江津", "白沙", "永川"];
/** Everyday words → the report's terms. */
const REWRITES: Record<string, string> = { 坐地铁: "轨道交通", 比例: "比重" };
const DIALECT: Record<string, string> = { 啷个: "怎么", 好多: "多少" };
const replaceAll = (table: Record<string, string>, text: string): string => Object.entries(table).reduce((result, [from, to]) => result.split(from).join(to), text);
const ENGLISH: Record<string, string> = { forest: "森林", coverage: "覆盖率", railway: "轨道交通", gdp: "地区生产总值" };
const ENGLISH_GRAMMAR = new Set(["what", "is", "the", "how", "much", "many", "of", "in", "does", "will", "by"]);

const vocabulary: QuestionVocabulary = {
  rewrite: (normalized) => replaceAll(REWRITES, normalized),
  standardize: (normalized) => replaceAll(DIALECT, normalized),
  translateEnglish: (normalized) => {
    const words = normalized.match(/[a-z]+/gu) ?? [];
    const chinese = words.filter((word) => ENGLISH[word]).map((word) => ENGLISH[word]!);
    const unknown = words.filter((word) => !ENGLISH[word] && !ENGLISH_GRAMMAR.has(word));
    return chinese.length > 0 ? { chinese, unknown } : undefined;
  },
  placesIn: (normalized) => PLACES.filter((place) => normalized.includes(place)),
  parentsOf: (places) => (places.includes("江津") ? ["重庆"] : []),
};

/** A dictionary segmenter: longest report word first, digit and Latin runs whole, any other character alone. */
const DICTIONARY = ["地区生产总值", "森林", "覆盖率", "轨道交通", "绿色建筑", "比重", "江津", "白沙", "永川", "重庆", "建设", "目标", "历史文化名镇"].sort(
  (left, right) => right.length - left.length,
);
const segmenter: WordCutter = {
  cut(text) {
    const segments: string[] = [];
    for (let at = 0; at < text.length; ) {
      const rest = text.slice(at);
      const word = DICTIONARY.find((entry) => rest.startsWith(entry)) ?? /^(?:\d+(?:\.\d+)?|[a-z]+|\s+)/u.exec(rest)?.[0] ?? rest[0]!;
      segments.push(word);
      at += word.length;
    }
    return segments;
  },
};

const reader = new QuestionReader({ statistics, vocabulary, segmenter });

const user = (content: string): ConversationTurn => ({ role: "user", content });
const assistant = (content: string): ConversationTurn => ({ role: "assistant", content });

describe("QuestionReader: numbers", () => {
  it("reads a year written in Chinese numerals with 〇 as digits", () => {
    const reading = reader.read("二〇二六年江津地区生产总值目标是多少?");
    expect(reading.years).toEqual(["2026"]);
    expect(reading.searchText).toContain("2026");
    expect(reading.contentTerms).toContain("2026");
    expect(reading.kind).toBe("numeric");
  });

  it("reads a year written in digits the same way", () => {
    expect(reader.read("2026年江津地区生产总值目标是多少?").years).toEqual(["2026"]);
  });
});

describe("QuestionReader: rewrites", () => {
  it("rewrites everyday words into the report's terms for searching and weighing", () => {
    const reading = reader.read("江津坐地铁方便吗?");
    expect(reading.searchText).toContain("轨道交通");
    expect(reading.contentTerms).toContain("轨道交通");
    expect(reading.contentTerms).not.toContain("坐地铁");
  });

  it("reads the kind from the question's own words even when a rewrite removes them", () => {
    // 比例 is rewritten to 比重, which is no question word; the question still asks for a share.
    const reading = reader.read("绿色建筑比例");
    expect(reading.searchText).toContain("比重");
    expect(reading.searchText).not.toContain("比例");
    expect(reading.kind).toBe("numeric");
    expect(reading.quantityKind).toBe("share");
  });

  it("reads a dialect question word by the standard one it is rewritten to (啷个 → 怎么, 好多 → 多少)", () => {
    // Dialect question words are standardised before the kind is read; everyday topic words are not.
    expect.soft(reader.read("啷个建设轨道交通?").kind).toBe("how");
    expect.soft(reader.read("森林覆盖率有好多?").kind).toBe("numeric");
    // Control: the same questions in standard Mandarin.
    expect(reader.read("怎么建设轨道交通?").kind).toBe("how");
    expect(reader.read("森林覆盖率有多少?").kind).toBe("numeric");
  });
});

describe("QuestionReader: follow-ups resolved against the conversation", () => {
  const gdp2025 = [user("2025年江津地区生产总值是多少?"), assistant("2025年,江津地区生产总值达到1500亿元[1]。")];

  it("takes the previous turn's topic with the new year for a bare 那2026年呢?", () => {
    const reading = reader.read("那2026年呢?", gdp2025);
    expect(reading.followUp).toBe(true);
    expect(reading.years).toEqual(["2026"]);
    expect(reading.contentTerms).toContain("地区生产总值");
    expect(reading.contentTerms).not.toContain("2025");
    expect(reading.kind).toBe("numeric");
  });

  it("reads the same turn without a conversation as having no topic", () => {
    const reading = reader.read("那2026年呢?");
    expect(reading.followUp).toBe(false);
    expect(reading.contentTerms).not.toContain("地区生产总值");
  });

  it("takes the previous turn's topic and kind for 具体是什么? (no content words of its own)", () => {
    const history = [user("江津要建设哪些轨道交通?"), assistant("加快轨道交通建设,建成江跳线[1]。")];
    const reading = reader.read("具体是什么?", history);
    expect(reading.followUp).toBe(true);
    expect(reading.contentTerms).toContain("轨道交通");
    expect(reading.kind).toBe("list");
  });

  it("resolves a third turn against a second that was itself elliptical", () => {
    const history = [...gdp2025, user("那2026年呢?"), assistant("到2026年,江津地区生产总值达1800亿元左右[1]。")];
    const reading = reader.read("那永川呢?", history);
    expect(reading.followUp).toBe(true);
    // The topic comes from the first turn, the year from the second, the place from this one.
    expect(reading.contentTerms).toContain("地区生产总值");
    expect(reading.years).toEqual(["2026"]);
    expect(reading.places).toEqual(["永川"]);
    expect(reading.kind).toBe("numeric");
  });

  it("replaces the previous turn's place with the one a follow-up names", () => {
    const reading = reader.read("那永川呢?", gdp2025);
    expect(reading.places).toEqual(["永川"]);
    expect(reading.years).toEqual(["2025"]);
    expect(reading.contentTerms).toContain("地区生产总值");
  });

  it("reads a place name alone as a follow-up about that place, with or without a question mark", () => {
    for (const turn of ["白沙", "白沙?", "白沙？"]) {
      const reading = reader.read(turn, gdp2025);
      expect.soft(reading.followUp, turn).toBe(true);
      expect.soft(reading.places, turn).toEqual(["白沙"]);
      expect.soft(reading.contentTerms, turn).toContain("地区生产总值");
      expect.soft(reading.kind, turn).toBe("numeric");
    }
  });

  it("keeps a list follow-up a list question though it says 几个 (另外几个是什么?)", () => {
    const history = [user("五大专项行动是哪五个?"), assistant("深入实施乡村振兴行动、城市提升行动[1]。")];
    for (const turn of ["另外几个是什么?", "其他几个呢?"]) {
      const reading = reader.read(turn, history);
      expect.soft(reading.followUp, turn).toBe(true);
      expect.soft(reading.kind, turn).toBe("list");
      expect.soft(reading.quantityKind, turn).toBeUndefined();
    }
    // Control: a follow-up that asks how many is a how-many question.
    expect(reader.read("有几个?", history).kind).toBe("numeric");
  });

  it("keeps the follow-up's own question word: 为什么? after a how-many question is a why-question", () => {
    const reading = reader.read("为什么?", gdp2025);
    expect(reading.followUp).toBe(true);
    expect(reading.kind).toBe("why");
    expect(reading.contentTerms).toContain("地区生产总值");
  });

  it("records the previous answer for 还有别的吗, so its quotes are not given again", () => {
    const previous = "加快轨道交通建设,建成江跳线[1]。";
    const reading = reader.read("还有别的吗?", [user("江津要建设哪些轨道交通?"), assistant(previous)]);
    expect(reading.followUp).toBe(true);
    expect(reading.alreadyAnswered).toBe(previous);
    expect(reading.contentTerms).toContain("轨道交通");
  });

  it("records no previous answer for a follow-up that does not ask for more", () => {
    expect(reader.read("那2026年呢?", gdp2025).alreadyAnswered).toBeUndefined();
  });

  it("records no previous answer for 还有别的吗 without a conversation", () => {
    const reading = reader.read("还有别的吗?");
    expect(reading.followUp).toBe(false);
    expect(reading.alreadyAnswered).toBeUndefined();
  });

  it("reads a question with a topic of its own as standalone, not as a follow-up", () => {
    const reading = reader.read("森林覆盖率是多少?", gdp2025);
    expect(reading.followUp).toBe(false);
    expect(reading.contentTerms).toEqual(expect.arrayContaining(["森林", "覆盖率"]));
    expect(reading.contentTerms).not.toContain("地区生产总值");
    expect(reading.years).toEqual([]);
    expect(reading.alreadyAnswered).toBeUndefined();
  });

  it("reads only the user's turns of the history as questions", () => {
    // The assistant's reply names 白沙; a follow-up after it must not pick it up as a place.
    const history = [user("江津要建设哪些轨道交通?"), assistant("白沙镇建设历史文化名镇[1]。")];
    const reading = reader.read("具体是什么?", history);
    expect(reading.places).toEqual(["江津"]);
    expect(reading.contentTerms).not.toContain("历史文化名镇");
  });
});

describe("QuestionReader: language", () => {
  it("reads an English question as English, searched and weighed in the report's Chinese terms", () => {
    const reading = reader.read("How much is the forest coverage?");
    expect(reading.language).toBe("en");
    expect(reading.contentTerms).toEqual(expect.arrayContaining(["森林", "覆盖率"]));
    expect(reading.searchText).toContain("森林");
    expect(reading.searchText).toContain("覆盖率");
    expect(reading.kind).toBe("numeric");
    expect(reading.untranslated).toEqual([]);
  });

  it("lists English words that map to nothing in the report", () => {
    const reading = reader.read("What is the forest coverage in Chengdu?");
    expect(reading.language).toBe("en");
    expect(reading.untranslated).toEqual(["chengdu"]);
  });

  it("reads Chinese as Chinese, and a mostly Chinese question with an English word as mixed", () => {
    expect(reader.read("森林覆盖率是多少?").language).toBe("zh");
    const mixed = reader.read("江津的railway建设目标是什么?");
    expect(mixed.language).toBe("mixed");
    expect(mixed.contentTerms).toContain("轨道交通");
  });

  it("counts GDP as no English word", () => {
    expect(reader.read("江津gdp目标是多少?").language).toBe("zh");
  });
});

describe("QuestionReader: typo correction against the report's words", () => {
  const reportWords = new ReportVocabulary(new Map([["森林", 3], ["覆盖率", 3], ["轨道交通", 2], ["地区生产总值", 2], ["建设", 4]]));
  const correcting = new QuestionReader({ statistics, vocabulary, segmenter, reportWords });

  it("corrects a one-character typo of a report word in the terms and in the search text", () => {
    const reading = correcting.read("森林复盖率是多少?");
    expect(reading.contentTerms).toContain("覆盖率");
    expect(reading.contentTerms).not.toContain("复盖率");
    expect(reading.searchText).toContain("覆盖率");
    expect(reading.searchText).not.toContain("复盖率");
    expect(reading.corrections).toEqual([{ typed: "复盖率", corrected: "覆盖率" }]);
  });

  it("corrects nothing without the report's words", () => {
    const reading = reader.read("森林复盖率是多少?");
    expect(reading.contentTerms).toContain("复盖率");
    expect(reading.corrections).toEqual([]);
  });

  it("leaves a correctly written question as it is", () => {
    const reading = correcting.read("森林覆盖率是多少?");
    expect(reading.corrections).toEqual([]);
    expect(reading.contentTerms).toEqual(expect.arrayContaining(["森林", "覆盖率"]));
  });
});
