import { beforeAll, describe, expect, it } from "vitest";
import type { SourceDocument } from "../../../../src/core/chunking/source-document.js";
import type { QuestionLexicon } from "../../../../src/core/lexicon/question-lexicon.js";
import { ask } from "../../../../src/core/pipeline/ask.js";
import { askResponseSchema, type AskResponse } from "../../../../src/core/schemas/ask-response.js";
import { generativeEngine, generativeEngineOver } from "../../../support/generative-engine.js";
import { lexiconWith, twoDistrictDocuments, YONGCHUAN_SOURCE } from "../../../support/multi-document-engine.js";
import { ScriptedChatModel } from "../../../support/scripted-chat-model.js";

// The generative answerer over two district reports: the prompt names both documents and labels
// each passage with its own, and the gate checks a sentence against its passage's document (a
// claim about 永川区 cited to the 永川 report is that report's subject, not another district).

const JIANGJIN_TITLE = "中国共产党重庆市江津区第十五次代表大会报告解读";
const YONGCHUAN_TITLE = "永川区党代会报告要点（虚构）";
const QUESTION = "永川区职业院校在校生有多少";

let documents: SourceDocument[];
let lexicon: QuestionLexicon;

beforeAll(async () => {
  documents = await twoDistrictDocuments();
  lexicon = lexiconWith(documents);
});

async function answerWith(reply: string): Promise<{ response: AskResponse; model: ScriptedChatModel }> {
  const model = new ScriptedChatModel([{ reply }]);
  const engine = await generativeEngineOver(documents, lexicon, model);
  return { response: askResponseSchema.parse(await ask(engine, { question: QUESTION })), model };
}

const promptOf = (model: ScriptedChatModel): { system: string; user: string } => {
  const messages = model.requests[0]!.messages;
  return { system: messages[0]!.content, user: messages.at(-1)!.content };
};

describe("the generative answerer over two district reports", () => {
  it("names both documents in its instructions and labels each passage with its own", async () => {
    const model = new ScriptedChatModel([{ reply: "无关的回答。" }]);
    const engine = await generativeEngineOver(documents, lexicon, model);
    // A comparison is searched in each document: the model is given passages of both.
    await ask(engine, { question: "江津区和永川区的地区生产总值目标分别是多少" });
    const { system, user } = promptOf(model);
    expect(system).toContain(`《${JIANGJIN_TITLE}》`);
    expect(system).toContain(`《${YONGCHUAN_TITLE}》`);
    expect(system).not.toContain("你是江津区第十五次党代会报告解读的问答助手");
    const blocks = user.slice("报告段落：\n".length, user.lastIndexOf("\n\n问题：")).split(/\n\n(?=\[\d+\])/u);
    expect(blocks.length).toBeGreaterThan(1);
    const labels = blocks.map((block) => /^\[\d+\](《[^》]*》)（/u.exec(block)?.[1]);
    expect(new Set(labels)).toEqual(new Set([`《${JIANGJIN_TITLE}》`, `《${YONGCHUAN_TITLE}》`]));
    // Each label is its passage's document: the 永川 figures sit under the 永川 title only.
    for (const block of blocks) if (block.includes("1150亿元") || block.includes("1600亿元")) expect(block).toContain(`《${YONGCHUAN_TITLE}》`);
  });

  it("keeps a faithful answer citing a 永川 passage, naming 永川区", async () => {
    const probe = await answerWith("无关的回答。");
    const number = probe.response.passages.findIndex((passage) => passage.text.includes("在校生达到15万人")) + 1;
    expect(number).toBeGreaterThan(0);
    const { response } = await answerWith(`永川区职业院校在校生达到15万人[${number}]。`);
    expect(response.answerMode).toBe("generative");
    expect(response.sentences?.map((sentence) => [sentence.action, sentence.verdict])).toEqual([["kept", "supported"]]);
    expect(response.answer).toBe("永川区职业院校在校生达到15万人[1]。");
    expect(response.citations.map((citation) => citation.source)).toEqual([YONGCHUAN_SOURCE]);
  });

  it("removes the same figure said of 江津区 against the 永川 passage", async () => {
    const probe = await answerWith("无关的回答。");
    const number = probe.response.passages.findIndex((passage) => passage.text.includes("在校生达到15万人")) + 1;
    const { response } = await answerWith(`江津区职业院校在校生达到15万人[${number}]。`);
    expect(response.answerMode).toBe("extractive");
    expect(response.sentences?.[0]?.action).toBe("removed");
  });

  it("keeps the one-report prompt as it was: the Jiangjin role line, passages unlabelled", async () => {
    const model = new ScriptedChatModel([{ reply: "无关的回答。" }]);
    await ask(await generativeEngine(model), { question: "到2026年江津地区生产总值目标是多少?" });
    const { system, user } = promptOf(model);
    expect(system.split("\n")[0]).toBe("你是江津区第十五次党代会报告解读的问答助手。");
    expect(system.split("\n")[1]).toBe("只能依据下面编号的报告段落回答，不要使用段落以外的知识，不要推测。");
    expect(user).not.toContain("《");
    expect(user).toMatch(/^报告段落：\n\[1\]（/u);
  });
});
