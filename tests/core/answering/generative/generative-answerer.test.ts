import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ask } from "../../../../src/core/pipeline/ask.js";
import { ChatModelError } from "../../../../src/core/ports/chat-model.js";
import { askResponseSchema, type AskResponse } from "../../../../src/core/schemas/ask-response.js";
import { findFigures } from "../../../../src/core/verification/figures.js";
import { reportText } from "../../../support/corpus.js";
import { generativeEngine } from "../../../support/generative-engine.js";
import { ScriptedChatModel, type ScriptStep } from "../../../support/scripted-chat-model.js";

// Every expected figure below is read from corpus/jiangjin-15th-congress-report.txt
// ("到2026年,地区生产总值达1800亿元左右,年均增长6%以上").
const GDP_QUESTION = "到2026年江津地区生产总值目标是多少?";

async function answerWith(steps: readonly ScriptStep[], question = GDP_QUESTION): Promise<{ response: AskResponse; model: ScriptedChatModel }> {
  const model = new ScriptedChatModel(steps);
  const engine = await generativeEngine(model);
  const response = askResponseSchema.parse(await ask(engine, { question }));
  return { response, model };
}

function expectExactQuotes(response: AskResponse): void {
  expect(response.citations.length).toBeGreaterThan(0);
  for (const citation of response.citations) expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
  // Every marker in the answer names a citation, and every citation is used.
  const markers = [...response.answer.matchAll(/\[(\d+)\]/gu)].map((match) => Number(match[1]));
  expect(new Set(markers)).toEqual(new Set(response.citations.map((citation) => citation.marker)));
}

