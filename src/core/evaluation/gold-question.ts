import { z } from "zod";
import { conversationTurnSchema } from "../schemas/ask-request.js";
import { parseJsonLines } from "./json-lines.js";

/** One expected fact: a string, or any-of alternatives. */
export const expectedFactSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export type ExpectedFact = z.infer<typeof expectedFactSchema>;

/** A line of eval/dev/questions.jsonl (schema documented in eval/README.md). */
export const goldQuestionSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  question: z.string().min(1),
  answerable: z.boolean(),
  expected: z.array(expectedFactSchema).default([]),
  evidence: z.array(z.string().min(1)).default([]),
  history: z.array(conversationTurnSchema).optional(),
});
export type GoldQuestion = z.infer<typeof goldQuestionSchema>;

export interface ParsedQuestionFile {
  readonly questions: GoldQuestion[];
  /** Lines that could not be read, with their line numbers; the rest still run. */
  readonly problems: { readonly line: number; readonly message: string }[];
}

export function parseQuestionFile(text: string): ParsedQuestionFile {
  const { items, problems } = parseJsonLines(text, goldQuestionSchema);
  return { questions: items, problems };
}
