import { z } from "zod";

/** Body of POST /api/feedback: a reader's verdict on one answer, with the engine receipt to reproduce it. */
export const feedbackRequestSchema = z.object({
  question: z.string().trim().min(1, "question must not be empty").max(1000, "question must be at most 1000 characters"),
  answer: z.string().max(4000, "answer must be at most 4000 characters"),
  rating: z.enum(["up", "down"], { error: "rating must be \"up\" or \"down\"" }),
  comment: z.string().max(1000, "comment must be at most 1000 characters").optional(),
  engine: z.object({ embedder: z.string(), retriever: z.string(), answerer: z.string(), indexHash: z.string() }).optional(),
  citations: z
    .array(z.object({ marker: z.number().int().positive(), chunkId: z.string(), quoteStart: z.number().int().nonnegative(), quoteEnd: z.number().int().nonnegative() }))
    .max(10, "at most 10 citations")
    .optional(),
});
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

/** What is stored: the request plus when it arrived. */
export type FeedbackRecord = FeedbackRequest & { readonly receivedAt: string };

/** A stored line as read back for the export: the request fields plus an ISO receivedAt. */
export const feedbackRecordSchema = feedbackRequestSchema.extend({ receivedAt: z.iso.datetime({ offset: true }) });
