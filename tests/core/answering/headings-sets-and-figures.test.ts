import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadNodeEngine } from "../../../src/adapters/node/load-engine.js";
import { contentTermsOf } from "../../../src/core/answering/question-analysis.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { askedQuantityKind } from "../../../src/core/understanding/quantity-kind.js";
import { questionKind } from "../../../src/core/understanding/question-kind.js";
import { projectRoot } from "../../support/corpus.js";

// How, why and list answers under the report's headings, sets of a stated size, and figure
// questions, through the served engine (committed index/, jieba-wasm). Every expected phrase is
// read from corpus/jiangjin-15th-congress-report.txt.

let engine: QaEngine;
beforeAll(async () => {
  engine = (await loadNodeEngine({ indexDirectory: path.join(projectRoot, "index"), corpusDirectory: path.join(projectRoot, "corpus"), environment: {} })).engine;
});

describe("how and list questions whose topic is a heading", () => {
  it("answers \"怎么做大做强工业\" from the sentences under the heading ●做大做强工业", async () => {
    const response = await ask(engine, { question: "江津怎么做大做强工业?" });
    expect(response.answer).toContain("坚持工业强区不动摇");
  });

  it("quotes the measures under the heading one a sentence, beyond the usual three pieces", async () => {
    const response = await ask(engine, { question: "江津靠什么育好金山银山?" });
    expect(response.abstained).toBe(false);
    for (const measure of ["推进文旅融合", "推进体旅融合", "推进康旅融合"]) expect(response.answer).toContain(measure);
    expect(response.citations.length).toBeGreaterThan(3);
    expect(response.citations.every((citation) => citation.section.at(-1) === "育好“金山银山”")).toBe(true);
  });
});

describe("a set whose size the question states", () => {
  it("refuses to name the members of a set when the report only counts them", async () => {
    const response = await ask(engine, { question: "江津累计引进的622个产业类项目分别是哪些?" });
    expect(response).toMatchObject({ abstained: true, answerKind: "not-in-report" });
  });

  it("still names the members the report does list", async () => {
    const response = await ask(engine, { question: "江津的6个节点镇分别是哪些?" });
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("石蟆、李市、油溪、蔡家、贾嗣和四屏");
  });
});

describe("figure questions", () => {
  it("reads the unit after 多少 as the kind of answer, not as a topic word", () => {
    expect(contentTermsOf("2021年江津的财政收入是多少亿元")).not.toContain("亿元");
    expect(contentTermsOf("江津有多少人口")).toContain("人口");
  });

  it("refuses a figure for a topic the report gives no figure of, instead of another topic's figure in the same unit", async () => {
    for (const question of ["2021年江津的财政收入是多少亿元?", "江津2021年的农业总产值是多少亿元?"]) {
      const response = await ask(engine, { question });
      expect(response, question).toMatchObject({ abstained: true, answerKind: "not-in-report" });
      expect(response.answer, question).not.toContain("520亿元");
    }
  });

  it("takes a word ending in 率 for a rate: a quote with a length or a date is no answer to it", async () => {
    expect(askedQuantityKind("江津高速公路的通车率是多少")).toBe("share");
    for (const question of ["江津高速公路的通车率是多少?", "江津轨道交通的上线率是多少?"]) {
      const response = await ask(engine, { question });
      expect(response, question).toMatchObject({ abstained: true, abstentionReason: "figure-not-given" });
    }
    const answered = await ask(engine, { question: "江津的森林覆盖率是多少?" });
    expect(answered.answer).toContain("森林覆盖率达52%");
  });

  it("refuses a total asked of the district when the report only counts a part of it (人口 → 贫困人口)", async () => {
    const total = await ask(engine, { question: "江津的人口有多少?" });
    expect(total).toMatchObject({ abstained: true, abstentionReason: "figure-not-given" });
    const part = await ask(engine, { question: "江津的贫困人口有多少?" });
    expect(part.answer).toContain("29654名贫困人口");
    const named = await ask(engine, { question: "江津有多少家世界500强企业?" });
    expect(named.answer).toContain("23家");
  });

  it("takes an English what-question about a revenue or a population for a figure question", async () => {
    expect(questionKind("what is jiangjin's general public budget revenue?")).toBe("numeric");
    expect(questionKind("what is the population of jiangjin?")).toBe("numeric");
    const response = await ask(engine, { question: "What is Jiangjin's general public budget revenue?" });
    expect(response).toMatchObject({ abstained: true, answerKind: "not-in-report" });
  });
});

describe("deictic words of a question", () => {
  it("weighs 那边 and 那种 as no topic words: the answer is direct", async () => {
    for (const [question, phrase] of [
      ["江津那边的森林覆盖率是多少?", "森林覆盖率达52%"],
      ["白沙那边要建设成什么样子?", "白沙建设工业新区、文化重镇"],
    ] as const) {
      const response = await ask(engine, { question });
      expect(response, question).toMatchObject({ abstained: false, answerKind: "direct" });
      expect(response.answer, question).toContain(phrase);
    }
  });
});

describe("a two-character word the report never uses, sharing a rare character with one it does", () => {
  it("matches 倡廉 partly by 廉: a how-question about 反腐倡廉 is answered directly from the anti-corruption passage", async () => {
    const response = await ask(engine, { question: "江津怎样深入推进反腐倡廉?" });
    expect(response).toMatchObject({ abstained: false, answerKind: "direct" });
    expect(response.answer).toContain("一体推进不敢腐、不能腐、不想腐");
  });
});
