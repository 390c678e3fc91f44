import type { AskResponse, GeneratedSentence, QuestionRewrite } from "../schemas/ask-response.js";
import type { MetricValue, QuestionReport } from "./evaluation-report.js";
import { proportion, quantile } from "./wilson-interval.js";

// What the model path did over an evaluation run (`npm run eval -- --answerer generative`):
// how the answers came out (the model's, mixed, or the extractive fallback and why), the
// gate's verdict on every sentence the model wrote, and the question rewrites. Plain data in
// report.json; report.md and report.html render it.

/** One question's model path, copied from its AskResponse. */
export interface QuestionGeneration {
  readonly answerMode: NonNullable<AskResponse["answerMode"]>;
  readonly status?: "ok" | "fallback";
  readonly reason?: string;
  readonly finishReason?: string;
  readonly modelMs?: number;
  readonly gateMs?: number;
  /** Every sentence the model wrote, with the gate's verdict and action (also the removed ones). */
  readonly sentences: readonly GeneratedSentence[];
  readonly rewrite?: QuestionRewrite;
}

const VERDICTS = ["supported", "partly-supported", "contradicted", "not-found"] as const;
const ACTIONS = ["kept", "repaired", "removed"] as const;
const MODES = ["generative", "mixed", "extractive"] as const;

export interface GenerationSummary {
  /** Questions the model path ran for (a refusal by the extractive pass never calls the model). */
  readonly questions: number;
  readonly answerModes: Readonly<Record<(typeof MODES)[number], number>>;
  /** Fallbacks to the extractive answer, by reason (model-error, timeout, empty, too-little-verified, not-answered). */
  readonly fallbacks: Readonly<Record<string, number>>;
  /** Replies the token limit cut. */
  readonly cutByLength: number;
  /** Sentences the model wrote, over all questions. */
  readonly sentences: number;
  /** Share of those sentences with each gate verdict, with its 95% Wilson interval. */
  readonly sentenceVerdicts: Readonly<Record<(typeof VERDICTS)[number], MetricValue>>;
  /** Share kept as written, re-cited to another given passage, or removed. */
  readonly sentenceActions: Readonly<Record<(typeof ACTIONS)[number], MetricValue>>;
  readonly medianModelMs: number | null;
  readonly medianGateMs: number | null;
  /** The model's rewrites of the questions for retrieval, when it rewrote. */
  readonly rewrites?: {
    readonly calls: number;
    readonly rewritten: number;
    readonly unchanged: number;
    readonly fallback: number;
    /** Questions the answerer read in the rewrite's words (their own found no answer). */
    readonly answered: number;
    readonly medianMs: number | null;
  };
}

/** The model path of one response, or undefined when no model was involved. */
export function questionGeneration(response: AskResponse): QuestionGeneration | undefined {
  const { generation, rewrite } = response;
  if (!generation && !rewrite) return undefined;
  return {
    answerMode: response.answerMode ?? "extractive",
    ...(generation ? { status: generation.status } : {}),
    ...(generation?.reason ? { reason: generation.reason } : {}),
    ...(generation?.finishReason ? { finishReason: generation.finishReason } : {}),
    ...(generation?.modelMs !== undefined ? { modelMs: generation.modelMs } : {}),
    ...(generation?.gateMs !== undefined ? { gateMs: generation.gateMs } : {}),
    sentences: response.sentences ?? [],
    ...(rewrite ? { rewrite } : {}),
  };
}

const median = (values: readonly number[]): number | null => quantile(values, 0.5);

const tally = <K extends string>(keys: readonly K[], values: readonly string[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, values.filter((value) => value === key).length])) as Record<K, number>;

/** The run's summary, or undefined when no question went through a model. */
export function summarizeGeneration(questions: readonly QuestionReport[]): GenerationSummary | undefined {
  const runs = questions.flatMap((question) => (question.generation ? [question.generation] : []));
  const generated = runs.filter((run) => run.status !== undefined);
  if (runs.length === 0) return undefined;
  const sentences = generated.flatMap((run) => run.sentences);
  const share = (count: number): MetricValue => proportion(count, sentences.length);
  const rewrites = runs.flatMap((run) => (run.rewrite ? [run.rewrite] : []));
  const reasons = generated.flatMap((run) => (run.status === "fallback" && run.reason ? [run.reason] : []));
  return {
    questions: generated.length,
    answerModes: tally(MODES, generated.map((run) => run.answerMode)),
    fallbacks: Object.fromEntries([...new Set(reasons)].sort().map((reason) => [reason, reasons.filter((other) => other === reason).length])),
    cutByLength: generated.filter((run) => run.finishReason === "length").length,
    sentences: sentences.length,
    sentenceVerdicts: Object.fromEntries(VERDICTS.map((verdict) => [verdict, share(sentences.filter((sentence) => sentence.verdict === verdict).length)])) as GenerationSummary["sentenceVerdicts"],
    sentenceActions: Object.fromEntries(ACTIONS.map((action) => [action, share(sentences.filter((sentence) => sentence.action === action).length)])) as GenerationSummary["sentenceActions"],
    medianModelMs: median(generated.flatMap((run) => (run.modelMs === undefined ? [] : [run.modelMs]))),
    medianGateMs: median(generated.flatMap((run) => (run.gateMs === undefined ? [] : [run.gateMs]))),
    ...(rewrites.length > 0
      ? {
          rewrites: {
            calls: rewrites.length,
            ...tally(["rewritten", "unchanged", "fallback"] as const, rewrites.map((rewrite) => rewrite.status)),
            answered: rewrites.filter((rewrite) => rewrite.answered).length,
            medianMs: median(rewrites.map((rewrite) => rewrite.ms)),
          },
        }
      : {}),
  };
}
