import type { Chunk } from "../chunking/chunk.js";
import type { AskResponse } from "../schemas/ask-response.js";
import { factFound, numbersIn, normalizeForFacts } from "./fact-matching.js";
import type { GoldQuestion } from "./gold-question.js";

/** How one gold question fared; aggregated into the per-type table. */
export interface QuestionResult {
  readonly id: string;
  readonly type: string;
  readonly question: string;
  readonly answerable: boolean;
  readonly abstained: boolean;
  readonly answer: string;
  /** Rank (1-based) of the first passage overlapping gold evidence; undefined if none retrieved or no evidence. */
  readonly firstRelevantRank: number | undefined;
  readonly hasEvidence: boolean;
  readonly factsFound: number;
  readonly factsTotal: number;
  readonly answerCharacters: number;
  readonly unsupportedNumbers: readonly string[];
  /** Every citation's quote equals the source text at its offsets. */
  readonly quotesExact: boolean;
  readonly latencyMs: number;
  readonly support: number | undefined;
}

/** Chunks whose span overlaps at least half of some evidence string's occurrence in its source. */
export function relevantChunkIds(evidence: readonly string[], chunks: readonly Chunk[], sources: ReadonlyMap<string, string>): Set<string> {
  const relevant = new Set<string>();
  for (const snippet of evidence) {
    for (const [source, text] of sources) {
      for (let start = text.indexOf(snippet); start >= 0; start = text.indexOf(snippet, start + 1)) {
        const end = start + snippet.length;
        for (const chunk of chunks) {
          if (chunk.source !== source) continue;
          const overlap = Math.min(end, chunk.end) - Math.max(start, chunk.start);
          if (overlap >= Math.min(snippet.length, chunk.end - chunk.start) / 2) relevant.add(chunk.id);
        }
      }
    }
  }
  return relevant;
}

export function scoreResponse(
  question: GoldQuestion,
  response: AskResponse,
  chunks: readonly Chunk[],
  sources: ReadonlyMap<string, string>,
): QuestionResult {
  const relevant = relevantChunkIds(question.evidence, chunks, sources);
  const rankIndex = response.passages.findIndex((passage) => relevant.has(passage.chunkId));
  const answerWithoutMarkers = response.answer.replace(/\[\d+\]/gu, "");
  const quoted = normalizeForFacts(response.citations.map((citation) => citation.quote).join(" "));
  const factsFound = response.abstained ? 0 : question.expected.filter((fact) => factFound(fact, answerWithoutMarkers)).length;
  return {
    id: question.id,
    type: question.type,
    question: question.question,
    answerable: question.answerable,
    abstained: response.abstained,
    answer: response.answer,
    firstRelevantRank: rankIndex >= 0 ? rankIndex + 1 : undefined,
    hasEvidence: relevant.size > 0,
    factsFound,
    factsTotal: question.expected.length,
    answerCharacters: [...answerWithoutMarkers].length,
    unsupportedNumbers: response.abstained ? [] : numbersIn(response.answer).filter((number) => !quoted.includes(number)),
    quotesExact: response.citations.every((citation) => sources.get(citation.source)?.slice(citation.quoteStart, citation.quoteEnd) === citation.quote),
    latencyMs: response.timings.totalMs,
    support: response.support,
  };
}
