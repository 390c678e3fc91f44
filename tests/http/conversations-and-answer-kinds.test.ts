import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadNodeEngine } from "../../src/adapters/node/load-engine.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { askResponseSchema, type AskResponse } from "../../src/core/schemas/ask-response.js";
import { createApp } from "../../src/http/create-app.js";
import { projectRoot, reportText } from "../support/corpus.js";
import { reportEngine } from "../support/engine.js";
import { expectExactCitations } from "../support/index-workspace.js";

// Issue 10: follow-ups "tested with three-turn conversations through the API", and the
// answer kind (direct | related | not-in-report) as a user of POST /api/ask meets it.
// Every expected figure or phrase below is read from corpus/jiangjin-15th-congress-report.txt.
//
// Each test runs over two engines: the one the other HTTP tests use (tests/support/engine.ts:
// in memory, no word segmenter) and the one `npm start` serves (the committed index/ with
// jieba-wasm, loaded read-only) — they cut words differently, and a user only meets the second.

type App = ReturnType<typeof createApp>;
type Turn = { role: "user" | "assistant"; content: string };

const engines: Array<[string, () => Promise<QaEngine>]> = [
  ["the test engine (tests/support/engine.ts)", reportEngine],
  [
    "the served engine (committed index/, jieba-wasm)",
    async () => (await loadNodeEngine({ indexDirectory: path.join(projectRoot, "index"), corpusDirectory: path.join(projectRoot, "corpus"), environment: {} })).engine,
  ],
];

async function askOk(app: App, question: string, history: readonly Turn[] = []): Promise<AskResponse> {
  const response = await app.request("/api/ask", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(history.length > 0 ? { question, history } : { question }),
  });
  expect(response.status, question).toBe(200);
  const parsed = askResponseSchema.parse(await response.json());
  expect(parsed.question).toBe(question);
  expectExactCitations(parsed);
  return parsed;
}

/** Asks the turns in order, each with the conversation so far as history (as the widget sends it: question, then answer text). */
async function converse(app: App, questions: readonly string[]): Promise<AskResponse[]> {
  const history: Turn[] = [];
  const answers: AskResponse[] = [];
  for (const question of questions) {
    const answer = await askOk(app, question, history);
    answers.push(answer);
    history.push({ role: "user", content: question }, { role: "assistant", content: answer.answer });
  }
  return answers;
}

/** The answer's quotes, joined so a failing expectation shows what was cited. */
const quoted = (response: AskResponse): string => response.citations.map((citation) => citation.quote).join(" ‖ ");

function expectAnswered(response: AskResponse): void {
  expect(response.abstained, `${response.question} → ${response.answer}`).toBe(false);
  expect(response.answerKind).not.toBe("not-in-report");
  expect(response.citations.length).toBeGreaterThan(0);
  // Markers [1], [2] … in the answer text match the citations.
  expect([...response.answer.matchAll(/\[(\d+)\]/gu)].map((match) => Number(match[1]))).toEqual(response.citations.map((citation) => citation.marker));
}

function expectRefused(response: AskResponse): void {
  expect(response.answerKind, `${response.question} → ${response.answer}`).toBe("not-in-report");
  expect(response.abstained).toBe(true);
  expect(response.citations).toEqual([]);
}

/** The words a related answer's lead says the report does not mention ("报告没有直接提到“A、B”，…"). */
function wordsSaidMissing(lead: string): string[] {
  const named = /提到“([^”]+)”/u.exec(lead)?.[1];
  return named ? named.split("、") : [];
}

