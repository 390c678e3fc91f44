import { beforeAll, describe, expect, it } from "vitest";
import { QaError } from "../../../src/core/errors.js";
import { ask, search } from "../../../src/core/pipeline/ask.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { reportEngine } from "../../support/engine.js";
import { JIANGJIN_ID, JIANGJIN_SOURCE, twoDistrictEngine, YONGCHUAN_ID, YONGCHUAN_SOURCE } from "../../support/multi-document-engine.js";

// A corpus of two district reports: the Jiangjin report and a short hand-written one about
// 永川区 (tests/fixtures/multi-document/, invented figures, years 2017–2027). Every answer check
// runs against the document a question is about, and every citation names its document.

let engine: QaEngine;
let single: QaEngine;

beforeAll(async () => {
  [engine, single] = await Promise.all([twoDistrictEngine(), reportEngine()]);
});

const sources = (response: { citations: readonly { source: string }[] }): string[] => [...new Set(response.citations.map((citation) => citation.source))];

describe("a corpus of two district reports", () => {
  it("knows each document's metadata and subject from its sidecars", () => {
    expect(engine.documents.map((document) => [document.id, document.source, document.place, document.shortTitle, document.published])).toEqual([
      [JIANGJIN_ID, JIANGJIN_SOURCE, "江津区", "中国共产党重庆市江津区第十五次代表大会报告解读", "2021-12-29"],
      [YONGCHUAN_ID, YONGCHUAN_SOURCE, "永川区", "永川区党代会报告要点（虚构）", "2022-06-30"],
    ]);
  });

  it("answers a question about the other district from its own report instead of refusing it as another place", async () => {
    const response = await ask(engine, { question: "永川区到2027年地区生产总值的目标是多少" });
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("1600亿元");
    expect(sources(response)).toEqual([YONGCHUAN_SOURCE]);
  });

  it("refuses the same district's question when it is limited to the Jiangjin report, naming 江津区", async () => {
    const response = await ask(engine, { question: "永川区地区生产总值是多少", documents: [JIANGJIN_ID] });
    expect(response.abstentionReason).toBe("other-place");
    expect(response.answer).toBe("这份报告讲的是江津区，没有关于永川区的内容，无法回答这个问题。");
    expect(response.citations).toEqual([]);
  });

  it("still refuses a third place, naming both documents' districts", async () => {
    const response = await ask(engine, { question: "合川区地区生产总值是多少" });
    expect(response.abstentionReason).toBe("other-place");
    expect(response.answer).toBe("这些报告讲的是江津区、永川区，没有关于合川区的内容，无法回答这个问题。");
  });

  it("refuses the city as a whole as another level, for both districts", async () => {
    const response = await ask(engine, { question: "重庆市的地区生产总值是多少" });
    expect(response.abstentionReason).toBe("other-level");
    expect(response.answer).toContain("江津区、永川区");
  });

  it("checks years per document: 2027 is in the 永川 report only", async () => {
    const answered = await ask(engine, { question: "到2027年地区生产总值的目标是多少" });
    expect(answered.abstained).toBe(false);
    expect(sources(answered)).toEqual([YONGCHUAN_SOURCE]);
    const limited = await ask(engine, { question: "到2027年地区生产总值的目标是多少", documents: [JIANGJIN_SOURCE] });
    expect(limited.abstentionReason).toBe("other-year");
  });

  it("restricts citations, passages and search to the documents filter (by id or by source)", async () => {
    for (const [filter, source] of [
      [YONGCHUAN_ID, YONGCHUAN_SOURCE],
      [JIANGJIN_SOURCE, JIANGJIN_SOURCE],
    ] as const) {
      const response = await ask(engine, { question: "地区生产总值是多少", documents: [filter] });
      expect(response.abstained).toBe(false);
      expect(sources(response)).toEqual([source]);
      expect(new Set(response.passages.map((passage) => passage.source))).toEqual(new Set([source]));
      const passages = await search(engine, "地区生产总值", 10, [filter]);
      expect(passages.length).toBeGreaterThan(0);
      expect(new Set(passages.map((passage) => passage.source))).toEqual(new Set([source]));
    }
  });

  it("names the document in every citation", async () => {
    const response = await ask(engine, { question: "职业院校在校生有多少" });
    expect(response.citations.length).toBeGreaterThan(0);
    for (const citation of response.citations) {
      expect(citation.document).toEqual({ id: YONGCHUAN_ID, shortTitle: "永川区党代会报告要点（虚构）", published: "2022-06-30" });
    }
  });

  it.each(["江津区和永川区的地区生产总值目标分别是多少", "2026年和2027年的地区生产总值目标分别是多少"])("cites both documents for a comparison: %s", async (question) => {
    const response = await ask(engine, { question });
    expect(response.abstained).toBe(false);
    // Composed in corpus order: the Jiangjin report's target, then 永川's.
    expect(sources(response)).toEqual([JIANGJIN_SOURCE, YONGCHUAN_SOURCE]);
    expect(response.answer).toContain("1800亿元");
    expect(response.answer).toContain("1600亿元");
  });

  it("refuses an unknown document with a message naming the known ones", async () => {
    const failure = await ask(engine, { question: "地区生产总值是多少", documents: ["hechuan-report"] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QaError);
    expect((failure as QaError).code).toBe("invalid_parameter");
    expect((failure as QaError).message).toContain('"hechuan-report"');
    expect((failure as QaError).message).toContain(`${JIANGJIN_ID}, ${YONGCHUAN_ID}`);
    await expect(search(engine, "地区生产总值", 5, ["nope"])).rejects.toThrow(/Unknown document "nope"/u);
  });
});

describe("a one-report corpus", () => {
  it("adds no document to its citations and answers the same with or without the filter", async () => {
    const question = "到2026年江津区地区生产总值的目标是多少?";
    const plain = await ask(single, { question });
    const filtered = await ask(single, { question, documents: [JIANGJIN_ID] });
    expect(plain.citations[0]?.document).toBeUndefined();
    expect({ ...filtered, timings: plain.timings }).toEqual(plain);
  });

  it("words its refusals as before", async () => {
    expect((await ask(single, { question: "永川区地区生产总值是多少" })).answer).toBe("这份报告讲的是江津区，没有关于永川区的内容，无法回答这个问题。");
    expect((await ask(single, { question: "重庆市的地区生产总值是多少" })).answer).toBe("这份报告讲的是江津区，不是整个重庆市，只有江津区的数据，无法回答这个问题。");
  });
});
