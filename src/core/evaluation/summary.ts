import type { QuestionResult } from "./question-result.js";

/** The metrics `npm run eval` prints for one question type (or "all"). Undefined where no question qualifies. */
export interface MetricSummary {
  readonly type: string;
  readonly questions: number;
  readonly hitAt5: number | undefined;
  readonly meanReciprocalRank: number | undefined;
  readonly factRecall: number | undefined;
  readonly allFactsAccuracy: number | undefined;
  readonly abstentionAccuracy: number | undefined;
  readonly falseAbstentionRate: number | undefined;
  readonly medianAnswerCharacters: number | undefined;
  readonly numberFidelity: number | undefined;
  readonly quoteExactness: number | undefined;
  readonly medianLatencyMs: number | undefined;
}

const mean = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(type: string, results: readonly QuestionResult[]): MetricSummary {
  const answerable = results.filter((result) => result.answerable);
  const withEvidence = answerable.filter((result) => result.hasEvidence);
  const withFacts = answerable.filter((result) => result.factsTotal > 0);
  const unanswerable = results.filter((result) => !result.answerable);
  const answered = results.filter((result) => !result.abstained);
  const factsTotal = withFacts.reduce((sum, result) => sum + result.factsTotal, 0);
  return {
    type,
    questions: results.length,
    hitAt5: mean(withEvidence.map((result) => (result.firstRelevantRank !== undefined && result.firstRelevantRank <= 5 ? 1 : 0))),
    meanReciprocalRank: mean(withEvidence.map((result) => (result.firstRelevantRank ? 1 / result.firstRelevantRank : 0))),
    factRecall: factsTotal > 0 ? withFacts.reduce((sum, result) => sum + result.factsFound, 0) / factsTotal : undefined,
    allFactsAccuracy: mean(withFacts.map((result) => (result.factsFound === result.factsTotal ? 1 : 0))),
    abstentionAccuracy: mean(unanswerable.map((result) => (result.abstained ? 1 : 0))),
    falseAbstentionRate: mean(answerable.map((result) => (result.abstained ? 1 : 0))),
    medianAnswerCharacters: median(answered.filter((result) => result.answerable).map((result) => result.answerCharacters)),
    numberFidelity: mean(answered.map((result) => (result.unsupportedNumbers.length === 0 ? 1 : 0))),
    quoteExactness: mean(answered.map((result) => (result.quotesExact ? 1 : 0))),
    medianLatencyMs: median(results.map((result) => result.latencyMs)),
  };
}

/** One summary per question type, in first-seen order, then "all". */
export function summarizeByType(results: readonly QuestionResult[]): MetricSummary[] {
  const types = [...new Set(results.map((result) => result.type))];
  return [...types.map((type) => summarize(type, results.filter((result) => result.type === type))), summarize("all", results)];
}
