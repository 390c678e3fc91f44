import { readFile } from "node:fs/promises";
import { parseQuestionFile } from "../core/evaluation/gold-question.js";

/** The gold questions' text, in file order (eval/dev/questions.jsonl). */
export async function readGoldQuestions(file = "eval/dev/questions.jsonl"): Promise<string[]> {
  const { questions } = parseQuestionFile(await readFile(file, "utf8"));
  if (questions.length === 0) throw new Error(`${file} holds no readable questions.`);
  return questions.map((question) => question.question);
}
