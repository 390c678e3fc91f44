import { ChatModelError, type ChatModel } from "../../ports/chat-model.js";
import type { ConversationTurn } from "../../schemas/ask-request.js";
import type { QuestionRewrite } from "../../schemas/ask-response.js";
import { buildRewritePrompt } from "./rewrite-prompt.js";
import { readRewriteReply } from "./rewrite-reply.js";

/** Rewrites a question for retrieval; the offline reading is what stands when it cannot. */
export interface QuestionRewriter {
  /** For receipts and cache keys: the model that rewrites. */
  readonly name: string;
  /** Never rejects except with ChatModelError "aborted" when `signal` (the caller's) aborts. */
  rewrite(question: string, history: readonly ConversationTurn[], signal?: AbortSignal): Promise<QuestionRewrite>;
}

export interface RewriterSettings {
  /**
   * The rewrite's own time: it runs before retrieval, so every question waits for it. Past it
   * the offline reading alone is searched (a local model can answer in well under a second).
   */
  readonly timeoutMs: number;
  /** One short question: a few dozen tokens. */
  readonly maxTokens: number;
}

export const DEFAULT_REWRITER_SETTINGS: RewriterSettings = { timeoutMs: 2_500, maxTokens: 96 };

/** The question rewriter over a chat model (the same model the generative answerer writes with). */
export class ModelQuestionRewriter implements QuestionRewriter {
  readonly name: string;
  private readonly settings: RewriterSettings;

  constructor(
    private readonly model: ChatModel,
    settings: Partial<RewriterSettings> = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.settings = { ...DEFAULT_REWRITER_SETTINGS, ...settings };
    this.name = `rewrite-v1:${model.provider}:${model.model}`;
  }

  async rewrite(question: string, history: readonly ConversationTurn[], signal?: AbortSignal): Promise<QuestionRewrite> {
    const started = this.now();
    const ms = (): number => Number((this.now() - started).toFixed(2));
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const { text } = await this.model.complete({
        messages: buildRewritePrompt(question, history),
        maxTokens: this.settings.maxTokens,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const reading = readRewriteReply(text, question);
      return "text" in reading ? { status: "rewritten", text: reading.text, ms: ms() } : { status: "unchanged", reason: reading.unusable, ms: ms() };
    } catch (error) {
      // The caller's abort (a cancelled question) ends the whole answer; the rewrite's own timeout only this step.
      if (signal?.aborted) throw error instanceof ChatModelError ? error : new ChatModelError("aborted", "The question was cancelled");
      const timedOut = timeout.aborted || (error instanceof ChatModelError && error.failure === "timeout");
      return { status: "fallback", reason: timedOut ? "timeout" : "model-error", ms: ms() };
    }
  }
}
