import { z } from "zod";
import { claimVerdictSchema } from "../../verification/verification-schema.js";

/** One line of eval/claims/*.jsonl, or one claim of the generated set: a claim and the verdict the report gives it. */
export const labelledClaimSchema = z.object({
  id: z.string().min(1),
  claim: z.string().min(1),
  label: claimVerdictSchema,
  /** verbatim, reworded, number-changed, … (eval/claims/README.md). */
  kind: z.string().min(1),
  note: z.string().optional(),
});
export type LabelledClaim = z.infer<typeof labelledClaimSchema>;

/** Hand-written claims: odd id numbers are dev, even ones blind (eval/claims/README.md). */
export function handWrittenHalf(id: string): "dev" | "blind" {
  const number = Number(/(\d+)$/u.exec(id)?.[1] ?? "0");
  return number % 2 === 1 ? "dev" : "blind";
}
