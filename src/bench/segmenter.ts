import { readCorpus } from "../adapters/node/corpus-reader.js";
import { chunkDocuments } from "../core/chunking/chunker.js";
import { normalizeText } from "../core/text/normalize.js";
import { reportTerms } from "../core/text/report-terms.js";
import { splitSentences } from "../core/text/sentences.js";
import type { BenchRow, PartResult } from "./results.js";
import { addMatches, agreement, bigramBoundaries, emptyCounts, innerBoundaries, wordSpans, type Agreement } from "./segmentation-agreement.js";
import { buildLineup, type Contender } from "./segmenter-lineup.js";
import { measureStartups, STARTUP_NAMES } from "./segmenter-startup.js";
import { formatMilliseconds, formatRatio, median } from "./stats.js";
import { syntheticQuestions } from "./synthetic-questions.js";

const WARM_UP_ROUNDS = 2;
const PART = "segmenter";

interface Corpus {
  readonly name: string;
  /** Normalised, as every caller segments (normalizeText first). */
  readonly texts: readonly string[];
  readonly characters: number;
}

function corpus(name: string, texts: readonly string[]): Corpus {
  const normalized = texts.map((text) => normalizeText(text)).filter((text) => text.trim());
  return { name, texts: normalized, characters: normalized.reduce((sum, text) => sum + text.replace(/\s+/gu, "").length, 0) };
}

/**
 * Per round, every text is cut by each contender in turn (their order rotated per text), one
 * call per text as in use (per-call overhead is part of a WASM segmenter's cost), so drift on
 * a shared machine hits all alike. Returns each contender's per-round total ms, after warm-up.
 */
function timeContenders(contenders: readonly Contender[], texts: readonly string[], rounds: number): number[][] {
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    const totals = contenders.map(() => 0);
    for (const [textIndex, text] of texts.entries()) {
      for (let offset = 0; offset < contenders.length; offset++) {
        const index = (offset + round + textIndex) % contenders.length;
        const started = performance.now();
        contenders[index]!.cut(text);
        totals[index] = totals[index]! + performance.now() - started;
      }
    }
    if (round >= WARM_UP_ROUNDS) totals.forEach((total, index) => samples[index]!.push(total));
  }
  return samples;
}

interface Agreements {
  readonly boundaries: Agreement;
  /** Undefined for bigrams: their tokens overlap, so they are no segmentation of words. */
  readonly words?: Agreement;
}

function agreeWith(reference: Contender, candidate: Contender, texts: readonly string[]): Agreements {
  const boundaries = emptyCounts();
  const words = emptyCounts();
  for (const text of texts) {
    const expected = reference.cut(text);
    if (candidate.overlapping) {
      addMatches(boundaries, innerBoundaries(expected), bigramBoundaries(text));
      continue;
    }
    const found = candidate.cut(text);
    addMatches(boundaries, innerBoundaries(expected), innerBoundaries(found));
    addMatches(words, wordSpans(expected), wordSpans(found));
  }
  return { boundaries: agreement(boundaries), ...(candidate.overlapping ? {} : { words: agreement(words) }) };
}

/**
 * Occurrences of the report's terms in its sentences that a segmenter does not split: no word
 * boundary falls inside them (产业 inside the word 产业链 is not split). An occurrence inside a
 * longer term's occurrence (五地 in 五地一城) is not counted: the longer term is what counts there.
 */
function termsKeptWhole(contender: Contender, texts: readonly string[], terms: readonly string[]): number {
  let total = 0;
  let whole = 0;
  const longestFirst = [...terms].sort((left, right) => right.length - left.length);
  for (const text of texts) {
    const compact = text.replace(/\s+/gu, "");
    const cuts = innerBoundaries(contender.cut(text));
    const covered = new Uint8Array(compact.length);
    for (const term of longestFirst) {
      for (let at = compact.indexOf(term); at >= 0; at = compact.indexOf(term, at + 1)) {
        if (covered[at] && covered[at + term.length - 1]) continue;
        covered.fill(1, at, at + term.length);
        total++;
        let split = false;
        for (let inside = at + 1; inside < at + term.length && !split; inside++) split = cuts.has(inside);
        if (!split) whole++;
      }
    }
  }
  return total ? whole / total : 1;
}

const f1 = (value: number): string => value.toFixed(3);

/**
 * `npm run bench -- --only segmenter`: jieba-wasm (both builds) against @node-rs/jieba
 * (native), Intl.Segmenter and today's bigrams, on the report's sentences and on synthetic
 * questions: time per 1,000 characters (÷ Intl.Segmenter in the same rounds), agreement with
 * @node-rs/jieba's word boundaries, the same with the report's terms added, and start-up cost.
 */
