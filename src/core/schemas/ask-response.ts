import { z } from "zod";

const offset = z.number().int().nonnegative();

export const citationSchema = z.object({
  marker: z.number().int().positive(),
  chunkId: z.string(),
  source: z.string(),
  title: z.string(),
  section: z.array(z.string()),
  /** Exact supporting span: sourceText.slice(quoteStart, quoteEnd) === quote. */
  quote: z.string(),
  quoteStart: offset,
  quoteEnd: offset,
  chunkStart: offset,
  chunkEnd: offset,
  score: z.number(),
});
export type Citation = z.infer<typeof citationSchema>;

export const passageSchema = z.object({
  chunkId: z.string(),
  source: z.string(),
  section: z.array(z.string()),
  text: z.string(),
  start: offset,
  end: offset,
  score: z.number(),
});
export type Passage = z.infer<typeof passageSchema>;

export const suggestionSchema = z.object({ section: z.array(z.string()), chunkId: z.string() });
export type Suggestion = z.infer<typeof suggestionSchema>;

export const abstentionReasonSchema = z.enum(["not-covered", "other-year", "other-place", "other-level", "figure-not-given", "person-not-named", "unreadable-language"]);
export type AbstentionReason = z.infer<typeof abstentionReasonSchema>;

/**
 * How the answer relates to the question: `direct` — the quotes answer it; `related` — the
 * question's words do not all match, and the quotes are the report's most relevant content,
 * said as such; `not-in-report` — refused, on positive evidence (abstentionReason says which).
 */
export const answerKindSchema = z.enum(["direct", "related", "not-in-report"]);
export type AnswerKind = z.infer<typeof answerKindSchema>;

/**
 * The contract of POST /api/ask, `npm run ask -- --json`, the widget and the eval suite.
 * Offsets are JavaScript string indices into the unmodified corpus file.
 */
export const askResponseSchema = z.object({
  question: z.string(),
  /** Concise Chinese answer; markers [1], [2] … close the clause they support. */
  answer: z.string(),
  abstained: z.boolean(),
  /** direct | related | not-in-report; `abstained` is true exactly when it is not-in-report. */
  answerKind: answerKindSchema,
  /** The words before the quotes, when there are any ("报告没有直接提到…，最相关的内容是：", "The report says: "): the answer starts with them; they frame the quotes and claim nothing. */
  lead: z.string().optional(),
  /** The language the answer's own words are in (the quotes are the report's Chinese). */
  language: z.enum(["zh", "en"]).optional(),
  /** Why the answerer abstained (present only when it did). */
  abstentionReason: abstentionReasonSchema.optional(),
  /** Share (0–1) of the question's weighted content words that the cited quotes contain: the grounding confidence. */
  support: z.number().min(0).max(1).optional(),
  citations: z.array(citationSchema),
  passages: z.array(passageSchema),
  suggestions: z.array(suggestionSchema).optional(),
  engine: z.object({ embedder: z.string(), retriever: z.string(), answerer: z.string(), indexHash: z.string() }),
  timings: z.object({ retrieveMs: z.number(), answerMs: z.number(), totalMs: z.number() }),
  /** True when the server answered from its answer cache (the timings are those of the first computation). */
  cached: z.boolean().optional(),
});
export type AskResponse = z.infer<typeof askResponseSchema>;
