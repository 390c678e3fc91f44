import type { AnswerKindCalibration, QuestionReport } from "./evaluation-report.js";
import { proportion } from "./wilson-interval.js";

/** The kinds AskResponse defines, in the order a reader expects; any other kind follows, first seen first. */
const KNOWN_KINDS = ["direct", "related", "not-in-report"];

/**
 * Answer kind × share correct: for each kind the answers claimed, how many questions, how
 * many of them the report answers, and how many of those got every expected fact. Empty when
 * no answer carries a kind (an older engine, or an answers file without the field).
 */
export function calibrateAnswerKinds(questions: readonly QuestionReport[]): AnswerKindCalibration[] {
  const seen = [...new Set(questions.flatMap((question) => (question.answerKind === undefined ? [] : [question.answerKind])))];
  const kinds = [...KNOWN_KINDS.filter((kind) => seen.includes(kind)), ...seen.filter((kind) => !KNOWN_KINDS.includes(kind))];
  return kinds.map((answerKind) => {
    const ofKind = questions.filter((question) => question.answerKind === answerKind);
    const answerable = ofKind.filter((question) => question.answerable);
    const withFacts = answerable.filter((question) => question.expected.length > 0);
    return {
      answerKind,
      questions: ofKind.length,
      answerable: proportion(answerable.length, ofKind.length),
      factsFound: proportion(withFacts.filter((question) => !question.abstained && question.factsFound.every(Boolean)).length, withFacts.length),
    };
  });
}
