import type { Candidate, ChosenPiece } from "./candidate.js";
import type { QuestionAnalysis } from "./question-analysis.js";
import { narrowToClauses } from "./span-selection.js";
import { trimSpan } from "./sentence-ranking.js";
import { coveredTerms, termMatch } from "./support.js";
import { formatSectionPath } from "../chunking/chunk.js";
import { normalizeText } from "../text/normalize.js";
import { DEFAULT_RANKING_WEIGHTS, type RankingWeights } from "./ranking-weights.js";
import type { TermStatistics } from "./term-statistics.js";

function continuesAfterSemicolon(piece: Candidate, next: Candidate): boolean {
  if (piece.chunk.id !== next.chunk.id || next.span.start <= piece.span.end) return false;
  const between = piece.chunk.text.slice(piece.span.end, next.span.start);
  return /^\s*[;；]\s*$/u.test(between);
}

/**
 * The best sentence, then more that add question words it lacks (or, for a list,
 * support the question nearly as well), up to `maximum`.
 */
export function selectCandidates(
  analysis: QuestionAnalysis,
  ranked: readonly Candidate[],
  statistics: TermStatistics,
  maximum: number,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): Candidate[] {
  const [best, ...rest] = ranked;
  if (!best) return [];
  const chosen: Candidate[] = [best];
  const covered = coveredTerms(analysis.contentTerms, best.normalized);
  for (const candidate of rest) {
    if (chosen.length >= maximum) break;
    if (chosen.some((piece) => piece.order === candidate.order)) continue;
    const adds = [...coveredTerms(analysis.contentTerms, candidate.normalized)].filter((term) => !covered.has(term));
    const addedWeight = adds.reduce((sum, term) => sum + statistics.weight(term), 0);
    // A further piece must bring a real content word (江津, in most chunks, is not one) ...
    const addsEnough = candidate.score >= weights.furtherPieceShare * best.score && addedWeight >= 1;
    // ... or finish a sentence the report split with a semicolon ("“五地”,即…;“一城”,即宜居城市").
    const continues = chosen.some((piece) => continuesAfterSemicolon(piece, candidate)) && candidate.support >= weights.continuationSupportShare * best.support;
    const listLike = analysis.kind === "list" && candidate.score >= weights.listPieceShare * best.score;
    if (addsEnough || listLike || continues) {
      chosen.push(candidate);
      for (const term of adds) covered.add(term);
    }
  }
  return chosen;
}

/** Candidates as quoted pieces in report order; long sentences narrowed unless a list or definition wants them whole. */
export function toPieces(analysis: QuestionAnalysis, chosen: readonly Candidate[], statistics: TermStatistics): ChosenPiece[] {
  // A how/why answer is in the clauses after the restated goal, which narrowing (richest in the question's words) would pick.
  const narrow = analysis.kind !== "list" && analysis.kind !== "definition" && analysis.kind !== "how" && analysis.kind !== "why";
  return [...chosen]
    .sort((left, right) => left.order - right.order)
    .map((candidate) => {
      // Words the section path already supplies ("总体要求") are context: the clause
      // should be chosen for the rest of the question.
      const path = normalizeText(formatSectionPath(candidate.chunk.sectionPath));
      const outsidePath = analysis.contentTerms.filter((term) => [...term].length < 2 || termMatch(term, path) < 0.5);
      const span = narrow
        ? trimSpan(
            candidate.chunk.text,
            narrowToClauses({
              source: candidate.chunk.text,
              sentence: candidate.span,
              terms: outsidePath.length > 0 ? outsidePath : analysis.contentTerms,
              weight: (term) => statistics.weight(term),
              wantsNumber: analysis.kind === "numeric" || analysis.kind === "when",
            }),
          )
        : candidate.span;
      return {
        chunk: candidate.chunk,
        quoteStart: candidate.chunk.start + span.start,
        quoteEnd: candidate.chunk.start + span.end,
        quote: span.text,
        score: Number(candidate.score.toFixed(4)),
        sentence: candidate.normalized,
      };
    });
}
