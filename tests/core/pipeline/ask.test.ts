import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { numbersIn, normalizeForFacts } from "../../../src/core/evaluation/fact-matching.js";
import { parseQuestionFile, type GoldQuestion } from "../../../src/core/evaluation/gold-question.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { askResponseSchema, type AskResponse } from "../../../src/core/schemas/ask-response.js";
import { projectRoot, reportDocument, reportText } from "../../support/corpus.js";
import { reportEngine } from "../../support/engine.js";

const gold = parseQuestionFile(readFileSync(`${projectRoot}eval/dev/questions.jsonl`, "utf8"));
let engine: QaEngine;
const answers = new Map<GoldQuestion, AskResponse>();

beforeAll(async () => {
  engine = await reportEngine();
  for (const question of gold.questions) {
    answers.set(question, await ask(engine, { question: question.question, ...(question.history ? { history: question.history } : {}) }));
  }
});

/** Problems found over the whole gold set, one line each, so a failure names the questions. */
function problemsOverGoldSet(check: (response: AskResponse, question: GoldQuestion) => string[]): string[] {
  return [...answers].flatMap(([question, response]) => check(response, question).map((problem) => `${question.id}: ${problem}`));
}

describe("ask over the report", () => {
  it("answers the 2026 GDP target with 1800亿元, cited from 未来五年建设“五地一城”", async () => {
    const response = await ask(engine, { question: "到2026年地区生产总值的目标是多少" });
    expect(response.abstained).toBe(false);
    expect(response.answer).toContain("1800亿元");
    expect(response.citations.some((citation) => JSON.stringify(citation.section) === JSON.stringify(["未来五年建设“五地一城”"]))).toBe(true);
    expect(response.citations.every((citation) => citation.quote.length > 0)).toBe(true);
    expect(response.question).toBe("到2026年地区生产总值的目标是多少");
  });

  it("returns topK passages, best first, and at most 5 when topK is not given", async () => {
    const two = await ask(engine, { question: "森林覆盖率是多少", topK: 2 });
    expect(two.passages).toHaveLength(2);
    const defaults = await ask(engine, { question: "森林覆盖率是多少" });
    expect(defaults.passages).toHaveLength(5);
    for (let rank = 1; rank < defaults.passages.length; rank++) {
      expect(defaults.passages[rank]!.score).toBeLessThanOrEqual(defaults.passages[rank - 1]!.score);
    }
    for (const passage of defaults.passages) expect(reportText.slice(passage.start, passage.end)).toBe(passage.text);
  });

  it("names the engine that answered and reports timings from the engine's clock", async () => {
    const ticks = [100, 112.5, 130];
    const clockedEngine: QaEngine = { ...engine, now: () => ticks.shift() ?? 130 };
    const response = await ask(clockedEngine, { question: "森林覆盖率是多少" });
    expect(response.timings).toEqual({ retrieveMs: 12.5, answerMs: 17.5, totalMs: 30 });
    expect(response.engine).toEqual({
      embedder: engine.embedder.id,
      retriever: "hybrid(bm25+brute-force, weighted 0.5)",
      answerer: "extractive-v1",
      indexHash: engine.manifest.indexHash,
    });
  });
});

describe("ask over the whole gold question set", () => {
  it("reads every line of eval/dev/questions.jsonl", () => {
    expect(gold.problems).toEqual([]);
    expect(gold.questions.length).toBeGreaterThan(100);
    expect(answers.size).toBe(gold.questions.length);
  });

  it("returns responses that parse with the published response schema", () => {
    expect(problemsOverGoldSet((response) => {
      const parsed = askResponseSchema.safeParse(response);
      return parsed.success ? [] : [parsed.error.message];
    })).toEqual([]);
  });

  it("quotes the report exactly at the cited offsets, inside the cited chunk", () => {
    expect(problemsOverGoldSet((response) =>
      response.citations.flatMap((citation) => {
        const problems: string[] = [];
        if (reportText.slice(citation.quoteStart, citation.quoteEnd) !== citation.quote) problems.push(`quote ${citation.marker} is not the text at its offsets`);
        if (!(citation.chunkStart <= citation.quoteStart && citation.quoteStart < citation.quoteEnd && citation.quoteEnd <= citation.chunkEnd)) {
          problems.push(`quote ${citation.marker} [${citation.quoteStart}, ${citation.quoteEnd}) is outside its chunk [${citation.chunkStart}, ${citation.chunkEnd})`);
        }
        const chunk = engine.chunks.find((candidate) => candidate.id === citation.chunkId);
        if (!chunk || chunk.start !== citation.chunkStart || chunk.end !== citation.chunkEnd || chunk.source !== citation.source) {
          problems.push(`citation ${citation.marker} names chunk ${citation.chunkId} with other offsets`);
        }
        if (citation.source !== reportDocument.source || citation.title !== reportDocument.title) problems.push(`citation ${citation.marker} names another document`);
        if (JSON.stringify(citation.section) !== JSON.stringify(chunk?.sectionPath)) problems.push(`citation ${citation.marker} has another section than its chunk`);
        return problems;
      }),
    )).toEqual([]);
  });

  it("states no number in an answer that its cited quotes do not contain", () => {
    expect(problemsOverGoldSet((response) => {
      if (response.abstained) return [];
      const quoted = normalizeForFacts(response.citations.map((citation) => citation.quote).join(" "));
      return numbersIn(response.answer).filter((number) => !quoted.includes(number)).map((number) => `${number} is in no quote`);
    })).toEqual([]);
  });

  it("puts markers [1]…[n] in the answer, in order, exactly one per citation", () => {
    expect(problemsOverGoldSet((response) => {
      const markers = [...response.answer.matchAll(/\[(\d+)\]/gu)].map((match) => Number(match[1]));
      const expected = response.citations.map((_, index) => index + 1);
      const problems: string[] = [];
      if (JSON.stringify(markers) !== JSON.stringify(expected)) problems.push(`markers ${JSON.stringify(markers)} for ${response.citations.length} citations`);
      if (JSON.stringify(response.citations.map((citation) => citation.marker)) !== JSON.stringify(expected)) problems.push("citation markers are not 1…n");
      return problems;
    })).toEqual([]);
  });

  it("cites nothing when it abstains, cites something when it answers, and offers up to three distinct sections instead", () => {
    expect(problemsOverGoldSet((response) => {
      const problems: string[] = [];
      if (response.abstained !== (response.citations.length === 0)) problems.push(`abstained=${response.abstained} with ${response.citations.length} citations`);
      if (response.abstained !== (response.abstentionReason !== undefined)) problems.push("abstention reason does not match abstained");
      if (response.abstained && response.abstentionReason !== "unreadable-language") {
        const sections = (response.suggestions ?? []).map((suggestion) => suggestion.section.join("›"));
        if (sections.length === 0 || sections.length > 3 || new Set(sections).size !== sections.length) problems.push(`suggestions ${JSON.stringify(sections)}`);
        if (!(response.suggestions ?? []).every((suggestion) => engine.chunks.some((chunk) => chunk.id === suggestion.chunkId))) problems.push("a suggestion names an unknown chunk");
      }
      if (!response.abstained && response.suggestions !== undefined) problems.push("suggestions on an answer");
      return problems;
    })).toEqual([]);
  });
});
