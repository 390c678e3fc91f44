import type { MetricName, MetricValue, QuestionReport, TypeSummary } from "./evaluation-report.js";
import { meanOf, proportion, quantile } from "./wilson-interval.js";

const count = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length;
const plain = (value: number | null, items: number): MetricValue => ({ value, count: items });

/** Every metric of eval/README.md over one set of questions (a type, or all of them). */
export function summarizeQuestions(type: string, questions: readonly QuestionReport[]): TypeSummary {
  const answerable = questions.filter((question) => question.answerable);
  const unanswerable = questions.filter((question) => !question.answerable);
  const answered = questions.filter((question) => !question.abstained);
  const ranked = answerable.flatMap((question) => (question.ranking ? [question.ranking] : []));
  const withFacts = answerable.filter((question) => question.expected.length > 0);
  const facts = withFacts.flatMap((question) => question.factsFound);
  const sentences = answered.flatMap((question) => question.sentences);
  const citations = answered.flatMap((question) => question.citations);
  const latencies = questions.flatMap((question) => (question.latencyMs === null ? [] : [question.latencyMs]));
  const lengths = answered.filter((question) => question.answerable).map((question) => [...question.answer.replace(/\[\d+\]/gu, "")].length);
  const metrics: Record<MetricName, MetricValue> = {
    hitAt5: proportion(count(ranked, (ranking) => ranking.hitAt5), ranked.length),
    recallAt5: meanOf(ranked.map((ranking) => ranking.recallAt5)),
    meanReciprocalRank: meanOf(ranked.map((ranking) => ranking.reciprocalRank)),
    ndcgAt10: meanOf(ranked.map((ranking) => ranking.ndcgAt10)),
    factRecall: proportion(count(facts, Boolean), facts.length),
    allFactsAccuracy: proportion(count(withFacts, (question) => !question.abstained && question.factsFound.every(Boolean)), withFacts.length),
    unsupportedNumberRate: proportion(count(answered, (question) => question.unsupportedNumbers.length > 0), answered.length),
    sentenceSupportRate: proportion(count(sentences, (sentence) => sentence.supported), sentences.length),
    citationValidity: proportion(count(citations, (citation) => citation.valid), citations.length),
    citationPrecision: proportion(count(citations, (citation) => citation.precise), citations.length),
    abstentionAccuracy: proportion(count(unanswerable, (question) => question.abstained), unanswerable.length),
    falseAbstentionRate: proportion(count(answerable, (question) => question.abstained), answerable.length),
    medianAnswerCharacters: plain(quantile(lengths, 0.5), lengths.length),
    latencyP50Ms: plain(quantile(latencies, 0.5), latencies.length),
    latencyP95Ms: plain(quantile(latencies, 0.95), latencies.length),
  };
  return { type, questions: questions.length, metrics };
}

/** One summary per question type, in first-seen order, then "all". */
export function summarizeByType(questions: readonly QuestionReport[]): TypeSummary[] {
  const types = [...new Set(questions.map((question) => question.type))];
  return [...types.map((type) => summarizeQuestions(type, questions.filter((question) => question.type === type))), summarizeQuestions("all", questions)];
}

/** Latency counts in ten equal buckets from 0 to the slowest question. */
export function latencyHistogram(questions: readonly QuestionReport[], buckets = 10): { fromMs: number; toMs: number; count: number }[] {
  const latencies = questions.flatMap((question) => (question.latencyMs === null ? [] : [question.latencyMs]));
  if (latencies.length === 0) return [];
  const width = Math.max(...latencies) / buckets || 1;
  return Array.from({ length: buckets }, (_, index) => ({
    fromMs: Number((index * width).toFixed(2)),
    toMs: Number(((index + 1) * width).toFixed(2)),
    count: latencies.filter((latency) => (index === buckets - 1 ? latency >= index * width : latency >= index * width && latency < (index + 1) * width)).length,
  }));
}
