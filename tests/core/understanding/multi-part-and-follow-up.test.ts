import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadNodeEngine } from "../../../src/adapters/node/load-engine.js";
import { asksSomething, splitParts } from "../../../src/core/answering/question-analysis.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { projectRoot } from "../../support/corpus.js";

// Questions that ask two things, and follow-ups, as the served engine (committed index/, jieba-wasm)
// reads and answers them. Every expected phrase is read from corpus/jiangjin-15th-congress-report.txt.

let engine: QaEngine;
beforeAll(async () => {
  engine = (await loadNodeEngine({ indexDirectory: path.join(projectRoot, "index"), corpusDirectory: path.join(projectRoot, "corpus"), environment: {} })).engine;
});

type Turn = { role: "user" | "assistant"; content: string };

describe("splitting a question into parts", () => {
  it("takes 几 in a span of time (这几年, 再过几年) for no question word", () => {
    expect(asksSomething("再过几年")).toBe(false);
    expect(asksSomething("这几年")).toBe(false);
    expect(asksSomething("要几年")).toBe(true);
    expect(splitParts("再过几年,江津的地区生产总值要达到多少")).toEqual([]);
  });

  it("joins a clause that asks but names nothing of its own to the clause before it", () => {
    const namesSomething = (clause: string): boolean => !/^(?:一共多少人|有哪几个)$/u.test(clause);
    expect(splitParts("穷人都脱贫了吗,一共多少人", namesSomething)).toEqual([]);
    expect(splitParts("森林覆盖率现在有多少?今后要创建什么称号", namesSomething)).toHaveLength(2);
  });
});

describe("answering a question that asks two things", () => {
  it("answers \"具体多少\" after a yes/no clause with the figure of the clause's topic", async () => {
    const response = await ask(engine, { question: "江津的森林覆盖率达到了吗?具体多少?" });
    expect(response).toMatchObject({ abstained: false, answerKind: "direct" });
    expect(response.answer).toContain("森林覆盖率达52%");
  });

  it("answers a second part that names nothing the first named about the first part's topic", async () => {
    // "下一步要开行什么" is about the 班列 of the first part: the answer names the train it plans.
    const reading = engine.reader.read("西部陆海新通道江津班列运行得怎样,下一步要开行什么?");
    expect(reading.parts).toHaveLength(2);
    expect(reading.parts[1]?.contentTerms).toContain("班列");
    expect(reading.parts[1]?.inheritedTerms).toContain("班列");
    const response = await ask(engine, { question: "西部陆海新通道江津班列运行得怎样,下一步要开行什么?" });
    expect(response.answer).toContain("中欧班列(渝新欧)江津班列");
  });

  it("keeps each part's own year: the second part of a two-year question borrows no year", async () => {
    const reading = engine.reader.read("2021年地区生产总值是多少?2026年的目标是多少?");
    expect(reading.parts[1]?.years).toEqual(["2026"]);
  });
});

describe("follow-ups", () => {
  const towns: Turn[] = [
    { role: "user", content: "江津的两个副中心城市是哪两个?" },
    { role: "assistant", content: "珞璜、白沙两个副中心城市。" },
  ];

  it("ranks by the follow-up's own words: \"节点镇呢?\" after the sub-centres names the node towns", async () => {
    const response = await ask(engine, { question: "节点镇呢?", history: towns });
    expect(response.answer).toContain("石蟆、李市、油溪、蔡家、贾嗣和四屏6个节点镇");
  });

  it("reads a turn that names no thing of its own (\"为什么要这样做?\") as a follow-up on the conversation's topic", async () => {
    const history: Turn[] = [
      { role: "user", content: "江津要怎么发展数字经济?" },
      { role: "assistant", content: "推进数字产业化。" },
    ];
    const reading = engine.reader.read("为什么要这样做?", history);
    expect(reading.followUp).toBe(true);
    const response = await ask(engine, { question: "为什么要这样做?", history });
    expect(response.answer).toContain("数字");
  });

  it("takes \"那其他几个呢?\" for a request for the rest of a set, not for a count", async () => {
    const history: Turn[] = [
      { role: "user", content: "五地一城里的一城是什么?" },
      { role: "assistant", content: "一城即宜居城市。" },
    ];
    expect(engine.reader.read("那其他几个呢?", history).kind).toBe("list");
    const response = await ask(engine, { question: "那其他几个呢?", history });
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("科技创新基地");
  });
});

describe("questions whether something exists", () => {
  it("answers \"有没有…\" with what was built or set up, not with what is planned", async () => {
    expect(engine.reader.read("江津有没有通轨道交通?").tense).toBe("past");
    const response = await ask(engine, { question: "江津有没有通轨道交通?" });
    expect(response.answer).toContain("轨道交通5号线跳磴至江津段上线试运行");
  });
});
