import { beforeAll, describe, expect, it } from "vitest";
import { locateEvidence, relevantChunkIds } from "../../../src/core/evaluation/evidence.js";
import type { GoldQuestion } from "../../../src/core/evaluation/gold-question.js";
import { evaluateAnswers } from "../../../src/core/evaluation/run-evaluation.js";
import { scoreQuestion, type ScoringContext } from "../../../src/core/evaluation/score-question.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { characterContainment } from "../../../src/core/verification/character-overlap.js";
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
const offTopic: GoldQuestion = { id: "unans-01", type: "unanswerable", question: "今天重庆天气怎么样？", answerable: false, expected: [], evidence: [] };

let engine: QaEngine;
let context: ScoringContext;
beforeAll(async () => {
  engine = await reportEngine();
  context = { chunks: engine.chunks, sources, containment: characterContainment };
});

describe("evidence", () => {
  it("marks the chunks that hold the gold evidence, and none for evidence the report lacks", () => {
    const relevant = relevantChunkIds(locateEvidence(gdpTarget.evidence, sources), engine.chunks);
    expect(relevant.size).toBeGreaterThan(0);
    for (const id of relevant) expect(engine.chunks.find((chunk) => chunk.id === id)?.text).toContain("1800亿元");
    expect(relevantChunkIds(locateEvidence(["这句话不在报告里"], sources), engine.chunks).size).toBe(0);
  });
});

describe("scoreQuestion on this pipeline's answers", () => {
  it("scores a real answer: evidence at rank 1 and highlighted in its passage, exact and precise citations, supported sentences", async () => {
    const response = await ask(engine, { question: gdpTarget.question, topK: 10 });
    const scored = scoreQuestion(gdpTarget, { ...response, latencyMs: response.timings.totalMs }, context);
    expect(scored).toMatchObject({ id: "num-04", answerable: true, abstained: false, firstRelevantRank: 1, unsupportedNumbers: [] });
    expect(scored.ranking).toMatchObject({ hitAt5: true, reciprocalRank: 1 });
    expect(scored.citations.every((citation) => citation.valid && citation.precise)).toBe(true);
    expect(scored.sentences.every((sentence) => sentence.supported)).toBe(true);
    const top = scored.passages[0]!;
    const [highlight] = top.evidence;
    expect(top.text.slice(highlight!.start, highlight!.end)).toBe(gdpTarget.evidence[0]);
  });

  it("catches a tampered quote and a number no quote supports; an abstention finds no facts", async () => {
    const response = await ask(engine, { question: gdpTarget.question });
    const [citation] = response.citations;
    const padded = scoreQuestion(gdpTarget, { ...response, latencyMs: null, answer: `${response.answer}另有9999亿元。` }, context);
    expect(padded.unsupportedNumbers).toEqual(["9999"]);
    expect(padded.sentences.map((sentence) => sentence.supported)).toEqual([true, false]);
    const tampered = scoreQuestion(gdpTarget, { ...response, latencyMs: null, citations: [{ ...citation!, quote: `${citation!.quote}!` }] }, context);
    // A quote that is not the report's text is invalid and supports nothing.
    expect(tampered.citations[0]?.valid).toBe(false);
    expect(tampered.sentences.every((sentence) => !sentence.supported)).toBe(true);
    expect(tampered.unsupportedNumbers.length).toBeGreaterThan(0);
    const abstained = scoreQuestion(gdpTarget, { ...response, latencyMs: null, abstained: true, citations: [] }, context);
    expect(abstained).toMatchObject({ factsFound: [false, false], passed: false });
  });
});

describe("evaluateAnswers (another system's answers)", () => {
  it("grades answers by id, reads refusals as abstentions, checks uncited sentences against the report", () => {
    const { reports, unmatched } = evaluateAnswers(
      [
        { id: "num-04", answer: "到2026年，地区生产总值目标为1800亿元左右，年均增长百分之六以上。" },
        { id: "unans-01", answer: "报告中没有找到相关信息。" },
        { id: "nope", answer: "?" },
      ],
      [gdpTarget, offTopic],
      context,
    );
    expect(unmatched).toEqual(["nope"]);
    const [gdp, weather] = reports;
    expect(gdp).toMatchObject({ abstained: false, factsFound: [true, true], passed: true, ranking: null });
    expect(gdp!.sentences[0]!.support).toBeGreaterThan(0.5);
    expect(weather).toMatchObject({ abstained: true, passed: true });
  });

  it("flags a number the report does not contain and a citation that is not in the report", () => {
    const { reports } = evaluateAnswers(
      [{ id: "num-04", answer: "地区生产总值目标为2000亿元。", citations: [{ quote: "地区生产总值达2000亿元" }] }],
      [gdpTarget],
      context,
    );
    expect(reports[0]).toMatchObject({ unsupportedNumbers: ["2000"], passed: false });
    expect(reports[0]!.citations[0]).toMatchObject({ valid: false });
  });
});
