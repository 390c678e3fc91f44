import type { MetricValue } from "../evaluation-report.js";
import { proportion } from "../wilson-interval.js";
import { claimVerdictSchema, type ClaimVerdict } from "../../verification/verification-schema.js";
import type { LabelledClaim } from "./labelled-claim.js";

/** A labelled claim and the verdict the checker gave it. */
export interface JudgedClaim extends LabelledClaim {
  readonly verdict: ClaimVerdict;
  /** Where the claim came from: "hand-written" or "generated". */
  readonly set: string;
}

export interface VerdictScore {
  readonly verdict: ClaimVerdict;
  /** Of the claims given this verdict, the share labelled so. */
  readonly precision: MetricValue;
  /** Of the claims labelled so, the share given this verdict. */
  readonly recall: MetricValue;
}

export const VERDICTS: readonly ClaimVerdict[] = claimVerdictSchema.options;

export function verdictScores(judged: readonly JudgedClaim[]): VerdictScore[] {
  return VERDICTS.map((verdict) => {
    const given = judged.filter((claim) => claim.verdict === verdict);
    const labelled = judged.filter((claim) => claim.label === verdict);
    return {
      verdict,
      precision: proportion(given.filter((claim) => claim.label === verdict).length, given.length),
      recall: proportion(labelled.filter((claim) => claim.verdict === verdict).length, labelled.length),
    };
  });
}

/** label → verdict → count. */
export function confusion(judged: readonly JudgedClaim[]): Record<ClaimVerdict, Record<ClaimVerdict, number>> {
  const table = Object.fromEntries(VERDICTS.map((label) => [label, Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0]))])) as Record<ClaimVerdict, Record<ClaimVerdict, number>>;
  for (const claim of judged) table[claim.label][claim.verdict]++;
  return table;
}

/** The targets, each over the claims of some kinds: the share given the expected verdict. */
export interface VerifierTarget {
  readonly name: string;
  readonly kinds: readonly string[];
  readonly verdict: ClaimVerdict;
  readonly atLeast: number;
}

export const VERIFIER_TARGETS: readonly VerifierTarget[] = [
  { name: "changed figures flagged contradicted", kinds: ["number-changed", "date-changed", "unit-changed", "figure-elsewhere"], verdict: "contradicted", atLeast: 0.98 },
  { name: "verbatim or lightly reworded claims supported", kinds: ["verbatim", "reworded", "reworded-figure"], verdict: "supported", atLeast: 0.95 },
  { name: "unrelated claims not found", kinds: ["unrelated"], verdict: "not-found", atLeast: 0.95 },
];

export interface TargetResult extends VerifierTarget {
  readonly measured: MetricValue;
  readonly met: boolean;
}

export function checkTargets(judged: readonly JudgedClaim[]): TargetResult[] {
  return VERIFIER_TARGETS.map((target) => {
    // A target speaks of claims whose label is the expected verdict (an English changed-figure claim counts, a hedged one does not).
    const covered = judged.filter((claim) => target.kinds.includes(claim.kind) && claim.label === target.verdict);
    const measured = proportion(covered.filter((claim) => claim.verdict === target.verdict).length, covered.length);
    return { ...target, measured, met: measured.value !== null && measured.value >= target.atLeast };
  });
}

/** Share given the label, by kind. */
export function accuracyByKind(judged: readonly JudgedClaim[]): { kind: string; accuracy: MetricValue }[] {
  const kinds = [...new Set(judged.map((claim) => claim.kind))];
  return kinds.map((kind) => {
    const ofKind = judged.filter((claim) => claim.kind === kind);
    return { kind, accuracy: proportion(ofKind.filter((claim) => claim.verdict === claim.label).length, ofKind.length) };
  });
}
