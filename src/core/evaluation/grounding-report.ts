import type { ClaimVerdict, VerifiedClaim } from "../verification/verification-schema.js";
import type { MetricValue } from "./evaluation-report.js";

// The grounding block of an evaluation report: every answer checked claim by claim against
// the report by the verifier (src/core/verification/verify-text.ts), gold id or not. Plain
// data, like the rest of report.json.

/** Verdicts from worst to best: the order answers and table rows are listed in. */
export const VERDICTS_WORST_FIRST: readonly ClaimVerdict[] = ["contradicted", "not-found", "partly-supported", "supported"];

/** One answer (or, for `npm run verify -- --out`, the document) as the verifier judged it. */
export interface GroundedAnswer {
  /** 1-based line of the answers file (1 for a verified document). */
  readonly line: number;
  readonly id?: string;
  readonly question: string;
  readonly answer: string;
  /** The line's reference answer, shown beside it, not graded. */
  readonly reference?: string;
  /** The whole answer: contradicted if any claim is, supported if all are, not-found if none is found, else partly. */
  readonly verdict: ClaimVerdict;
  readonly claims: readonly VerifiedClaim[];
  /** Share of claims their [n] citations support (null without citations). */
  readonly citationRecall: number | null;
  /** Share of cited citations that support a claim citing them (null without citations). */
  readonly citationPrecision: number | null;
  /** Share of claims the answer's contexts support (null without contexts). */
  readonly contextSupport: number | null;
}

export interface GroundingSummary {
  /** Answers checked (abstentions are not: they state nothing to check). */
  readonly answers: number;
  /** Answers that declined, counted apart. */
  readonly abstained: number;
  readonly claims: number;
  /** Share of all claims with each verdict, with its 95% Wilson interval. */
  readonly claimVerdicts: Readonly<Record<ClaimVerdict, MetricValue>>;
  /** Share of checked answers whose overall verdict is each one, with its 95% Wilson interval. */
  readonly answerVerdicts: Readonly<Record<ClaimVerdict, MetricValue>>;
  /** Means over the answers that have the figure (those with citations, or with contexts). */
  readonly citationRecall: MetricValue;
  readonly citationPrecision: MetricValue;
  readonly contextSupport: MetricValue;
}

export interface GroundingReport {
  readonly summary: GroundingSummary;
  /** In the answers file's order. */
  readonly answers: readonly GroundedAnswer[];
}

/** What `npm run verify -- FILE --out DIR` writes as report.json: one document, checked claim by claim. */
export interface GroundingDocumentReport {
  readonly version: 1;
  readonly createdAt: string;
  /** The checked file ("standard input" for -). */
  readonly file: string;
  readonly grounding: GroundingReport;
}
