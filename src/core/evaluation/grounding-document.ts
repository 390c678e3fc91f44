import type { VerificationResult } from "../verification/verification-schema.js";
import type { GroundedAnswer, GroundingDocumentReport } from "./grounding-report.js";
import { summarizeGrounding } from "./grounding-summary.js";

/**
 * A verified document as a grounding report of one "answer" (line 1, no question), so that
 * `npm run verify -- --out` renders with the eval report's grounding renderers.
 */
export function groundingDocument(file: string, text: string, result: VerificationResult, createdAt = new Date().toISOString()): GroundingDocumentReport {
  const answer: GroundedAnswer = {
    line: 1,
    question: "",
    answer: text,
    verdict: result.summary.verdict,
    claims: result.claims,
    citationRecall: result.summary.citationRecall,
    citationPrecision: result.summary.citationPrecision,
    contextSupport: result.summary.contextSupport,
  };
  return { version: 1, createdAt, file, grounding: { summary: summarizeGrounding([answer], 0), answers: [answer] } };
}
