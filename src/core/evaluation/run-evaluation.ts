import { ask } from "../pipeline/ask.js";
import type { QaEngine } from "../pipeline/qa-engine.js";
import type { AskResponse } from "../schemas/ask-response.js";
import type { AnswerCitation } from "../verification/verification-schema.js";
import { isAbstention, type ExternalAnswer } from "./answer-file.js";
import { questionGeneration } from "./generation-summary.js";
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
    const generation = questionGeneration(response);
    const scored = scoreQuestion(
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
      );
    reports.push(generation ? { ...scored, generation } : scored);
    onProgress?.(reports.length, questions.length);
  }
  return reports;
}

/** The quote a citation stands for: its own, else the report at its offsets, else its chunk's text ("" when none of these is known). */
function quoteOf(citation: AnswerCitation, context: ScoringContext): string {
  if (citation.quote !== undefined) return citation.quote;
  if (citation.quoteStart !== undefined && citation.quoteEnd !== undefined) {
    const texts = citation.source ? [context.sources.get(citation.source)] : [...context.sources.values()];
    const text = texts.find((candidate) => candidate !== undefined && candidate.length >= citation.quoteEnd!);
    if (text !== undefined) return text.slice(citation.quoteStart, citation.quoteEnd);
  }
  return context.chunks.find((chunk) => chunk.id === citation.chunkId)?.text ?? "";
}

/** Grades answers produced elsewhere that carry a gold question's id; ids not in `questions` are returned as unmatched, lines without an id are skipped (they are graded for grounding only). */
export function evaluateAnswers(
  answers: readonly ExternalAnswer[],
  questions: readonly GoldQuestion[],
  context: ScoringContext,
): { reports: QuestionReport[]; unmatched: string[] } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const reports: QuestionReport[] = [];
  const unmatched: string[] = [];
  for (const answer of answers) {
    const gold = answer.id === undefined ? undefined : byId.get(answer.id);
    if (!gold) {
      if (answer.id !== undefined) unmatched.push(answer.id);
      continue;
    }
    reports.push(
      scoreQuestion(
        gold,
        {
          answer: answer.answer,
          abstained: isAbstention(answer),
          citations: (answer.citations ?? []).map((citation, index) => ({
            marker: citation.marker ?? index + 1,
            quote: quoteOf(citation, context),
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
