import { z } from "zod";
import { ask } from "../pipeline/ask.js";
import type { QaEngine } from "../pipeline/qa-engine.js";
import type { AskResponse } from "../schemas/ask-response.js";
import type { QuestionReport } from "./evaluation-report.js";
import type { GoldQuestion } from "./gold-question.js";
import { scoreQuestion, type ScoringContext } from "./score-question.js";

/** Passages retrieved per question: enough for MRR and nDCG@10 beyond the top 5. */
const EVALUATION_TOP_K = 10;

/**
 * The response's answer kind, read as optional: the field is newer than this grader, and a
 * response without it (or from a build before it) simply has no kind to calibrate.
 */
function answerKindOf(response: AskResponse): string | undefined {
  return "answerKind" in response && typeof response.answerKind === "string" ? response.answerKind : undefined;
}

/** Runs every question through the pipeline and grades the answer. */
export async function evaluatePipeline(
  engine: QaEngine,
  questions: readonly GoldQuestion[],
  context: ScoringContext,
  onProgress?: (done: number, total: number) => void,
): Promise<QuestionReport[]> {
  const reports: QuestionReport[] = [];
  for (const question of questions) {
    const response = await ask(engine, { question: question.question, topK: EVALUATION_TOP_K, ...(question.history ? { history: question.history } : {}) });
    reports.push(
      scoreQuestion(
        question,
        {
          answer: response.answer,
          abstained: response.abstained,
          citations: response.citations,
          passages: response.passages,
          latencyMs: response.timings.totalMs,
          answerKind: answerKindOf(response),
          ...(response.lead ? { lead: response.lead } : {}),
        },
        context,
      ),
    );
    onProgress?.(reports.length, questions.length);
  }
  return reports;
}

/** One line of an answers file: another system's answer to a gold question (documented in eval/README.md). */
export const externalAnswerSchema = z.object({
  id: z.string().min(1),
  question: z.string().optional(),
  answer: z.string(),
  abstained: z.boolean().optional(),
  citations: z
    .array(
      z.object({
        quote: z.string(),
        quoteStart: z.number().int().nonnegative().optional(),
        quoteEnd: z.number().int().nonnegative().optional(),
        source: z.string().optional(),
        section: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  latencyMs: z.number().nonnegative().optional(),
  /** direct | related | not-in-report, or the other system's own kinds: for the calibration table. */
  answerKind: z.string().min(1).optional(),
});
export type ExternalAnswer = z.infer<typeof externalAnswerSchema>;

// How other systems say "the report does not cover this", when they do not say so in a field.
const ABSTENTION_PHRASES = /没有找到|未涉及|没有涉及|没有提到|未提及|无法回答|不能回答|没有相关|无相关|未包含|不包含|not (?:covered|mentioned)|cannot answer|no information/iu;

/** Grades answers produced elsewhere, matched to gold questions by id; unmatched ids are reported. */
export function evaluateAnswers(
  answers: readonly ExternalAnswer[],
  questions: readonly GoldQuestion[],
  context: ScoringContext,
): { reports: QuestionReport[]; unmatched: string[] } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const reports: QuestionReport[] = [];
  const unmatched: string[] = [];
  for (const answer of answers) {
    const gold = byId.get(answer.id);
    if (!gold) {
      unmatched.push(answer.id);
      continue;
    }
    reports.push(
      scoreQuestion(
        gold,
        {
          answer: answer.answer,
          abstained: answer.abstained ?? ABSTENTION_PHRASES.test(answer.answer),
          citations: (answer.citations ?? []).map((citation, index) => ({
            marker: index + 1,
            quote: citation.quote,
            section: citation.section ?? [],
            ...(citation.source ? { source: citation.source } : {}),
            quoteStart: citation.quoteStart ?? null,
            quoteEnd: citation.quoteEnd ?? null,
          })),
          passages: [],
          latencyMs: answer.latencyMs ?? null,
          answerKind: answer.answerKind,
        },
        context,
      ),
    );
  }
  return { reports, unmatched };
}
