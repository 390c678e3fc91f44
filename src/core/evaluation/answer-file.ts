import { z } from "zod";
import { answerCitationSchema } from "../verification/verification-schema.js";
import { parseNumberedJsonLines, type JsonLinesProblem, type NumberedItem } from "./json-lines.js";

// One line of an answers file (`npm run eval -- --answers FILE.jsonl`, eval/README.md): any
// system's answer to a question, with a gold id or without one. RAGAS exports and this
// project's own answer lines both read as one shape, so nothing past this file knows aliases.

/** Other tools' names for a field (RAGAS's SingleTurnSample), and the name this format reads them as. */
const ALIASES: Readonly<Record<string, string>> = { user_input: "question", response: "answer", retrieved_contexts: "contexts" };

/** The line with every alias renamed; the project's own name wins when a line gives both. */
function withOwnNames(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const line: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [alias, name] of Object.entries(ALIASES)) {
    if (!(alias in line)) continue;
    if (line[name] === undefined) line[name] = line[alias];
    delete line[alias];
  }
  return line;
}

const typed = (name: string, type: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `missing: give the ${name}` : `must be ${type}`),
});

/** A citation as this project writes one, or as RAGAS does: the quoted text alone. */
const citationSchema = z.preprocess((value) => (typeof value === "string" ? { quote: value } : value), answerCitationSchema);

export const externalAnswerSchema = z.preprocess(
  withOwnNames,
  z.object(
    {
      /** The gold question's id: lines with one also get the gold metrics; others are graded for grounding only. */
      id: z.string(typed("id", "a string")).min(1, "must not be empty").optional(),
      question: z.string(typed("question", "a string")).optional(),
      answer: z.string(typed("answer text as answer (or response)", "a string")),
      abstained: z.boolean(typed("abstained flag", "true or false")).optional(),
      citations: z.array(citationSchema, typed("citations", "an array of citations (objects or quoted strings)")).optional(),
      /** The passages the answer was written from (RAGAS retrieved_contexts). */
      contexts: z.array(z.string(typed("context", "a string")), typed("contexts", "an array of strings")).optional(),
      /** A reference answer (RAGAS reference): kept and shown beside the answer, not graded. */
      reference: z.string(typed("reference", "a string")).optional(),
      latencyMs: z.number(typed("latency", "a number")).nonnegative().optional(),
      /** direct | related | not-in-report, or the other system's own kinds: for the calibration table. */
      answerKind: z.string(typed("answer kind", "a string")).min(1).optional(),
    },
    { error: "must be a JSON object" },
  ),
);
export type ExternalAnswer = z.infer<typeof externalAnswerSchema>;

/** Each valid line with its 1-based number; bad lines (not JSON, no answer, wrong types) as problems, the rest still graded. */
export function parseAnswerFile(text: string): { answers: NumberedItem<ExternalAnswer>[]; problems: JsonLinesProblem[] } {
  const { entries, problems } = parseNumberedJsonLines(text, externalAnswerSchema);
  return { answers: entries, problems };
}

// How other systems say "the report does not cover this", when they do not say so in a field.
const ABSTENTION_PHRASES = /没有找到|未涉及|没有涉及|没有提到|未提及|无法回答|不能回答|没有相关|无相关|未包含|不包含|not (?:covered|mentioned)|cannot answer|no information/iu;

/** Whether the answer declines: its own flag, else a refusal phrase in its text. */
export function isAbstention(answer: Pick<ExternalAnswer, "answer" | "abstained">): boolean {
  return answer.abstained ?? ABSTENTION_PHRASES.test(answer.answer);
}
