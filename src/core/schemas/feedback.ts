import { z } from "zod";

/**
 * Longest accepted values. What the widget sends (src/widget/feedback-controls.ts) is far
 * below them — an embedder id like "transformers:Xenova/bge-small-zh-v1.5", a 64-hex index
 * hash, chunk ids like "jiangjin-15th-congress-report:c32a26c5:12" — while they bound one
 * stored record to a few tens of KB (before: any string up to the body limit, ≈ 64 KB).
 */
export const FEEDBACK_LIMITS = {
  question: 1000,
  answer: 4000,
  comment: 1000,
  engineField: 200,
  chunkId: 200,
  citations: 10,
} as const;

// Messages start with the field's name, or (nested fields) leave it to the path the 400 prefixes:
// "engine.embedder: must be at most 200 characters", "citations.2.chunkId: …".
const text = (max: number, field?: string): z.ZodString => {
  const subject = field === undefined ? "must" : `${field} must`;
  return z.string({ error: `${subject} be a string` }).max(max, `${subject} be at most ${max} characters`);
};

const engineSchema = z.object({
  embedder: text(FEEDBACK_LIMITS.engineField),
  retriever: text(FEEDBACK_LIMITS.engineField),
  answerer: text(FEEDBACK_LIMITS.engineField),
  indexHash: text(FEEDBACK_LIMITS.engineField),
});

const citationSchema = z.object({
  marker: z.number().int().positive(),
  chunkId: text(FEEDBACK_LIMITS.chunkId),
  quoteStart: z.number().int().nonnegative(),
  quoteEnd: z.number().int().nonnegative(),
});

/** Body of POST /api/feedback: a reader's verdict on one answer, with the engine receipt to reproduce it. */
export const feedbackRequestSchema = z.object({
  // Trimmed before it is measured, as questions to /api/ask are.
  question: z
    .string({ error: "question must be a string" })
    .trim()
    .min(1, "question must not be empty")
    .max(FEEDBACK_LIMITS.question, `question must be at most ${FEEDBACK_LIMITS.question} characters`),
  answer: text(FEEDBACK_LIMITS.answer, "answer"),
  rating: z.enum(["up", "down"], { error: "rating must be \"up\" or \"down\"" }),
  comment: text(FEEDBACK_LIMITS.comment, "comment").optional(),
  engine: engineSchema.optional(),
  citations: z.array(citationSchema).max(FEEDBACK_LIMITS.citations, `at most ${FEEDBACK_LIMITS.citations} citations`).optional(),
});
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

/** What is stored: the request plus when it arrived. */
export type FeedbackRecord = FeedbackRequest & { readonly receivedAt: string };

/**
 * A stored line as read back for the export: the request fields plus an ISO receivedAt. The
 * engine receipt and chunk ids are read without the limits above, so records stored before
 * those limits existed are still exported rather than counted as skipped.
 */
export const feedbackRecordSchema = feedbackRequestSchema.extend({
  engine: z.object({ embedder: z.string(), retriever: z.string(), answerer: z.string(), indexHash: z.string() }).optional(),
  citations: z
    .array(z.object({ marker: z.number().int().positive(), chunkId: z.string(), quoteStart: z.number().int().nonnegative(), quoteEnd: z.number().int().nonnegative() }))
    .max(FEEDBACK_LIMITS.citations)
    .optional(),
  receivedAt: z.iso.datetime({ offset: true }),
});
