import type { Chunk } from "../chunking/chunk.js";
import { QaError } from "../errors.js";
import type { QaEngine } from "../pipeline/qa-engine.js";
import { splitSentences } from "../text/sentences.js";
import { bestSpanForProfile, sentenceProfile, type MatchedSpan } from "./character-overlap.js";
import { findNumbers, numberKey, type StatedNumber } from "./numbers.js";
import {
  MAX_VERIFY_SENTENCES,
  type SentenceStatus,
  type VerificationResult,
  type VerifiedSentence,
} from "./verification-schema.js";

export type { SentenceStatus, VerificationResult, VerifiedSentence } from "./verification-schema.js";
export { MAX_VERIFY_SENTENCES } from "./verification-schema.js";

/** A sentence whose best span contains at least this share of its bigrams is supported. */
export const SUPPORTED_AT = 0.8;
/** …and at least this share, partly supported; below it, not found. */
export const PARTLY_SUPPORTED_AT = 0.5;

export interface VerifyOptions {
  /** Passages retrieved per sentence, each giving its best span (default 5). */
  readonly passages?: number;
}

/** Best-matching spans kept per sentence. */
export const SPANS_PER_SENTENCE = 3;

/** The status a containment score earns. */
export function statusFor(support: number): SentenceStatus {
  return support >= SUPPORTED_AT ? "supported" : support >= PARTLY_SUPPORTED_AT ? "partly-supported" : "not-found";
}

const hasContent = /[\p{L}\p{N}]/u;
// Keyed on the chunks they are read from, not on the engine object: an object that forwards
// to whichever engine is served (as the HTTP app once held) kept the first report's numbers
// after a reindex. A new index brings new chunks, and these go with them.
const reportNumbersByChunks = new WeakMap<readonly Chunk[], ReadonlySet<string>>();

/** Every number the report states (as `numberKey`), read once per set of chunks from their text and section paths. */
export function reportNumbers(engine: QaEngine): ReadonlySet<string> {
  const chunks = engine.chunks;
  const cached = reportNumbersByChunks.get(chunks);
  if (cached) return cached;
  const keys = new Set<string>();
  const seenPaths = new Set<string>();
  for (const chunk of chunks) {
    for (const number of findNumbers(chunk.text)) keys.add(numberKey(number.value));
    const path = chunk.sectionPath.join("\n");
    if (!seenPaths.has(path)) {
      seenPaths.add(path);
      for (const number of findNumbers(`${chunk.title}\n${path}`)) keys.add(numberKey(number.value));
    }
  }
  reportNumbersByChunks.set(chunks, keys);
  return keys;
}

const shifted = (number: StatedNumber, by: number): StatedNumber => ({ ...number, start: number.start + by, end: number.end + by });

/**
 * Checks a text sentence by sentence against the report. For each sentence: the report
 * passages retrieved for it, the best-matching span of each (see `bestMatchingSpan`),
 * the best three spans kept, a status from the best containment (supported ≥ 0.8,
 * partly supported ≥ 0.5, else not found), and its numbers checked against the report
 * (numbers it has nowhere) and, when the sentence is at least partly supported, against
 * the best span (numbers the report has, but not there). Offsets of sentences and numbers index into `text`; span offsets into the
 * source document. Sentences without a letter or digit are skipped; a text with none,
 * or with more than 200 sentences, is refused (QaError "invalid_parameter").
 */
export async function verifyText(engine: QaEngine, text: string, options: VerifyOptions = {}): Promise<VerificationResult> {
  const passagesPerSentence = options.passages ?? 5;
  const sentences = splitSentences(text).filter((sentence) => hasContent.test(sentence.text));
  if (sentences.length === 0) {
    throw new QaError("invalid_parameter", "text has no sentence to check: it holds only whitespace or punctuation.");
  }
  if (sentences.length > MAX_VERIFY_SENTENCES) {
    throw new QaError(
      "invalid_parameter",
      `text has ${sentences.length} sentences; at most ${MAX_VERIFY_SENTENCES} can be checked at once. Split it into parts.`,
    );
  }
  const inReport = reportNumbers(engine);

  const checked: VerifiedSentence[] = [];
  for (const sentence of sentences) {
    const profile = sentenceProfile(sentence.text);
    const passages = await engine.retriever.retrieve(sentence.text, passagesPerSentence);
    const spans = bestSpans(
      passages.flatMap((passage) => bestSpanForProfile(profile, passage.chunk) ?? []),
      SPANS_PER_SENTENCE,
    );
    const support = spans[0]?.containment ?? 0;
    const numbers = findNumbers(sentence.text).map((number) => shifted(number, sentence.start));
    const unsupportedNumbers = numbers.filter((number) => !inReport.has(numberKey(number.value)));
    // Only a real match can contradict a figure: a not-found sentence's nearest span is no evidence.
    const best = support >= PARTLY_SUPPORTED_AT ? spans[0] : undefined;
    const bestSpanNumbers = new Set(best ? findNumbers(best.quote).map((number) => numberKey(number.value)) : []);
    const numbersNotInBestSpan = best
      ? numbers.filter((number) => inReport.has(numberKey(number.value)) && !bestSpanNumbers.has(numberKey(number.value)))
      : [];
    checked.push({
      text: sentence.text,
      start: sentence.start,
      end: sentence.end,
      status: statusFor(support),
      support,
      spans: spans.map((span) => ({ ...span, section: [...span.section] })),
      numbers,
      unsupportedNumbers,
      numbersNotInBestSpan,
    });
  }

  return {
    sentences: checked,
    summary: {
      sentences: checked.length,
      supported: checked.filter((sentence) => sentence.status === "supported").length,
      partlySupported: checked.filter((sentence) => sentence.status === "partly-supported").length,
      notFound: checked.filter((sentence) => sentence.status === "not-found").length,
      unsupportedNumbers: checked.reduce((sum, sentence) => sum + sentence.unsupportedNumbers.length, 0),
      numbersNotInBestSpan: checked.reduce((sum, sentence) => sum + sentence.numbersNotInBestSpan.length, 0),
    },
  };
}

/**
 * Best first (containment, then retrieval rank), without repeats: overlapping chunks
 * can give the same span twice. Spans that share nothing with the sentence are dropped.
 */
function bestSpans(spans: readonly MatchedSpan[], limit: number): MatchedSpan[] {
  const seen = new Set<string>();
  return spans
    .map((span, rank) => ({ span, rank }))
    .filter(({ span }) => span.containment > 0)
    .sort((left, right) => right.span.containment - left.span.containment || left.rank - right.rank)
    .flatMap(({ span }) => {
      const key = `${span.source}:${span.quoteStart}:${span.quoteEnd}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [span];
    })
    .slice(0, limit);
}