export async function benchSegmenter(rounds: number, runs: number): Promise<PartResult> {
  const started = performance.now();
  const documents = await readCorpus(process.env.CORPUS_DIR ?? "corpus");
  const chunks = chunkDocuments(documents);
  const terms = reportTerms(chunks);
  const sentences = documents.flatMap((document) => splitSentences(document.text).map((span) => document.text.slice(span.start, span.end)));
  const corpora = [corpus(`report sentences (${sentences.length})`, sentences), corpus(`synthetic questions (${syntheticQuestions().length})`, syntheticQuestions())];
  const lineup = await buildLineup(terms);
  const timed = [lineup.intl, lineup.jiebaNode, lineup.jiebaWeb, lineup.nodeRs, lineup.bigrams, lineup.jiebaWithTerms, lineup.intlWithTerms];
  const rows: BenchRow[] = [];
  const details: Record<string, unknown> = { terms: terms.length, addWordsMs: lineup.addWordsMs, corpora: {} };
  for (const { name, texts, characters } of corpora) {
    const samples = timeContenders(timed, texts, rounds);
    const baseline = samples[0]!;
    const perCorpus: Record<string, unknown> = { characters, texts: texts.length };
    for (const [index, contender] of timed.entries()) {
      const perThousand = median(samples[index]!) / (characters / 1000);
      const ratioToIntl = median(samples[index]!.map((ms, round) => ms / baseline[round]!));
      const reference = contender.name.includes("report terms") ? lineup.nodeRsWithTerms : lineup.nodeRs;
      const agreed = contender === lineup.nodeRs ? undefined : agreeWith(reference, contender, texts);
      perCorpus[contender.name] = { perThousandMs: perThousand, ratioToIntl, samples: samples[index], agreement: agreed };
      const agreementNote = agreed
        ? `; boundary F1 ${f1(agreed.boundaries.f1)} vs ${reference.name} (P ${f1(agreed.boundaries.precision)}, R ${f1(agreed.boundaries.recall)})${agreed.words ? `, word F1 ${f1(agreed.words.f1)}` : ""}`
        : "; the reference for boundaries";
      rows.push({
        part: PART,
        metric: `${name}: ${contender.name}, time per 1k characters`,
        value: `${formatMilliseconds(perThousand)} (${formatRatio(ratioToIntl)} Intl.Segmenter)`,
        measured: perThousand,
        unit: "ms",
        note: `median of ${rounds} rounds over ${characters} characters, one call per text${contender === lineup.intl ? "; the baseline of the ratios" : ""}${agreementNote}`,
      });
    }
    // What the terms change: jieba with them against jieba without.
    const shift = agreeWith(lineup.nodeRs, lineup.jiebaWithTerms, texts);
    perCorpus.termsVersusDefault = shift;
    rows.push({
      part: PART,
      metric: `${name}: jieba-wasm + report terms vs @node-rs/jieba without them, boundary F1`,
      value: f1(shift.boundaries.f1),
      measured: shift.boundaries.f1,
      unit: "F1",
      note: "how much teaching the terms moves jieba's boundaries",
    });
    (details.corpora as Record<string, unknown>)[name] = perCorpus;
  }
  const reportTexts = corpora[0]!.texts;
  const kept = [lineup.bigrams, lineup.intl, lineup.intlWithTerms, lineup.jiebaNode, lineup.jiebaWithTerms].filter((contender) => !contender.overlapping);
  const keptShares = kept.map((contender) => `${contender.name} ${(100 * termsKeptWhole(contender, reportTexts, terms)).toFixed(0)}%`);
  rows.push({
    part: PART,
    metric: `report terms (${terms.length}, quoted terms and short heading pieces): occurrences in the report not split`,
    value: `${(100 * termsKeptWhole(lineup.jiebaWithTerms, reportTexts, terms)).toFixed(0)}% with them added`,
    measured: termsKeptWhole(lineup.jiebaWithTerms, reportTexts, terms),
    unit: "share",
    note: `${keptShares.join(", ")}; adding them to jieba-wasm took ${formatMilliseconds(lineup.addWordsMs)}`,
  });
  const startups = await measureStartups(Math.max(runs, 3));
  details.startups = startups;
  for (const name of STARTUP_NAMES) {
    const startup = startups[name];
    rows.push({
      part: PART,
      metric: `${name}: start-up (import, instantiate, dictionary, first cut)`,
      value: formatMilliseconds(startup.ms),
      measured: startup.ms,
      unit: "ms",
      note: `fresh process, median of ${startup.samples.length}${startup.memoryBytes ? `; WASM memory ${(startup.memoryBytes / 2 ** 20).toFixed(0)} MB` : ""}`,
    });
  }
  return { part: PART, seconds: (performance.now() - started) / 1000, rows, details };
}
