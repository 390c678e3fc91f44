import { isAbstention, parseAnswerFile, type ExternalAnswer } from "../core/evaluation/answer-file.js";
import type { EvaluationReport, QuestionReport } from "../core/evaluation/evaluation-report.js";
import type { GoldQuestion } from "../core/evaluation/gold-question.js";
import { gradeGrounding } from "../core/evaluation/grade-grounding.js";
import type { GroundingReport } from "../core/evaluation/grounding-report.js";
import type { NumberedItem } from "../core/evaluation/json-lines.js";
import { OUTSIDE_GOLD } from "../core/evaluation/report-format.js";
import { evaluateAnswers } from "../core/evaluation/run-evaluation.js";
import type { ScoringContext } from "../core/evaluation/score-question.js";
import { QaError } from "../core/errors.js";
import type { VerifierEngine } from "../core/verification/verify-text.js";
import { createProgressBar } from "./progress-bar.js";

// `npm run eval -- --answers FILE.jsonl`: any system's answers, with gold ids or without.
// Lines with a gold id get the gold metrics of their split; every line is checked claim by
// claim against the report (grounding). A file answering no gold question gives one
// grounding-only report.

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A gold question file being graded: a split of the gold set, or the one --questions file. */
export interface GoldRun {
  readonly split?: string;
  readonly questionFile: string;
  readonly questions: readonly GoldQuestion[];
}

export interface GradedAnswerFile<R extends GoldRun> {
  /** Runs holding at least one answered id: their graded questions, and the grounding of their answers. */
  readonly byRun: ReadonlyMap<R, { readonly questions: QuestionReport[]; readonly grounding: GroundingReport }>;
  /**
   * Answers graded for grounding only: every line when none has a gold id; by split, the lines
   * whose id is in no split (with --questions those join the one run's grounding instead).
   */
  readonly outside?: GroundingReport;
  readonly problems: readonly Problem[];
  /** What the reader should know that is no problem (answers graded for grounding only). */
  readonly notes: readonly string[];
}

type Line = NumberedItem<ExternalAnswer>;

async function ground(engine: VerifierEngine, lines: readonly Line[], questions: ReadonlyMap<string, GoldQuestion>, file: string, label: string, problems: Problem[]): Promise<GroundingReport> {
  const { grounding, problems: unchecked } = await gradeGrounding(
    engine,
    lines.map(({ line, item }) => ({
      line,
      ...(item.id !== undefined ? { id: item.id } : {}),
      question: item.question ?? (item.id !== undefined ? questions.get(item.id)?.question : undefined) ?? "",
      answer: item.answer,
      abstained: isAbstention(item),
      ...(item.citations ? { citations: item.citations } : {}),
      ...(item.contexts ? { contexts: item.contexts } : {}),
      ...(item.reference !== undefined ? { reference: item.reference } : {}),
    })),
    createProgressBar(label),
  );
  problems.push(...unchecked.map((problem) => ({ file, ...problem })));
  return grounding;
}

/** Grades an answers file against the gold runs: gold metrics where ids match, grounding for every line. */
export async function gradeAnswerFile<R extends GoldRun>(
  text: string,
  file: string,
  runs: readonly R[],
  engine: VerifierEngine,
  context: ScoringContext,
  bySplit: boolean,
): Promise<GradedAnswerFile<R>> {
  const { answers, problems: bad } = parseAnswerFile(text);
  const problems: Problem[] = bad.map((problem) => ({ file, ...problem }));
  if (answers.length === 0) throw new QaError("invalid_parameter", `${file} holds no valid answer lines${bad.length > 0 ? ` (${bad.length} bad: ${file}:${bad[0]!.line}: ${bad[0]!.message})` : ""}.`);
  if (bySplit && runs.some((run) => run.split === OUTSIDE_GOLD)) {
    throw new QaError("invalid_parameter", `A split may not be named ${OUTSIDE_GOLD}: that name holds the answers outside the gold set.`);
  }
  const questions = new Map<string, GoldQuestion>();
  const runById = new Map<string, R>();
  // One answers file may cover several splits: an answer belongs to the first split holding its id.
  for (const run of runs) {
    for (const question of run.questions) {
      if (runById.has(question.id)) continue;
      runById.set(question.id, run);
      questions.set(question.id, question);
    }
  }
  const runOf = (line: Line): R | undefined => (line.item.id === undefined ? undefined : runById.get(line.item.id));
  const inGold = answers.filter((line) => runOf(line) !== undefined);
  const outsideLines = answers.filter((line) => runOf(line) === undefined);
  const notes: string[] = [];
  if (outsideLines.length > 0 && inGold.length > 0) {
    const where = runs.map((run) => run.questionFile).join(" or ");
    notes.push(`${file}: ${outsideLines.length} of ${answers.length} answers have no id in ${where}; they are graded for grounding only.`);
  }
  const byLine = (): Problem[] => problems.sort((left, right) => left.line - right.line);
  if (inGold.length === 0) {
    const outside = await ground(engine, answers, questions, file, "Checking grounding", problems);
    return { byRun: new Map(), outside, problems: byLine(), notes };
  }

  const byRun = new Map<R, { questions: QuestionReport[]; grounding: GroundingReport }>();
  for (const run of runs) {
    const lines = bySplit ? inGold.filter((line) => runOf(line) === run) : answers;
    const { reports } = evaluateAnswers(lines.map((line) => line.item), run.questions, context);
    if (reports.length === 0 && bySplit) throw new QaError("invalid_parameter", `${file} answers no question of split ${run.split}; choose splits with --split.`);
    byRun.set(run, { questions: reports, grounding: await ground(engine, lines, questions, file, ["Checking grounding", run.split].filter(Boolean).join(" "), problems) });
  }
  const outside = bySplit && outsideLines.length > 0 ? await ground(engine, outsideLines, questions, file, `Checking grounding (${OUTSIDE_GOLD})`, problems) : undefined;
  return { byRun, ...(outside ? { outside } : {}), problems: byLine(), notes };
}

/** The report of answers graded for grounding only: no gold questions, so no gold metrics, baseline or gate. */
export function groundingOnlyReport(answerFile: string, grounding: GroundingReport, problems: readonly Problem[], split?: string): EvaluationReport {
  return {
    version: 1,
    createdAt: new Date().toISOString(),
    mode: "grounding",
    ...(split ? { split } : {}),
    answerFile,
    summaries: [],
    questions: [],
    latencyHistogram: [],
    grounding,
    problems,
  };
}
