import { readFile } from "node:fs/promises";
import { readCorpus } from "../adapters/node/corpus-reader.js";
import { readConfiguration } from "../adapters/node/configuration.js";
import { QaError } from "../core/errors.js";
import type { MetricValue } from "../core/evaluation/evaluation-report.js";
import { parseJsonLines } from "../core/evaluation/json-lines.js";
import { generateClaims, type GeneratorHalf } from "../core/evaluation/verifier/claim-generator.js";
import { handWrittenHalf, labelledClaimSchema, type LabelledClaim } from "../core/evaluation/verifier/labelled-claim.js";
import { accuracyByKind, checkTargets, confusion, VERDICTS, verdictScores, type JudgedClaim } from "../core/evaluation/verifier/verifier-scores.js";
import { verifyText } from "../core/verification/verify-text.js";
import { DEFAULT_VERIFIER_SETTINGS, VERIFIER_SETTING_BOUNDS, type VerifierSettings } from "../core/verification/verifier-settings.js";
import { parseArguments } from "./arguments.js";
import { padTable } from "./eval-table.js";
import { openEngine } from "./open-engine.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run eval:verifier -- [--half dev|blind] [--set name=value …] [--failures] [--json] [--gate]
  Measures the grounding checker on labelled claims: eval/claims/hand-written.jsonl (odd ids dev, even blind),
  eval/claims/hand-written-dev-2.jsonl (dev)
  and a set the seeded generator derives from the report (dev: even sentences, seed ${1}; blind: odd sentences, seed ${2}).
  Prints precision and recall per verdict, accuracy per kind of claim and the targets of issue 11.
  --set supportedAt=0.7 (also partlyAt, contradictedAt, passages) changes a verifier threshold for the run.
  --gate exits 1 when a figure is below its floor in eval/claims/thresholds.json.`;

const HAND_WRITTEN = "eval/claims/hand-written.jsonl";
/** Dev only: written after the verifier, to find its failures on figures in natural prose. */
const HAND_WRITTEN_DEV = "eval/claims/hand-written-dev-2.jsonl";
const THRESHOLDS = "eval/claims/thresholds.json";
const SEEDS: Readonly<Record<GeneratorHalf, number>> = { dev: 1, blind: 2 };
const usage = (message: string): QaError => new QaError("invalid_parameter", `${message}\n${USAGE}`);

function parseSettings(options: readonly string[]): VerifierSettings {
  const settings: Record<string, number> = { ...DEFAULT_VERIFIER_SETTINGS };
  for (const option of options) {
    const match = /^(\w+)=([\d.]+)$/u.exec(option);
    const name = match?.[1] as keyof VerifierSettings | undefined;
    if (!match || !name || !(name in VERIFIER_SETTING_BOUNDS)) throw usage(`--set takes name=number with name one of ${Object.keys(VERIFIER_SETTING_BOUNDS).join(", ")}; not "${option}".`);
    const value = Number(match[2]);
    const [low, high] = VERIFIER_SETTING_BOUNDS[name];
    if (!Number.isFinite(value) || value < low || value > high) throw usage(`--set ${name} must be from ${low} to ${high}, not ${match[2]}.`);
    settings[name] = value;
  }
  return settings as unknown as VerifierSettings;
}

const cell = (metric: MetricValue): string => (metric.value === null ? "—" : `${metric.value.toFixed(3)} [${(metric.low ?? 0).toFixed(2)}–${(metric.high ?? 0).toFixed(2)}] (${metric.count})`);

function formatHalf(half: string, judged: readonly JudgedClaim[], failures: boolean): string {
  const lines = [`== ${half} · ${judged.length} claims (${judged.filter((claim) => claim.set === "hand-written").length} hand-written) ==`];
  for (const set of ["hand-written", "generated", "all"]) {
    const claims = set === "all" ? judged : judged.filter((claim) => claim.set === set);
    lines.push(`\n${set}: precision and recall per verdict`);
    lines.push(padTable(["verdict", "precision", "recall"], verdictScores(claims).map((score) => [score.verdict, cell(score.precision), cell(score.recall)])));
  }
  const table = confusion(judged);
  lines.push("\nlabel ↓ · verdict →", padTable(["label", ...VERDICTS], VERDICTS.map((label) => [label, ...VERDICTS.map((verdict) => String(table[label][verdict]))])));
  lines.push("\naccuracy by kind", padTable(["kind", "accuracy"], accuracyByKind(judged).map(({ kind, accuracy }) => [kind, cell(accuracy)])));
  lines.push("\ntargets (issue 11)", padTable(["target", "at least", "measured", "met"], checkTargets(judged).map((target) => [target.name, target.atLeast.toFixed(2), cell(target.measured), target.met ? "yes" : "no"])));
  if (failures) {
    lines.push("\nfailures");
    for (const claim of judged.filter((item) => item.verdict !== item.label)) lines.push(`  ${claim.id} [${claim.kind}] ${claim.label} → ${claim.verdict}: ${claim.claim}${claim.note ? `  (${claim.note})` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

interface Floors {
  readonly minimum: Record<string, Record<string, number>>;
}

function gateFailures(half: string, judged: readonly JudgedClaim[], floors: Floors): string[] {
  const wanted = floors.minimum[half] ?? {};
  const measured: Record<string, number | null> = Object.fromEntries(checkTargets(judged).map((target) => [target.name, target.measured.value]));
  for (const score of verdictScores(judged)) {
    measured[`${score.verdict} precision`] = score.precision.value;
    measured[`${score.verdict} recall`] = score.recall.value;
  }
  return Object.entries(wanted).flatMap(([name, floor]) => {
    const value = measured[name];
    return value === undefined || value === null || value < floor ? [`${half} ${name}: ${value ?? "none"} < ${floor}`] : [];
  });
}

runCommand(async () => {
  const { values } = parseArguments(
    process.argv.slice(2),
    { half: { type: "string" }, set: { type: "string", multiple: true }, failures: { type: "boolean", default: false }, json: { type: "boolean", default: false }, gate: { type: "boolean", default: false } },
    USAGE,
  );
  if (values.half !== undefined && values.half !== "dev" && values.half !== "blind") throw usage(`--half must be dev or blind, not "${values.half}".`);
  const halves: GeneratorHalf[] = values.half ? [values.half] : ["dev", "blind"];
  const settings = parseSettings(values.set ?? []);
  const readClaims = async (file: string): Promise<LabelledClaim[]> => {
    const { items, problems } = parseJsonLines(await readFile(file, "utf8"), labelledClaimSchema);
    for (const problem of problems) process.stderr.write(`${file}:${problem.line}: ${problem.message} (skipped)\n`);
    return items;
  };
  const handWritten = await readClaims(HAND_WRITTEN);
  const handWrittenDev = await readClaims(HAND_WRITTEN_DEV);

  const { engine } = await openEngine();
  const [document] = await readCorpus(readConfiguration(process.env).corpusDirectory);
  const report = engine.lexicon.reports.find((item) => item.source === document?.source) ?? engine.lexicon.reports[0];
  if (!document || !report?.subject) throw new QaError("invalid_parameter", "The generator needs the corpus report and its lexicon sidecar's subject.");
  const subject = report.subject;
  const otherPlaces = engine.lexicon.places.filter((place) => place.level === "county" && place.parent === subject.parents[0] && place.name !== subject.place).map((place) => place.name);
  const words = [...new Set((engine.segmenter?.cut(document.text) ?? []).filter((word) => /^\p{Script=Han}{2,}$/u.test(word)))];

  const results: Record<string, JudgedClaim[]> = {};
  let failed: string[] = [];
  const floors: Floors | undefined = values.gate ? (JSON.parse(await readFile(THRESHOLDS, "utf8")) as Floors) : undefined;
  for (const half of halves) {
    const claims: (LabelledClaim & { set: string })[] = [
      ...handWritten.filter((claim) => handWrittenHalf(claim.id) === half).map((claim) => ({ ...claim, set: "hand-written" })),
      ...(half === "dev" ? handWrittenDev.map((claim) => ({ ...claim, set: "hand-written" })) : []),
      ...generateClaims({ text: document.text, subject, otherPlaces, words }, half, SEEDS[half]).map((claim) => ({ ...claim, set: "generated" })),
    ];
    const judged: JudgedClaim[] = [];
    for (const claim of claims) judged.push({ ...claim, verdict: (await verifyText(engine, claim.claim, settings)).summary.verdict });
    results[half] = judged;
    if (floors) failed = [...failed, ...gateFailures(half, judged, floors)];
  }
  if (values.json) process.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(results).map(([half, judged]) => [half, { scores: verdictScores(judged), targets: checkTargets(judged), byKind: accuracyByKind(judged), confusion: confusion(judged) }])), null, 2)}\n`);
  else process.stdout.write(Object.entries(results).map(([half, judged]) => formatHalf(half, judged, values.failures)).join("\n"));
  if (failed.length > 0) {
    process.stderr.write(`Verifier gate failed: ${failed.join("; ")}\n`);
    process.exitCode = 1;
  }
});
