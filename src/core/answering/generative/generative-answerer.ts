import { Runnable } from "@langchain/core/runnables";
import { ChatModelError, type ChatModel, type FinishReason } from "../../ports/chat-model.js";
import type { Generation } from "../../schemas/ask-response.js";
import type { VerifierEngine } from "../../verification/verify-text.js";
import { DEFAULT_VERIFIER_SETTINGS, type VerifierSettings } from "../../verification/verifier-settings.js";
import type { AnswerDraft, AnswerInput } from "../answer-draft.js";
import { gateAnswer } from "./answer-gate.js";
import { createMarkerStripper } from "./markers.js";
import { buildPrompt, type PromptDocument } from "./prompt.js";
import { watchSentences, wholeSentences } from "./sentence-watch.js";

/**
 * Answers with a language model, every sentence verified against the report. The extractive
 * answerer runs first (about a millisecond): its refusals stand — a refusal rests on positive
 * evidence (another year, place or level; a figure or person the report does not give), and a
 * model is no evidence against that — and its answer is the fallback. Otherwise the model
 * writes from the numbered passages, the gate (answer-gate.ts) keeps what the report supports,
 * and too little kept, a model error, a timeout or an empty reply give the extractive answer,
 * saying why.
 */

export interface GenerativeAnswererSettings {
  /** Share of the model's sentences that must survive the gate, else the extractive answer stands. */
  readonly minimumKeptShare: number;
  /** Tokens the model may write. */
  readonly maxTokens: number;
  /** The verifier's thresholds for the gate. */
  readonly verifier: VerifierSettings;
}

export const DEFAULT_GENERATIVE_SETTINGS: GenerativeAnswererSettings = {
  minimumKeptShare: 0.5,
  maxTokens: 400,
  verifier: DEFAULT_VERIFIER_SETTINGS,
};

export interface GenerativeAnswererOptions {
  readonly model: ChatModel;
  /** The extractive answerer: refusals, and the answer when the model's does not pass. */
  readonly fallback: Runnable<AnswerInput, AnswerDraft>;
  /** What the gate checks against: the engine's report, lexicon and segmenter. */
  readonly verifier: VerifierEngine;
  /** The corpus's documents, named in the prompt when there are several. */
  readonly documents?: readonly PromptDocument[];
  readonly settings?: Partial<GenerativeAnswererSettings>;
  /** Monotonic milliseconds, injected so tests can fix time. */
  readonly now?: () => number;
}

const NOT_ANSWERED = /报告中没有找到相关内容|not (?:covered|mentioned) in the report/iu;

export class GenerativeAnswerer extends Runnable<AnswerInput, AnswerDraft> {
  lc_namespace = ["jiangjin_report_qa", "answerers"];
  override name = "generative-v1";
  readonly settings: GenerativeAnswererSettings;
  private readonly options: GenerativeAnswererOptions;

  constructor(options: GenerativeAnswererOptions) {
    super();
    this.options = options;
    this.settings = { ...DEFAULT_GENERATIVE_SETTINGS, ...options.settings };
    // The answerer's name goes into receipts and the answer cache's key: another model, another answer.
    this.name = `generative-v1:${options.model.provider}:${options.model.model}`;
  }

  override async invoke(input: AnswerInput): Promise<AnswerDraft> {
    const extractive = await this.options.fallback.invoke({ ...input, onEvent: undefined });
    if (extractive.abstained) return this.finish(input, { ...extractive, answerMode: "extractive" });
    const now = this.options.now ?? (() => performance.now());
    const { model } = this.options;
    const generation = (status: Generation["status"], extra: Partial<Generation> = {}): Generation => ({ provider: model.provider, model: model.model, status, ...extra });
    const fallBack = (reason: NonNullable<Generation["reason"]>, extra: Partial<Generation> = {}): AnswerDraft => {
      const draft: AnswerDraft = { ...extractive, answerMode: "extractive", generation: generation("fallback", { reason, ...extra }) };
      input.onEvent?.({ type: "replace", answer: draft.answer, reason });
      return draft;
    };

    const language = input.reading.language === "en" ? "en" : "zh";
    const started = now();
    let text: string;
    let finishReason: FinishReason;
    // A marker arrives in pieces ("[", "1]"): the stripper holds a piece that may begin one.
    const stripper = createMarkerStripper();
    const showDelta = (shown: string): void => {
      if (shown) input.onEvent?.({ type: "delta", text: shown });
    };
    // Streaming: each sentence's verdict as it closes, while the model writes on.
    const watch = input.onEvent
      ? watchSentences(input.passages, this.options.verifier, this.settings.verifier, (index, sentence) => input.onEvent!({ type: "sentence", index, sentence }))
      : undefined;
    try {
      ({ text, finishReason } = await model.complete({
        messages: buildPrompt({ question: input.question, history: input.history ?? [], passages: input.passages, language, ...(this.options.documents ? { documents: this.options.documents } : {}) }),
        maxTokens: this.settings.maxTokens,
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.onEvent
          ? {
              onDelta: (delta: string) => {
                showDelta(stripper.push(delta));
                watch?.push(delta);
              },
            }
          : {}),
      }));
      showDelta(stripper.flush());
    } catch (error) {
      if (error instanceof ChatModelError && error.failure === "aborted") throw error;
      const timeout = error instanceof ChatModelError && error.failure === "timeout";
      return fallBack(timeout ? "timeout" : "model-error", { detail: error instanceof Error ? error.message : String(error), modelMs: now() - started });
    }
    const modelMs = now() - started;
    // Cut by the token limit: only the sentences it finished are judged.
    if (finishReason === "length") text = wholeSentences(text);
    const finish = { modelMs, finishReason };
    if (!text.trim()) return fallBack("empty", finish);
    if (NOT_ANSWERED.test(text) && text.length < 40) return fallBack("not-answered", finish);

    await watch?.settle();
    const gateStarted = now();
    const gated = await gateAnswer(text, input.passages, this.options.verifier, this.settings.verifier);
    const gateMs = now() - gateStarted;
    const kept = gated.sentences.filter((sentence) => sentence.action !== "removed").length;
    if (kept === 0 || kept / Math.max(1, gated.sentences.length) < this.settings.minimumKeptShare) {
      return { ...fallBack("too-little-verified", { ...finish, gateMs }), sentences: gated.sentences };
    }
    const changed = gated.sentences.some((sentence) => sentence.action !== "kept");
    const draft: AnswerDraft = {
      answer: gated.answer,
      abstained: false,
      answerKind: extractive.answerKind,
      language,
      pieces: gated.pieces,
      ...(extractive.support !== undefined ? { support: extractive.support } : {}),
      answerMode: changed ? "mixed" : "generative",
      sentences: gated.sentences,
      generation: generation("ok", { ...finish, gateMs }),
    };
    // The deltas showed the model's text without markers; the verified answer replaces it.
    input.onEvent?.({ type: "replace", answer: draft.answer, reason: changed ? "gated" : "verified" });
    return draft;
  }

  private finish(input: AnswerInput, draft: AnswerDraft): AnswerDraft {
    input.onEvent?.({ type: "replace", answer: draft.answer, reason: "extractive" });
    return draft;
  }
}
