import { describe, expect, it } from "vitest";
import { ChatModelError, type ChatMessage, type ChatModel, type ChatModelFailure } from "../../src/core/ports/chat-model.js";

export interface ChatModelContractSetup {
  /**
   * A model whose next reply streams in several pieces, slowly enough (≥ 50 ms apart) that
   * an abort lands in the middle of it. A test server scripts it; a local model is asked for
   * a long answer.
   */
  readonly streaming: () => Promise<ChatModel>;
  /** What `streaming` replies, when the implementation can script it: then checked verbatim. */
  readonly streamingText?: string;
  /** A model whose next call fails at the provider (an HTTP 500, a crashed runtime); omit if it cannot. */
  readonly failing?: () => Promise<ChatModel>;
  /** The failure `failing` gives; default "http-error". */
  readonly failingAs?: ChatModelFailure;
}

const MESSAGES: readonly ChatMessage[] = [
  { role: "system", content: "只根据编号段落回答。" },
  { role: "user", content: "[1] 森林覆盖率达52%。\n问题:森林覆盖率是多少?" },
];
/** An abort must end the call this soon: the answerer falls back to the extractive answer at once. */
const ABORT_PROMPTNESS_MS = 200;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject, but it resolved");
}

/**
 * What every ChatModel must do for the generative answerer: the streamed deltas are the
 * answer (their concatenation is what complete() resolves with), the caller's abort ends the
 * call at once with "aborted" and no text after it, and a provider's failure is a
 * ChatModelError the answerer can name in its fallback.
 */
export function testChatModel(name: string, setup: ChatModelContractSetup): void {
  describe(`${name} (chat model contract)`, () => {
    it("names its provider and model", async () => {
      const model = await setup.streaming();
      expect(model.provider.trim()).not.toBe("");
      expect(model.model.trim()).not.toBe("");
    });

    it("streams the reply: the deltas, in order, concatenate to the resolved text", async () => {
      const model = await setup.streaming();
      const deltas: string[] = [];
      const { text, finishReason } = await model.complete({ messages: MESSAGES, onDelta: (delta) => deltas.push(delta) });
      expect(["stop", "length", "other"]).toContain(finishReason);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.every((delta) => delta.length > 0)).toBe(true);
      expect(deltas.join("")).toBe(text);
      if (setup.streamingText !== undefined) expect(text).toBe(setup.streamingText);
    });

    it("rejects with 'aborted' within 200 ms of an abort mid-reply, and sends no delta after it", async () => {
      const model = await setup.streaming();
      const controller = new AbortController();
      const deltas: string[] = [];
      let abortedAt = 0;
      let deltasAtAbort = 0;
      const call = model.complete({
        messages: MESSAGES,
        signal: controller.signal,
        onDelta: (delta) => {
          deltas.push(delta);
          if (abortedAt === 0) {
            abortedAt = performance.now();
            deltasAtAbort = deltas.length;
            controller.abort();
          }
        },
      });
      const error = await rejection(call);
      const took = performance.now() - abortedAt;
      expect(error).toBeInstanceOf(ChatModelError);
      expect((error as ChatModelError).failure).toBe("aborted");
      expect(abortedAt).toBeGreaterThan(0);
      expect(took).toBeLessThan(ABORT_PROMPTNESS_MS);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(deltas).toHaveLength(deltasAtAbort);
    });

    it("rejects an already aborted signal with 'aborted' and no text", async () => {
      const model = await setup.streaming();
      const deltas: string[] = [];
      const error = await rejection(model.complete({ messages: MESSAGES, signal: AbortSignal.abort(), onDelta: (delta) => deltas.push(delta) }));
      expect((error as ChatModelError).failure).toBe("aborted");
      expect(deltas).toEqual([]);
    });

    it("answers again after an aborted call", async () => {
      const model = await setup.streaming();
      const controller = new AbortController();
      await rejection(model.complete({ messages: MESSAGES, signal: controller.signal, onDelta: () => controller.abort() }));
      const { text } = await model.complete({ messages: MESSAGES });
      expect(text.length).toBeGreaterThan(0);
      if (setup.streamingText !== undefined) expect(text).toBe(setup.streamingText);
    });

    if (setup.failing) {
      const failing = setup.failing;
      it("turns a provider failure into a ChatModelError with a message", async () => {
        const model = await failing();
        const error = await rejection(model.complete({ messages: MESSAGES }));
        expect(error).toBeInstanceOf(ChatModelError);
        expect((error as ChatModelError).failure).toBe(setup.failingAs ?? "http-error");
        expect((error as ChatModelError).message.trim()).not.toBe("");
      });
    }
  });
}
