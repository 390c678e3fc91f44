import type { GenerationSummary, QuestionGeneration } from "./generation-summary.js";
import type { GroundingReport } from "./grounding-report.js";

/**
 * The evaluation report: what `npm run eval -- --out DIR` writes as report.json and what
 * report.md and report.html are rendered from. Plain data, so another tool can read it.
 */

/** A proportion with its 95% Wilson interval, or a plain value (lengths, latencies) without one. */
export interface MetricValue {
  readonly value: number | null;
  /** Questions the metric is computed over. */
  readonly count: number;
  readonly low?: number;
  readonly high?: number;
}

export const METRIC_NAMES = [
  "hitAt5",
  "recallAt5",
  "meanReciprocalRank",
  "ndcgAt10",
  "factRecall",
  "allFactsAccuracy",
  "unsupportedNumberRate",
  "sentenceSupportRate",
  "citationValidity",
  "citationPrecision",
  "abstentionAccuracy",
  "falseAbstentionRate",
  "medianAnswerCharacters",
  "latencyP50Ms",
  "latencyP95Ms",
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Higher is better for all metrics except these. */
export const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set(["unsupportedNumberRate", "falseAbstentionRate", "latencyP50Ms", "latencyP95Ms"]);

export interface TypeSummary {
  readonly type: string;
  readonly questions: number;
  readonly metrics: Readonly<Record<MetricName, MetricValue>>;
}

export interface ReportCitation {
  readonly marker: number;
  readonly quote: string;
  readonly section: readonly string[];
  readonly quoteStart: number | null;
  readonly quoteEnd: number | null;
  /** The quote is exactly the source text at its offsets. */
  readonly valid: boolean;
  /** The quote overlaps gold evidence (answerable questions with evidence) or supports an answer sentence. */
  readonly precise: boolean;
}

export interface ReportPassage {
  readonly rank: number;
  readonly chunkId: string;
  readonly section: readonly string[];
  readonly text: string;
  readonly start: number;
  readonly score: number;
  /** Gold evidence inside this passage, as offsets into `text`, for highlighting. */
  readonly evidence: readonly { readonly start: number; readonly end: number }[];
  readonly relevant: boolean;
}

export interface ReportSentence {
  readonly text: string;
  /** Character-bigram containment of the sentence in the cited quotes (or the report, for external answers): 0–1. */
  readonly support: number;
  readonly supported: boolean;
}

export interface QuestionReport {
  readonly id: string;
  readonly type: string;
  readonly question: string;
  readonly answerable: boolean;
  readonly abstained: boolean;
  readonly answer: string;
  readonly expected: readonly (string | readonly string[])[];
  readonly factsFound: readonly boolean[];
  readonly firstRelevantRank: number | null;
  /** Ranking scores against the relevant chunks; null without gold evidence or without retrieved passages. */
  readonly ranking: { readonly hitAt5: boolean; readonly recallAt5: number; readonly reciprocalRank: number; readonly ndcgAt10: number } | null;
  readonly citations: readonly ReportCitation[];
  readonly passages: readonly ReportPassage[];
  readonly sentences: readonly ReportSentence[];
  readonly unsupportedNumbers: readonly string[];
  readonly latencyMs: number | null;
  /** The answer's own claim about itself (AskResponse.answerKind: direct, related, not-in-report), when the system gives one. */
  readonly answerKind?: string;
  /** What the model path did (a model configured): the gate's verdict on each sentence it wrote, the fallback, the rewrite. */
  readonly generation?: QuestionGeneration;
  /** Answerable: abstained=false and every fact found; unanswerable: abstained. */
  readonly passed: boolean;
}

export interface BaselineDiff {
  readonly baselineCreatedAt: string;
  readonly newlyFailing: readonly string[];
  readonly newlyPassing: readonly string[];
  readonly deltas: readonly { readonly metric: MetricName; readonly before: number | null; readonly after: number | null; readonly delta: number | null; readonly worse: boolean }[];
}

export interface ThresholdResult {
  readonly metric: MetricName;
  readonly threshold: number;
  readonly value: number | null;
  readonly passed: boolean;
}

/**
 * How often each answer kind was right, so "direct" can be checked to mean correct and
 * "not-in-report" to mean unanswerable: the calibration of the answerer's graded answers.
 */
export interface AnswerKindCalibration {
  readonly answerKind: string;
  readonly questions: number;
  /** Share of these questions the report answers (near 0 for a well-calibrated "not-in-report"). */
  readonly answerable: MetricValue;
  /** Of the answerable ones with expected facts: share whose answer holds every fact. */
  readonly factsFound: MetricValue;
}

export interface EvaluationReport {
  readonly version: 1;
  readonly createdAt: string;
  /**
   * "pipeline": this system answered; "answers": answers from a file were graded against gold
   * questions (and for grounding); "grounding": answers from a file that answer no gold
   * question, graded for grounding only (no questionFile, no gold metrics).
   */
  readonly mode: "pipeline" | "answers" | "grounding";
  /** The gold questions graded against; absent in a grounding-only report. */
  readonly questionFile?: string;
  /** The gold-set split (eval/<split>/questions.jsonl) this report covers, when run by split. */
  readonly split?: string;
  readonly answerFile?: string;
  readonly engine?: { readonly embedder: string; readonly retriever: string; readonly answerer: string; readonly indexHash: string };
  readonly summaries: readonly TypeSummary[];
  readonly questions: readonly QuestionReport[];
  readonly latencyHistogram: readonly { readonly fromMs: number; readonly toMs: number; readonly count: number }[];
  /** Answer kind × share correct; present only when the answers carry a kind. */
  readonly calibration?: readonly AnswerKindCalibration[];
  /** The model path over the run (`--answerer generative`): answer modes, fallbacks, the gate's verdicts per sentence, rewrites. */
  readonly generation?: GenerationSummary;
  readonly baseline?: BaselineDiff;
  readonly thresholds?: readonly ThresholdResult[];
  /** Answers from a file checked claim by claim against the report (modes "answers" and "grounding"). */
  readonly grounding?: GroundingReport;
  /** Bad lines of the input files, reported and skipped. */
  readonly problems: readonly { readonly file: string; readonly line: number; readonly message: string }[];
}
