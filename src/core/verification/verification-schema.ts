import { z } from "zod";

export const MAX_VERIFY_TEXT_CHARACTERS = 20_000;
/** At most this many claims are checked in one request (each is one retrieval; the whole report, 581 claims, takes about a second): a 20,000-character text of the report's density has some 1,100. */
export const MAX_VERIFY_CLAIMS = 1200;

const offset = z.number().int().min(0);
const share = z.number().min(0).max(1);

/**
 * A citation an answer carries: the quote it cites, where in the report (offsets, chunk id),
 * or both. `marker` is the [n] in the answer text; without one, the citation's 1-based
 * position in the list is its marker.
 */
export const answerCitationSchema = z
  .object({
    marker: z.number().int().min(1).max(999).optional(),
    quote: z.string().max(20_000).optional(),
    quoteStart: offset.optional(),
    quoteEnd: offset.optional(),
    source: z.string().max(500).optional(),
    chunkId: z.string().max(500).optional(),
    section: z.array(z.string().max(500)).max(20).optional(),
  })
  .refine((citation) => citation.quote !== undefined || citation.chunkId !== undefined || (citation.quoteStart !== undefined && citation.quoteEnd !== undefined), {
    message: "a citation needs a quote, a chunkId, or quoteStart and quoteEnd",
  })
  .refine((citation) => citation.quoteStart === undefined || citation.quoteEnd === undefined || citation.quoteStart <= citation.quoteEnd, {
    message: "quoteStart must not be after quoteEnd",
  });
export type AnswerCitation = z.infer<typeof answerCitationSchema>;

/** Body of POST /api/verify, and what `npm run verify` checks a file against. The text is kept as sent: offsets index into it. */
export const verifyRequestSchema = z.object({
  text: z
    .string({ error: (issue) => (issue.input === undefined ? "text is required" : "text must be a string") })
    .min(1, "text must not be empty")
    .max(MAX_VERIFY_TEXT_CHARACTERS, "text must be at most 20,000 characters")
    .refine((text) => text.trim().length > 0, "text must not be empty (it holds only whitespace)"),
  /** The answer's citations: each claim's [n] markers are then checked against what they cite. */
  citations: z.array(answerCitationSchema).max(100, "at most 100 citations").optional(),
  /** The passages the answer was written from (RAGAS retrieved_contexts): each claim is checked against them too. */
  contexts: z.array(z.string().max(20_000)).max(50, "at most 50 contexts").optional(),
});
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

/** A figure a claim states; offsets into the checked text. */
export const statedFigureSchema = z.object({
  /** As written, number through unit: "1800亿元", "百分之六", "180 billion yuan". */
  text: z.string().min(1),
  /** The number, normalised: "1800", "6%". */
  value: z.string().regex(/^\d+(?:\.\d+)?%?$/u),
  /** The unit after it ("元", "%", "年"), "" when none. */
  unit: z.string(),
  start: offset,
  end: offset,
});
export type StatedFigureJson = z.infer<typeof statedFigureSchema>;

/** A span of the report matching a claim: `sourceText.slice(quoteStart, quoteEnd) === quote`. */
export const matchedSpanSchema = z.object({
  quote: z.string().min(1),
  quoteStart: offset,
  quoteEnd: offset,
  chunkId: z.string().min(1),
  source: z.string().min(1),
  section: z.array(z.string()),
  /** Share of the claim's wording (character bigrams, figures and the report's subject aside) the quote contains. */
  containment: share,
});

export const claimVerdictSchema = z.enum(["supported", "partly-supported", "contradicted", "not-found"]);
export type ClaimVerdict = z.infer<typeof claimVerdictSchema>;

