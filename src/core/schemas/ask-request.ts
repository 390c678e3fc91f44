import { z } from "zod";

export const MAX_QUESTION_CHARACTERS = 1000;
export const MAX_TOP_K = 20;

export const conversationTurnSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().max(4000),
});
export type ConversationTurn = z.infer<typeof conversationTurnSchema>;

export const questionSchema = z
  .string({ error: (issue) => (issue.input === undefined ? "question is required" : "question must be a string") })
  .trim()
  .min(1, "question must not be empty")
  .max(MAX_QUESTION_CHARACTERS, `question must be at most ${MAX_QUESTION_CHARACTERS} characters`);

export const topKSchema = z
  .number({ error: "topK must be a number from 1 to 20" })
  .int("topK must be a whole number")
  .min(1, `topK must be between 1 and ${MAX_TOP_K}`)
  .max(MAX_TOP_K, `topK must be between 1 and ${MAX_TOP_K}`);

export const MAX_DOCUMENTS_FILTER = 50;

/** Documents to answer from, by id ("jiangjin-15th-congress-report") or source ("corpus/….txt"); an unknown one is a 400 naming the known ones. */
export const documentsFilterSchema = z
  .array(z.string({ error: "documents must be a list of document ids or sources" }).trim().min(1, "a document id must not be empty").max(200, "a document id is at most 200 characters"), {
    error: "documents must be a list of document ids or sources",
  })
  .min(1, "documents must name at least one document")
  .max(MAX_DOCUMENTS_FILTER, `documents may name at most ${MAX_DOCUMENTS_FILTER} documents`);

/** Body of POST /api/ask and one line of `npm run ask -- --batch`. */
export const askRequestSchema = z.object({
  question: questionSchema,
  history: z.array(conversationTurnSchema).max(20, "history may hold at most 20 turns").optional(),
  topK: topKSchema.optional(),
  documents: documentsFilterSchema
    .optional()
    .describe("Answer from these documents only: ids or sources as GET /api/meta lists them. Absent, the whole corpus. An unknown one is 400 invalid_parameter naming the known ones."),
});
export type AskRequest = z.infer<typeof askRequestSchema>;

/** One line of a batch file: an ask request with an optional id that is echoed back. */
export const batchLineSchema = askRequestSchema.extend({ id: z.union([z.string(), z.number()]).optional() });
export type BatchLine = z.infer<typeof batchLineSchema>;
