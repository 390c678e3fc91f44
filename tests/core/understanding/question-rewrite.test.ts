import { describe, expect, it } from "vitest";
import { ChatModelError } from "../../../src/core/ports/chat-model.js";
import { ModelQuestionRewriter } from "../../../src/core/understanding/rewrite/model-question-rewriter.js";
import { readRewriteReply } from "../../../src/core/understanding/rewrite/rewrite-reply.js";
import { ScriptedChatModel } from "../../support/scripted-chat-model.js";

describe("reading a model's rewrite", () => {
  it("takes the first line that says something, without labels, quotes or what follows", () => {
    expect(readRewriteReply("改写后的问句：“江津区森林覆盖率是多少？”\n说明：补全了主题。", "树多不多")).toEqual({ text: "江津区森林覆盖率是多少？" });
    expect(readRewriteReply("\n\nRewritten question: 江津的地区生产总值目标是多少?", "GDP target?")).toEqual({ text: "江津的地区生产总值目标是多少?" });
    expect(readRewriteReply("**江津区综合保税区建设**", "综保区咋样")).toEqual({ text: "江津区综合保税区建设" });
  });

  it("uses nothing from an empty, unchanged or essay-long reply", () => {
    expect(readRewriteReply(" \n“”\n", "树多不多")).toEqual({ unusable: "empty" });
    expect(readRewriteReply("树多不多？", "树多不多")).toEqual({ unusable: "unchanged" });
    expect(readRewriteReply("江津".repeat(60), "树多不多")).toEqual({ unusable: "too-long" });
  });
});

describe("the model question rewriter", () => {
  it("asks one short call with the conversation, and returns the rewrite", async () => {
    const model = new ScriptedChatModel([{ reply: "江津区森林覆盖率是多少？" }]);
    const rewrite = await new ModelQuestionRewriter(model).rewrite("那树呢？", [
      { role: "user", content: "江津的生态环境怎么样？" },
      { role: "assistant", content: "坚持生态优先、绿色发展[1]。" },
    ]);
    expect(rewrite).toMatchObject({ status: "rewritten", text: "江津区森林覆盖率是多少？" });
    const request = model.requests[0]!;
    expect(request.maxTokens).toBeLessThanOrEqual(128);
    const prompt = request.messages.map((message) => message.content).join("\n");
    expect(prompt).toContain("江津的生态环境怎么样？");
    expect(prompt).toContain("那树呢？");
    expect(prompt).toMatch(/不要添加用户没有说过的年份/u);
  });

  it("falls back, saying why, when the model fails or is too slow, and names its model", async () => {
    const failing = new ModelQuestionRewriter(new ScriptedChatModel([{ fail: new ChatModelError("http-error", "boom", 500) }]));
    expect(await failing.rewrite("树多不多", [])).toMatchObject({ status: "fallback", reason: "model-error" });
    const slow = new ModelQuestionRewriter(new ScriptedChatModel([{ hang: true }], "slow-1"), { timeoutMs: 50 });
    expect(slow.name).toBe("rewrite-v1:scripted:slow-1");
    const started = performance.now();
    expect(await slow.rewrite("树多不多", [])).toMatchObject({ status: "fallback", reason: "timeout" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("ends with 'aborted' when the question is cancelled", async () => {
    const controller = new AbortController();
    const call = new ModelQuestionRewriter(new ScriptedChatModel([{ hang: true }])).rewrite("树多不多", [], controller.signal);
    controller.abort();
    await expect(call).rejects.toMatchObject({ failure: "aborted" });
  });
});
