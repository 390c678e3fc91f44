import { z } from "zod";

export const MAX_VERIFY_TEXT_CHARACTERS = 20_000;
/** At most this many sentences are checked in one request (each is one retrieval). */
export const MAX_VERIFY_SENTENCES = 200;

/** Body of POST /api/verify, and what `npm run verify` checks a file against. The text is kept as sent: offsets index into it. */
export const verifyRequestSchema = z.object({
  text: z
    .string({ error: (issue) => (issue.input === undefined ? "text is required" : "text must be a string") })
    .min(1, "text must not be empty")
    .max(MAX_VERIFY_TEXT_CHARACTERS, "text must be at most 20,000 characters")
    .refine((text) => text.trim().length > 0, "text must not be empty (it holds only whitespace)"),
});
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

const offset = z.number().int().min(0);
const share = z.number().min(0).max(1);

/** A number a sentence states; offsets into the checked text. */
export const statedNumberSchema = z.object({
  /** As written: "百分之六", "2000", "８．２％". */
  text: z.string().min(1),
  /** Normalised: ASCII digits, "%" kept: "6%", "2000", "8.2%". */
  value: z.string().regex(/^\d+(?:\.\d+)?%?$/u),
  start: offset,
  end: offset,
});
export type StatedNumberJson = z.infer<typeof statedNumberSchema>;

/** A span of the report matching a sentence: `sourceText.slice(quoteStart, quoteEnd) === quote`. */
export const matchedSpanSchema = z.object({
  quote: z.string().min(1),
  quoteStart: offset,
  quoteEnd: offset,
  chunkId: z.string().min(1),
  source: z.string().min(1),
  section: z.array(z.string()),
  /** Share of the sentence's character bigrams the quote contains. */
  containment: share,
});

export const sentenceStatusSchema = z.enum(["supported", "partly-supported", "not-found"]);
export type SentenceStatus = z.infer<typeof sentenceStatusSchema>;

export const verifiedSentenceSchema = z.object({
  /** `text.slice(start, end)` of the checked text. */
  text: z.string().min(1),
  start: offset,
  end: offset,
  /** supported: support ≥ 0.8; partly-supported: ≥ 0.5; not-found: below. */
  status: sentenceStatusSchema,
  /** Containment of the sentence in its best span (spans[0]), 0 when there is none. */
  support: share,
  /** Best-matching report spans, best first, at most three. */
  spans: z.array(matchedSpanSchema).max(3),
  /** Every number the sentence states. */
  numbers: z.array(statedNumberSchema),
  /** Numbers that occur nowhere in the report. */
  unsupportedNumbers: z.array(statedNumberSchema),
  /**
   * Numbers the report has, but not in the best span: the sentence may attach a figure to
   * the wrong fact. Checked only when the sentence is at least partly supported.
   */
  numbersNotInBestSpan: z.array(statedNumberSchema),
});
export type VerifiedSentence = z.infer<typeof verifiedSentenceSchema>;

export const verificationSummarySchema = z.object({
  sentences: z.number().int().min(0),
  supported: z.number().int().min(0),
  partlySupported: z.number().int().min(0),
  notFound: z.number().int().min(0),
  /** Numbers (occurrences) in the text that occur nowhere in the report. */
  unsupportedNumbers: z.number().int().min(0),
  /** Numbers (occurrences) that the report has but the sentence's best span does not. */
  numbersNotInBestSpan: z.number().int().min(0),
});
export type VerificationSummary = z.infer<typeof verificationSummarySchema>;

/** Response of POST /api/verify and `npm run verify -- --json`. */
export const verificationResultSchema = z.object({
  sentences: z.array(verifiedSentenceSchema),
  summary: verificationSummarySchema,
});
export type VerificationResult = z.infer<typeof verificationResultSchema>;
