import { QaError } from "../errors.js";
import { verifyRequestSchema, type AnswerCitation } from "../verification/verification-schema.js";
import { verifyText, type VerifierEngine } from "../verification/verify-text.js";
import type { GroundedAnswer, GroundingReport } from "./grounding-report.js";
import { summarizeGrounding } from "./grounding-summary.js";
import type { JsonLinesProblem } from "./json-lines.js";

/** An answer to check against the report, as the answers file gave it. */
export interface AnswerToGround {
  readonly line: number;
  readonly id?: string;
  readonly question: string;
  readonly answer: string;
  /** A declining answer states nothing to check: counted, not verified. */
  readonly abstained: boolean;
  readonly citations?: readonly AnswerCitation[];
  readonly contexts?: readonly string[];
  readonly reference?: string;
}

// The verifier names the answer "text"; the answers file calls it "answer".
const fieldName = (path: readonly PropertyKey[]): string => (path[0] === "text" ? "answer" : path.map(String).join(".")) || "answer";

/**
 * Checks every answer claim by claim (verifyText, with its citations and contexts). An answer
 * the verifier cannot take (empty, only punctuation, too long, too many claims or citations)
 * is reported by its line and left out of the grounding; the rest still count.
 */
export async function gradeGrounding(
  engine: VerifierEngine,
  answers: readonly AnswerToGround[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ grounding: GroundingReport; problems: JsonLinesProblem[] }> {
  const grounded: GroundedAnswer[] = [];
  const problems: JsonLinesProblem[] = [];
  let abstained = 0;
  for (const [index, answer] of answers.entries()) {
    onProgress?.(index, answers.length);
    if (answer.abstained) {
      abstained += 1;
      continue;
    }
    if (!answer.answer.trim()) {
      problems.push({ line: answer.line, message: "not checked for grounding: the answer is empty" });
      continue;
    }
    const request = verifyRequestSchema.safeParse({
      text: answer.answer,
      ...(answer.citations && answer.citations.length > 0 ? { citations: answer.citations } : {}),
      ...(answer.contexts && answer.contexts.length > 0 ? { contexts: answer.contexts } : {}),
    });
    if (!request.success) {
      const issue = request.error.issues[0];
      problems.push({ line: answer.line, message: `not checked for grounding: ${fieldName(issue?.path ?? [])}: ${issue?.message ?? "invalid"}` });
      continue;
    }
    try {
      const result = await verifyText(engine, request.data);
      // Citation figures follow the [n] markers; an answer whose text has none ties no claim to a citation, so it has no such figures (not 0).
      const linked = result.claims.some((claim) => claim.cited !== undefined);
      grounded.push({
        line: answer.line,
        ...(answer.id !== undefined ? { id: answer.id } : {}),
        question: answer.question,
        answer: answer.answer,
        ...(answer.reference !== undefined ? { reference: answer.reference } : {}),
        verdict: result.summary.verdict,
        claims: result.claims,
        citationRecall: linked ? result.summary.citationRecall : null,
        citationPrecision: linked ? result.summary.citationPrecision : null,
        contextSupport: result.summary.contextSupport,
      });
    } catch (error) {
      // The answer itself is the problem (no claim in it, too many): that line is skipped, not the run.
      if (!(error instanceof QaError && error.code === "invalid_parameter")) throw error;
      problems.push({ line: answer.line, message: `not checked for grounding: ${error.message}` });
    }
  }
  onProgress?.(answers.length, answers.length);
  return { grounding: { summary: summarizeGrounding(grounded, abstained), answers: grounded }, problems };
}