describe.each(engines)("POST /api/ask over %s", (_name, engine) => {
  let app: App;

  beforeAll(async () => {
    app = createApp(await engine(), { vectorIndex: "brute-force" });
  });

  describe("three-turn conversations", () => {
    it("2021 GDP → “那2026年呢?” → “那年均增长呢?”: each turn quotes the figure for the year the conversation is on", async () => {
      const [first, second, third] = await converse(app, ["2021年江津区地区生产总值是多少?", "那2026年呢?", "那年均增长呢?"]);
      for (const turn of [first!, second!, third!]) expectAnswered(turn);
      expect(quoted(first!)).toContain("2021年的1200亿元");
      // The year is replaced, the topic kept: the 2026 target, not the 2021 figure again.
      expect(quoted(second!)).toContain("地区生产总值达1800亿元左右");
      expect(quoted(second!)).not.toContain("1200亿元");
      // Growth of the 2026 target (6%以上), not the past five years' 8.2%.
      expect(quoted(third!)).toContain("年均增长6%以上");
      expect(quoted(third!)).not.toContain("8.2%");
      // Asked alone, the third turn has no year to go on: the conversation is what made it the 2026 one.
      const alone = await askOk(app, "那年均增长呢?");
      expect(quoted(alone)).not.toContain("6%以上");
    });




  });

  describe("English questions", () => {
    it.each([
      ["How many poor people were lifted out of poverty?", "29654名贫困人口全部脱贫"],
      ["How many Fortune 500 companies are in Jiangjin?", "世界500强企业达23家"],
      ["What share of general public budget spending goes to people's livelihoods?", "民生事业支出占一般公共预算支出达78.5%"],
    ])("%s → language en, “The report says: ”, then the report's Chinese quote with its number", async (question, expected) => {
      const response = await askOk(app, question);
      expectAnswered(response);
      expect(response.answerKind).toBe("direct");
      expect(response.language).toBe("en");
      expect(response.lead).toBe("The report says: ");
      expect(response.answer.startsWith("The report says: ")).toBe(true);
      expect(quoted(response)).toContain(expected);
      const figure = /\d+(?:\.\d+)?%?/u.exec(expected)![0];
      expect(response.answer).toContain(figure);
      // After the lead, the answer is the report's Chinese, verbatim.
      expect(response.answer.slice(response.lead!.length)).toContain(response.citations[0]!.quote);
    });

    it("a Chinese question is answered in Chinese, with no lead", async () => {
      const response = await askOk(app, "江津区有多少贫困人口脱贫?");
      expectAnswered(response);
      expect(response.language).toBe("zh");
      expect(response.lead ?? "").toBe("");
      expect(quoted(response)).toContain("29654名贫困人口全部脱贫");
    });

    it("“What is the forest coverage rate?” (the widget's own English example) quotes the rate, 52%", async () => {
      const response = await askOk(app, "What is the forest coverage rate?");
      expectAnswered(response);
      expect(response.language).toBe("en");
      expect(quoted(response)).toContain("森林覆盖率达52%");
    });

    it("“How many kilometres of expressway are open to traffic?” is answered with 191公里, not refused", async () => {
      const response = await askOk(app, "How many kilometres of expressway are open to traffic?");
      expectAnswered(response);
      expect(quoted(response)).toContain("191公里");
    });
  });

  describe("related answers", () => {
    it("a question in other words than the report's (老年人养老 → 老龄事业) is a related answer that starts with its lead", async () => {
      const response = await askOk(app, "老年人养老有什么安排?");
      expectAnswered(response);
      expect(response.answerKind).toBe("related");
      expect(response.language).toBe("zh");
      expect(response.lead).toMatch(/^报告没有直接(?:提到|回答)/u);
      expect(response.answer.startsWith(response.lead!)).toBe(true);
      // A lead claims nothing: no number in it.
      expect(response.lead).not.toMatch(/\d/u);
      expect(quoted(response)).toContain("着力发展老龄事业和老龄产业");
    });

    it("an English related answer has the English lead and still the report's Chinese quotes", async () => {
      const response = await askOk(app, "How will Jiangjin help young people find jobs?");
      expectAnswered(response);
      expect(response.answerKind).toBe("related");
      expect(response.language).toBe("en");
      expect(response.lead).toMatch(/^The report does not say this directly/u);
      expect(response.answer.startsWith(response.lead!)).toBe(true);
      expect(quoted(response)).toContain("重点人群就业");
    });

    it.each(["老年人养老有什么安排?", "农民的房子会怎么改造?"])("%s: a word the lead says the report does not mention is indeed nowhere in the report", async (question) => {
      const response = await askOk(app, question);
      expect(response.answerKind).toBe("related");
      for (const word of wordsSaidMissing(response.lead ?? "")) expect(reportText.includes(word), `the lead “${response.lead}” says the report does not mention “${word}”`).toBe(false);
    });

  });

  describe("refusals", () => {
    it.each([
      ["江津区2019年的地区生产总值是多少?", "other-year", "2019"],
      ["重庆市的森林覆盖率是多少?", "other-level", "重庆市"],
      ["永川区的工业增加值是多少?", "other-place", "永川"],
    ])("%s → not-in-report (%s), no quotes, the refusal names what is missing, nearest sections suggested", async (question, reason, named) => {
      const response = await askOk(app, question);
      expectRefused(response);
      expect(response.abstentionReason).toBe(reason);
      expect(response.lead ?? "").toBe("");
      expect(response.answer).toContain(named);
      expect(response.suggestions?.length).toBeGreaterThan(0);
    });
  });
});