describe("the generative answerer", () => {
  it("keeps a faithful answer, reads 【1】 as [1], and cites exact spans of the report", async () => {
    const { response, model } = await answerWith([{ reply: "到2026年，江津地区生产总值将达到1800亿元左右【1】。年均增长6%以上[1]。" }]);
    expect(response.answerMode).toBe("generative");
    expect(response.generation).toMatchObject({ provider: "scripted", model: "script-1", status: "ok" });
    expect(response.engine.model).toBe("scripted:script-1");
    expect(response.answer).toBe("到2026年，江津地区生产总值将达到1800亿元左右[1]。年均增长6%以上[2]。");
    expect(response.sentences?.map((sentence) => [sentence.action, sentence.verdict])).toEqual([["kept", "supported"], ["kept", "supported"]]);
    expectExactQuotes(response);
    // The prompt numbers the passages and asks for [n] after every sentence, in Chinese.
    const prompt = model.requests[0]!.messages.map((message) => message.content).join("\n");
    expect(prompt).toContain("[1]（");
    expect(prompt).toMatch(/每一句话的句末都要用方括号标出/u);
  });

  it("removes a sentence with a changed number and keeps the rest (mixed)", async () => {
    const { response } = await answerWith([{ reply: "到2026年，江津地区生产总值将达到1800亿元左右[1]。年均增长6%以上[1]。届时人均GDP将达到20万元[1]。" }]);
    expect(response.answerMode).toBe("mixed");
    expect(response.answer).not.toContain("20万元");
    const removed = response.sentences?.filter((sentence) => sentence.action === "removed") ?? [];
    expect(removed.map((sentence) => sentence.text)).toEqual(["届时人均GDP将达到20万元。"]);
    expectExactQuotes(response);
  });

  it("falls back to the extractive answer when the changed number is all there is", async () => {
    const { response } = await answerWith([{ reply: "到2026年，江津地区生产总值将达到2500亿元左右[1]。" }]);
    expect(response.answerMode).toBe("extractive");
    expect(response.generation).toMatchObject({ status: "fallback", reason: "too-little-verified" });
    expect(response.answer).toContain("1800亿元");
    expect(response.answer).not.toContain("2500");
    expect(response.sentences?.[0]).toMatchObject({ action: "removed", verdict: "contradicted" });
    expect(response.sentences?.[0]?.reasons.join(" ")).toMatch(/2500亿元 where the report says 1800亿元/u);
  });

  it("repairs the marker of a sentence that cites the wrong passage, when a given passage supports it", async () => {
    const { response } = await answerWith([{ reply: "到2026年，江津地区生产总值将达到1800亿元左右[4]。" }]);
    const sentence = response.sentences?.[0];
    expect(sentence?.citedAs).toEqual([4]);
    expect(sentence?.action).toBe("repaired");
    expect(response.answerMode).toBe("mixed");
    expect(response.citations[0]?.quote).toContain("1800亿元");
    expectExactQuotes(response);
  });

  it("gives a sentence without any marker the passage that supports it", async () => {
    const { response } = await answerWith([{ reply: "到2026年地区生产总值达1800亿元左右。" }]);
    expect(response.sentences?.[0]?.action).toBe("repaired");
    expect(response.answer).toMatch(/1800亿元左右\[1\]。$/u);
  });

  it("drops the unfinished last sentence of a reply the token limit cut, and says it was cut", async () => {
    const { response } = await answerWith([{ reply: "到2026年，江津地区生产总值将达到1800亿元左右[1]。年均增长", finishReason: "length" }]);
    expect(response.generation).toMatchObject({ status: "ok", finishReason: "length" });
    expect(response.answer).toBe("到2026年，江津地区生产总值将达到1800亿元左右[1]。");
    expect(response.sentences?.map((sentence) => sentence.text)).toEqual(["到2026年，江津地区生产总值将达到1800亿元左右。"]);
    const whole = await answerWith([{ reply: "到2026年，江津地区生产总值将达到1800亿元左右[1]。" }]);
    expect(whole.response.generation?.finishReason).toBe("stop");
  });

  it("falls back, saying why, on an empty reply, a provider error and a timeout", async () => {
    const empty = await answerWith([{ reply: "  " }]);
    expect(empty.response.generation).toMatchObject({ status: "fallback", reason: "empty" });
    const failed = await answerWith([{ fail: new ChatModelError("http-error", "upstream said 503", 503) }]);
    expect(failed.response.generation).toMatchObject({ status: "fallback", reason: "model-error", detail: "upstream said 503" });
    const slow = await answerWith([{ fail: new ChatModelError("timeout", "no token within 20000 ms") }]);
    expect(slow.response.generation).toMatchObject({ status: "fallback", reason: "timeout" });
    for (const { response } of [empty, failed, slow]) {
      expect(response.answerMode).toBe("extractive");
      expect(response.answer).toContain("1800亿元");
      expectExactQuotes(response);
    }
  });

  it("falls back on nonsense (what a random-weight model writes)", async () => {
    const { response } = await answerWith([{ reply: "的的 ##unk 了了了 quartz 紫色 [1] 蓝 蓝 蓝。。。" }]);
    expect(response.answerMode).toBe("extractive");
    expect(response.generation?.reason).toBe("too-little-verified");
  });

  it("keeps the extractive refusal and does not call the model for another year", async () => {
    const { response, model } = await answerWith([{ reply: "2035年江津地区生产总值将达3000亿元[1]。" }], "2035年江津地区生产总值目标是多少?");
    expect(response.abstained).toBe(true);
    expect(response.abstentionReason).toBe("other-year");
    expect(model.requests).toHaveLength(0);
  });

  it("answers an English question in English, quoting the report's Chinese", async () => {
    const { response, model } = await answerWith(
      [{ reply: "By 2026, the district's GDP is expected to reach about 180 billion yuan [1]." }],
      "What is Jiangjin's GDP target for 2026?",
    );
    expect(model.requests[0]!.messages[0]!.content).toMatch(/answer in English/u);
    expect(response.answerMode).toBe("generative");
    expect(response.answer).toBe("By 2026, the district's GDP is expected to reach about 180 billion yuan [1].");
    expect(response.citations[0]?.quote).toContain("1800亿元");
  });

  it("never shows a fabricated figure: each of the report's figures changed is removed", async () => {
    const sentences = [
      "到2026年,地区生产总值达1800亿元左右",
      "森林覆盖率达52%,空气优良天数稳定达300天以上",
      "城乡常住居民人均可支配收入分别达6万元、3.3万元以上",
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sentences), fc.integer({ min: 11, max: 60 }), async (sentence, percent) => {
        const figure = findFigures(sentence).find((candidate) => candidate.kind !== "year")!;
        const digits = /\d+(?:\.\d+)?/u.exec(figure.text)![0];
        const changed = String(Math.round(Number(digits) * (1 + percent / 100) * 10) / 10);
        const fabricated = sentence.replace(digits, changed);
        const model = new ScriptedChatModel([{ reply: `${fabricated}[1]。` }]);
        const engine = await generativeEngine(model);
        const response = await ask(engine, { question: `${sentence.slice(0, 8)}是多少?` });
        expect(response.answer).not.toContain(changed);
      }),
      { numRuns: 12, seed: 20261201 },
    );
  });
});
