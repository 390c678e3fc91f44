import { ChatModelError, type ChatModel, type ChatReply, type ChatRequest, type FinishReason } from "../../src/core/ports/chat-model.js";

/**
 * An in-process ChatModel that plays a script: each call takes the next step — a reply
 * (streamed in pieces, optionally slowly), or a failure. It records every request. For the
 * gate's unit tests; tests over real HTTP use tests/support/scripted-llm-server.ts.
 */
export type ScriptStep =
  | { readonly reply: string; readonly pieces?: number; readonly delayMs?: number; readonly finishReason?: FinishReason }
  | { readonly fail: ChatModelError }
  /** Never answers; rejects with "aborted" when the request's signal aborts. */
  | { readonly hang: true };

export class ScriptedChatModel implements ChatModel {
  readonly provider = "scripted";
  readonly requests: ChatRequest[] = [];
  private readonly steps: ScriptStep[];

  constructor(
    steps: readonly ScriptStep[],
    readonly model = "script-1",
  ) {
    this.steps = [...steps];
  }

  async complete(request: ChatRequest): Promise<ChatReply> {
    this.requests.push(request);
    const step = this.steps.shift();
    if (!step) throw new ChatModelError("http-error", "the script has no more replies", 500);
    if ("fail" in step) throw step.fail;
    if ("hang" in step) {
      return new Promise<ChatReply>((_, reject) => {
        const abort = (): void => reject(new ChatModelError("aborted", "aborted"));
        if (request.signal?.aborted) abort();
        request.signal?.addEventListener("abort", abort, { once: true });
      });
    }
    const size = Math.max(1, Math.ceil(step.reply.length / (step.pieces ?? 4)));
    for (let at = 0; at < step.reply.length; at += size) {
      if (request.signal?.aborted) throw new ChatModelError("aborted", "aborted");
      if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      request.onDelta?.(step.reply.slice(at, at + size));
    }
    return { text: step.reply, finishReason: step.finishReason ?? "stop" };
  }
}
