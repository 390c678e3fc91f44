import type { ClaimVerdict } from "../verification/verification-schema.js";
import type { MetricValue } from "./evaluation-report.js";
import { VERDICTS_WORST_FIRST, type GroundedAnswer, type GroundingSummary } from "./grounding-report.js";
import { meanOf, proportion } from "./wilson-interval.js";

/** Answers listed in full in report.md and report.html, worst first; the summary covers all of them. */
export const LISTED_ANSWERS = 20;

function shares(verdicts: readonly ClaimVerdict[]): Record<ClaimVerdict, MetricValue> {
  const entries = VERDICTS_WORST_FIRST.map((verdict) => [verdict, proportion(verdicts.filter((each) => each === verdict).length, verdicts.length)] as const);
  return Object.fromEntries(entries) as Record<ClaimVerdict, MetricValue>;
}

const present = (values: readonly (number | null)[]): number[] => values.flatMap((value) => (value === null ? [] : [value]));

/** The grounding summary: verdict shares of claims and of answers (95% Wilson), mean citation and context figures, abstentions. */
export function summarizeGrounding(answers: readonly GroundedAnswer[], abstained: number): GroundingSummary {
  const claims = answers.flatMap((answer) => answer.claims.map((claim) => claim.verdict));
  return {
    answers: answers.length,
    abstained,
    claims: claims.length,
    claimVerdicts: shares(claims),
    answerVerdicts: shares(answers.map((answer) => answer.verdict)),
    citationRecall: meanOf(present(answers.map((answer) => answer.citationRecall))),
    citationPrecision: meanOf(present(answers.map((answer) => answer.citationPrecision))),
    contextSupport: meanOf(present(answers.map((answer) => answer.contextSupport))),
  };
}

const rank = (verdict: ClaimVerdict): number => VERDICTS_WORST_FIRST.indexOf(verdict);
const badClaims = (answer: GroundedAnswer): number => answer.claims.filter((claim) => claim.verdict !== "supported").length;

/**
 * The answers a reader should look at first: contradicted, then not found, then partly
 * supported, then supported; within a verdict, more unsupported claims first, then file order.
 */
export function worstFirst(answers: readonly GroundedAnswer[]): GroundedAnswer[] {
  return [...answers].sort((left, right) => rank(left.verdict) - rank(right.verdict) || badClaims(right) - badClaims(left) || left.line - right.line);
}

/** How many claims, and how many answers, have each verdict. */
export function verdictCounts(answers: readonly GroundedAnswer[]): { claims: Record<ClaimVerdict, number>; answers: Record<ClaimVerdict, number> } {
  const tally = (verdicts: readonly ClaimVerdict[]) =>
    Object.fromEntries(VERDICTS_WORST_FIRST.map((verdict) => [verdict, verdicts.filter((each) => each === verdict).length])) as Record<ClaimVerdict, number>;
  return { claims: tally(answers.flatMap((answer) => answer.claims.map((claim) => claim.verdict))), answers: tally(answers.map((answer) => answer.verdict)) };
}
