import type { Chunk } from "../chunking/chunk.js";
import type { Passage } from "../schemas/ask-response.js";
import { splitSentences } from "../text/sentences.js";
import { evidenceWithin, locateEvidence, relevantChunkIds } from "./evidence.js";
import type { QuestionReport, ReportCitation } from "./evaluation-report.js";
import { factFound, normalizeForFacts, numbersIn } from "./fact-matching.js";
import type { GoldQuestion } from "./gold-question.js";
import { rankingScores } from "./retrieval-metrics.js";

/** A sentence counts as supported at this character-bigram containment (see eval/README.md). */
export const SUPPORTED_SENTENCE = 0.8;

/** An answer under test, from this pipeline or from a file of another system's answers. */
export interface AnswerUnderTest {
  readonly answer: string;
  readonly abstained: boolean;
  readonly citations: readonly {
    readonly marker: number;
    readonly quote: string;
    readonly section: readonly string[];
    readonly source?: string;
    readonly quoteStart: number | null;
    readonly quoteEnd: number | null;
  }[];
  /** Retrieved passages, best first (none for external answers). */
  readonly passages: readonly Passage[];
  readonly latencyMs: number | null;
  /** Words before the quotes that frame them ("报告没有直接提到…，最相关的内容是：", "The report says: "): not a claim, so not graded as one. */
  readonly lead?: string;
  /** The answer's kind (direct, related, not-in-report), when the system says. */
  readonly answerKind?: string | undefined;
}

export interface ScoringContext {
  readonly chunks: readonly Chunk[];
  readonly sources: ReadonlyMap<string, string>;
  /** Character-bigram containment of a sentence in a text, 0–1. */
  readonly containment: (sentence: string, text: string) => number;
}

const MARKERS = /\[\d+\]/gu;

function citationValid(citation: AnswerUnderTest["citations"][number], sources: ReadonlyMap<string, string>): boolean {
  if (citation.quoteStart === null || citation.quoteEnd === null) {
    // Without offsets, a citation is valid when its quote is verbatim somewhere in the report.
    return citation.quote.length > 0 && [...sources.values()].some((text) => text.includes(citation.quote));
  }
  const texts = citation.source ? [sources.get(citation.source)] : [...sources.values()];
  return texts.some((text) => text?.slice(citation.quoteStart!, citation.quoteEnd!) === citation.quote);
}

/** Grades one answer against its gold question: retrieval, facts, grounding, citations, abstention. */
export function scoreQuestion(gold: GoldQuestion, answer: AnswerUnderTest, context: ScoringContext): QuestionReport {
  const evidenceSpans = locateEvidence(gold.evidence, context.sources);
  const relevant = relevantChunkIds(evidenceSpans, context.chunks);
  const ranking = rankingScores(answer.passages.map((passage) => passage.chunkId), relevant);
  const claims = answer.lead && answer.answer.startsWith(answer.lead) ? answer.answer.slice(answer.lead.length) : answer.answer;
  const plainAnswer = claims.replace(MARKERS, "");
  const validity = answer.citations.map((citation) => citationValid(citation, context.sources));
  // Sentences and numbers are checked against what the answer validly cites (a quote that is
  // not in the report supports nothing); an answer without citations, against the whole report.
  const groundingText =
    answer.citations.length > 0
      ? answer.citations.filter((_, index) => validity[index]).map((citation) => citation.quote).join("\n")
      : [...context.sources.values()].join("\n");
  const sentences = answer.abstained
    ? []
    : splitSentences(plainAnswer).map(({ text }) => {
        const support = context.containment(text, groundingText);
        return { text, support: Number(support.toFixed(4)), supported: support >= SUPPORTED_SENTENCE };
      });
  const groundingNormalized = normalizeForFacts(groundingText);
  const unsupportedNumbers = answer.abstained ? [] : numbersIn(plainAnswer).filter((number) => !groundingNormalized.includes(number));
  const evidenceNormalized = gold.evidence.map(normalizeForFacts);
  const citations: ReportCitation[] = answer.citations.map((citation, index) => {
    const byOffsets =
      citation.quoteStart !== null &&
      citation.quoteEnd !== null &&
      evidenceSpans.some((span) => (!citation.source || span.source === citation.source) && span.start < citation.quoteEnd! && citation.quoteStart! < span.end);
    const quote = normalizeForFacts(citation.quote);
    const byText = evidenceNormalized.some((evidence) => evidence.includes(quote) || quote.includes(evidence));
    const supportsASentence = sentences.some((sentence) => context.containment(sentence.text, citation.quote) >= 0.5);
    return {
      marker: citation.marker,
      quote: citation.quote,
      section: citation.section,
      quoteStart: citation.quoteStart,
      quoteEnd: citation.quoteEnd,
      valid: validity[index]!,
      precise: gold.evidence.length > 0 ? byOffsets || byText : supportsASentence,
    };
  });
  const factsFound = gold.expected.map((fact) => !answer.abstained && factFound(fact, plainAnswer));
  return {
    id: gold.id,
    type: gold.type,
    question: gold.question,
    answerable: gold.answerable,
    abstained: answer.abstained,
    answer: answer.answer,
    expected: gold.expected,
    factsFound,
    firstRelevantRank: ranking.firstRelevantRank,
    ranking:
      relevant.size > 0 && answer.passages.length > 0
        ? { hitAt5: ranking.hitAt5, recallAt5: ranking.recallAt5, reciprocalRank: ranking.reciprocalRank, ndcgAt10: ranking.ndcgAt10 }
        : null,
    citations,
    passages: answer.passages.map((passage, index) => ({
      rank: index + 1,
      chunkId: passage.chunkId,
      section: passage.section,
      text: passage.text,
      start: passage.start,
      score: passage.score,
      evidence: evidenceWithin(evidenceSpans, passage.source, passage.start, passage.end),
      relevant: relevant.has(passage.chunkId),
    })),
    sentences,
    unsupportedNumbers,
    latencyMs: answer.latencyMs,
    ...(answer.answerKind !== undefined ? { answerKind: answer.answerKind } : {}),
    passed: gold.answerable ? !answer.abstained && factsFound.every(Boolean) : answer.abstained,
  };
}