const reasonText = { message: z.string().min(1) };
/** Why a claim got its verdict: what the passage states differently, or does not state. */
export const claimReasonSchema = z.discriminatedUnion("kind", [
  /** The passage states the fact with another figure; the report offsets of that figure when the passage is the report (not a context or a quote given without offsets). */
  z.object({ kind: z.enum(["number-differs", "unit-differs", "date-differs"]), claim: z.string(), report: z.string(), reportStart: offset.optional(), reportEnd: offset.optional(), ...reasonText }),
  /** Another place (or the report's own subject) where the claim names this one. */
  z.object({ kind: z.literal("place-differs"), claim: z.string(), report: z.string(), ...reasonText }),
  /** The passage's list has another member where the claim has this one. */
  z.object({ kind: z.literal("member-differs"), claim: z.string(), report: z.string(), ...reasonText }),
  /** A figure, list member or place of the claim the passage does not state (nothing contradicts it). */
  z.object({ kind: z.enum(["number-not-in-span", "member-missing", "place-missing"]), claim: z.string(), ...reasonText }),
  /** Content words of the claim the passage lacks. */
  z.object({ kind: z.literal("words-missing"), words: z.array(z.string()), ...reasonText }),
]);
export type ClaimReason = z.infer<typeof claimReasonSchema>;

/** How the claim stands against what the answer cites for it ([n] markers) or the contexts it was given. */
export const citedCheckSchema = z.object({
  /** The [n] markers of the claim (empty for a check against contexts). */
  markers: z.array(z.number().int().min(1)),
  verdict: claimVerdictSchema,
  support: share,
  reasons: z.array(claimReasonSchema),
  /** The span of the cited passage the verdict rests on, when that passage is the report at its offsets. */
  span: matchedSpanSchema.optional(),
});
export type CitedCheck = z.infer<typeof citedCheckSchema>;

export const verifiedClaimSchema = z.object({
  /** `text.slice(start, end)` of the checked text. */
  text: z.string().min(1),
  start: offset,
  end: offset,
  /** Claims of one sentence share its index. */
  sentence: z.number().int().min(0),
  /**
   * supported: the report states it, figures included; partly-supported: part of it; contradicted:
   * the report states the same thing with another number, date, unit, place or list member;
   * not-found: the report does not say it. A claim with a figure the report states differently is never supported.
   */
  verdict: claimVerdictSchema,
  /** Share of the claim's wording its best span holds (0 when there is none). */
  support: share,
  reasons: z.array(claimReasonSchema),
  /** Best-matching report spans, the one the verdict rests on first, at most three. */
  spans: z.array(matchedSpanSchema).max(3),
  figures: z.array(statedFigureSchema),
  /** Against the citations the claim carries (present when the request gave citations and the claim has a marker). */
  cited: citedCheckSchema.optional(),
  /** Against the contexts the answer was given (present when the request gave contexts). */
  contexts: citedCheckSchema.optional(),
});
export type VerifiedClaim = z.infer<typeof verifiedClaimSchema>;

/** A citation judged: whether its quote is the report's text at its offsets, and whether it supports a claim citing it. */
export const judgedCitationSchema = z.object({
  marker: z.number().int().min(1),
  /** The quote is exactly the report's text at its offsets (null when the citation gives no offsets or no quote). */
  exact: z.boolean().nullable(),
  /** Claims citing it. */
  claims: z.array(z.number().int().min(0)),
  /** It alone at least partly supports one of those claims. */
  relevant: z.boolean(),
});
export type JudgedCitation = z.infer<typeof judgedCitationSchema>;

const count = z.number().int().min(0);
export const verificationSummarySchema = z.object({
  /** The whole text: contradicted if any claim is, supported if every claim is, not-found if none is found, else partly-supported. */
  verdict: claimVerdictSchema,
  claims: count,
  supported: count,
  partlySupported: count,
  contradicted: count,
  notFound: count,
  /** Claims with a [n] marker whose cited spans support them ÷ claims (null without citations). */
  citationRecall: share.nullable(),
  /** Citations that at least partly support a claim citing them ÷ citations cited (null without citations). */
  citationPrecision: share.nullable(),
  /** Claims the contexts support ÷ claims (null without contexts): RAGAS's faithfulness, decided deterministically. */
  contextSupport: share.nullable(),
});
export type VerificationSummary = z.infer<typeof verificationSummarySchema>;

/** Response of POST /api/verify and `npm run verify -- --json`. */
export const verificationResultSchema = z.object({
  claims: z.array(verifiedClaimSchema),
  citations: z.array(judgedCitationSchema),
  summary: verificationSummarySchema,
});
export type VerificationResult = z.infer<typeof verificationResultSchema>;
