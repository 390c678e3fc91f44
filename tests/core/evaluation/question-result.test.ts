import { beforeAll, describe, expect, it } from "vitest";
import type { GoldQuestion } from "../../../src/core/evaluation/gold-question.js";
import { relevantChunkIds, scoreResponse } from "../../../src/core/evaluation/question-result.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { reportDocument, reportText } from "../../support/corpus.js";
import { reportEngine } from "../../support/engine.js";

const sources = new Map([[reportDocument.source, reportText]]);
const gdpTarget: GoldQuestion = {
  id: "num-04",
  type: "numeric",
  question: "到2026年地区生产总值的目标是多少",
  answerable: true,
  expected: ["1800亿元", "6%以上"],
  evidence: ["到2026年,地区生产总值达1800亿元左右,年均增长6%以上"],
};

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

describe("relevantChunkIds", () => {
  it("marks the chunks that hold the gold evidence, and none for evidence the report lacks", () => {
    const relevant = relevantChunkIds(gdpTarget.evidence, engine.chunks, sources);
    expect(relevant.size).toBeGreaterThan(0);
    for (const id of relevant) expect(engine.chunks.find((chunk) => chunk.id === id)?.text).toContain("1800亿元");
    expect(relevantChunkIds(["这句话不在报告里"], engine.chunks, sources).size).toBe(0);
  });
});

describe("scoreResponse", () => {
  it("scores a real answer: rank of the evidence, facts found, exact quotes, no unsupported numbers", async () => {
    const response = await ask(engine, { question: gdpTarget.question, topK: 10 });
    const scored = scoreResponse(gdpTarget, response, engine.chunks, sources);
    expect(scored).toMatchObject({ id: "num-04", answerable: true, abstained: false, hasEvidence: true, factsTotal: 2, quotesExact: true, unsupportedNumbers: [] });
    expect(scored.firstRelevantRank).toBe(1);
    expect(scored.factsFound).toBeGreaterThanOrEqual(1);
    expect(scored.answerCharacters).toBe([...response.answer.replace(/\[\d+\]/gu, "")].length);
  });

  it("catches a tampered quote and a number no quote supports, and counts no facts for an abstention", async () => {
    const response = await ask(engine, { question: gdpTarget.question });
    const [citation] = response.citations;
    const tampered = { ...response, answer: `${response.answer}另有9999亿元`, citations: [{ ...citation!, quote: `${citation!.quote}!` }] };
    const scored = scoreResponse(gdpTarget, tampered, engine.chunks, sources);
    expect(scored.quotesExact).toBe(false);
    expect(scored.unsupportedNumbers).toEqual(["9999"]);
    const abstained = scoreResponse(gdpTarget, { ...response, abstained: true, citations: [] }, engine.chunks, sources);
    expect(abstained.factsFound).toBe(0);
    expect(abstained.unsupportedNumbers).toEqual([]);
  });
});
