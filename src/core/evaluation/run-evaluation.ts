import { ask } from "../pipeline/ask.js";
import type { QaEngine } from "../pipeline/qa-engine.js";
import type { GoldQuestion } from "./gold-question.js";
import { scoreResponse, type QuestionResult } from "./question-result.js";

/** Passages retrieved per question: enough for MRR beyond the top 5. */
const EVALUATION_TOP_K = 10;

/** Runs every question through the pipeline and scores it against its gold facts and evidence. */
export async function runEvaluation(
  engine: QaEngine,
  questions: readonly GoldQuestion[],
  sources: ReadonlyMap<string, string>,
  onProgress?: (done: number, total: number) => void,
): Promise<QuestionResult[]> {
  const results: QuestionResult[] = [];
  for (const question of questions) {
    const response = await ask(engine, {
      question: question.question,
      topK: EVALUATION_TOP_K,
      ...(question.history ? { history: question.history } : {}),
    });
    results.push(scoreResponse(question, response, engine.chunks, sources));
    onProgress?.(results.length, questions.length);
  }
  return results;
}
