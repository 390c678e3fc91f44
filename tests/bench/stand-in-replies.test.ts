import { beforeAll, describe, expect, it } from "vitest";
import { gateAnswer } from "../../src/core/answering/generative/answer-gate.js";
import { DEFAULT_GENERATIVE_SETTINGS } from "../../src/core/answering/generative/generative-answerer.js";
import { buildPrompt } from "../../src/core/answering/generative/prompt.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { buildRewritePrompt } from "../../src/core/understanding/rewrite/rewrite-prompt.js";
import { faithfulAnswer, promptPassages, promptQuestion, rewriteQuestion, withFiguresChanged } from "../../src/bench/stand-in-replies.js";
import { readGoldQuestions } from "../../src/bench/gold-questions.js";
import type { RecordedRequest } from "../../src/bench/scripted-llm-server.js";
import { reportEngine } from "../support/engine.js";

const asRecorded = (messages: RecordedRequest["messages"]): RecordedRequest => ({ messages }) as RecordedRequest;

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

describe("the stand-in model's replies", () => {
  it("reads the passages and the question back out of the answer prompt, and the user's turn out of a rewrite prompt", async () => {
    const question = "到2026年江津地区生产总值目标是多少?";
    const passages = await engine.retriever.retrieve(engine.reader.read(question).searchText, 6);
    const request = asRecorded(buildPrompt({ question, history: [], passages, language: "zh" }));
    expect(promptPassages(request)).toEqual(passages.map((passage) => passage.chunk.text.trim()));
    expect(promptQuestion(request)).toBe(question);
    expect(rewriteQuestion(request)).toBeUndefined();
    expect(rewriteQuestion(asRecorded(buildRewritePrompt("那树呢？", [{ role: "user", content: "生态怎么样" }])))).toBe("那树呢？");
  });

  it("reads passages labelled with their documents, as the prompt over several documents gives them", async () => {
    const question = "地区生产总值目标是多少";
    const passages = await engine.retriever.retrieve(engine.reader.read(question).searchText, 4);
    const documents = [
      { source: passages[0]!.chunk.source, shortTitle: "江津区报告（含括号）" },
      { source: "corpus/other.txt", shortTitle: "另一份报告" },
    ];
    const request = asRecorded(buildPrompt({ question, history: [], passages, language: "zh", documents }));
    expect(request.messages.at(-1)?.content).toContain("[1]《江津区报告（含括号）》（");
    expect(promptPassages(request)).toEqual(passages.map((passage) => passage.chunk.text.trim()));
  });

  it("changes every figure and no marker", () => {
    expect(withFiguresChanged("森林覆盖率达52%[1]。到2026年增长6.5%[2]。")).toBe("森林覆盖率达62%[1]。到3026年增长7.5%[2]。");
  });

  // The gate over the stand-in's replies to the dev questions' real prompts: the catch rate at scale.
  it("over the dev questions' prompts, the gate keeps faithful sentences and removes every sentence with a changed figure", async () => {
    const questions = (await readGoldQuestions()).filter((_, index) => index % 5 === 0);
    let faithfulSentences = 0;
    let faithfulKept = 0;
    let fabricated = 0;
    for (const question of questions) {
      const passages = await engine.retriever.retrieve(engine.reader.read(question).searchText, 6);
      const faithful = faithfulAnswer(passages.map((passage) => passage.chunk.text), 180);
      const kept = await gateAnswer(faithful, passages, engine, DEFAULT_GENERATIVE_SETTINGS.verifier);
      faithfulSentences += kept.sentences.length;
      faithfulKept += kept.sentences.filter((sentence) => sentence.action !== "removed").length;
      const changed = await gateAnswer(withFiguresChanged(faithful), passages, engine, DEFAULT_GENERATIVE_SETTINGS.verifier);
      for (const sentence of changed.sentences) {
        if (!/\d/u.test(sentence.text)) continue;
        fabricated++;
        expect(sentence.action, sentence.text).toBe("removed");
      }
    }
    expect(fabricated).toBeGreaterThan(20);
    expect(faithfulKept / faithfulSentences).toBeGreaterThan(0.9);
  });
});
