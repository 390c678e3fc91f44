import type { Chunk } from "../chunking/chunk.js";
import { normalizeText } from "../text/normalize.js";
import { splitClauses, splitSentences } from "../text/sentences.js";
import { normalizeChineseNumerals } from "./numbers.js";

/**
 * How much of a sentence a text contains, by character bigrams: Chinese has no spaces
 * and a paraphrase reorders words, so overlapping character pairs measure "the same
 * words" without a dictionary. Both sides get the product's normalisation (NFKC, case,
 * traditional → simplified), Chinese numerals as digits (百分之六 = 6%), and lose
 * everything but Han characters, letters and digits (punctuation, spaces, citation
 * markers such as [1]).
 */

const matchingCharacter = /[\p{L}\p{N}]/u;
const citationMarker = /\[\d{1,3}\]/gu;

/** The characters compared: normalised, numerals as digits, only Han characters, letters and digits. */
export function matchingCharacters(text: string): string[] {
  const folded = normalizeChineseNumerals(normalizeText(text).replace(citationMarker, " "));
  return [...folded].filter((character) => matchingCharacter.test(character));
}

/** Distinct character bigrams of a text (after `matchingCharacters`); a one-character text gives that character. */
export function characterBigrams(text: string): Set<string> {
  return bigramsOf(matchingCharacters(text));
}

function bigramsOf(characters: readonly string[]): Set<string> {
  if (characters.length === 1) return new Set(characters);
  const bigrams = new Set<string>();
  for (let index = 0; index + 1 < characters.length; index++) bigrams.add(characters[index]! + characters[index + 1]!);
  return bigrams;
}

/** Every bigram and every single character of a text: what a sentence's grams are looked up in. */
function gramsOf(characters: readonly string[]): Set<string> {
  const grams = new Set<string>(characters);
  for (let index = 0; index + 1 < characters.length; index++) grams.add(characters[index]! + characters[index + 1]!);
  return grams;
}

function share(sentenceGrams: ReadonlySet<string>, textGrams: ReadonlySet<string>): number {
  if (sentenceGrams.size === 0) return 0;
  let found = 0;
  for (const gram of sentenceGrams) if (textGrams.has(gram)) found++;
  return found / sentenceGrams.size;
}

/**
 * Containment of `sentence` in `text`: the share (0–1) of the sentence's distinct
 * bigrams that occur anywhere in the text. 1 for a sentence copied from the text
 * (whatever its punctuation, width or numeral style), near 0 for an unrelated one.
 * A sentence with no letters or digits at all has containment 0.
 */
export function characterContainment(sentence: string, text: string): number {
  return share(characterBigrams(sentence), textGrams(text));
}

/** Share (0–1) of `grams` (a profile's, see SentenceProfile) that occur in `text`. */
export function gramsContainment(grams: ReadonlySet<string>, text: string): number {
  return share(grams, textGrams(text));
}

// The same text (a cited quote, the whole report) is often checked against many sentences.
const recentTexts = new Map<string, ReadonlySet<string>>();
const RECENT_TEXTS = 16;

function textGrams(text: string): ReadonlySet<string> {
  const cached = recentTexts.get(text);
  if (cached) return cached;
  const grams = gramsOf(matchingCharacters(text));
  if (recentTexts.size >= RECENT_TEXTS) recentTexts.delete(recentTexts.keys().next().value!);
  recentTexts.set(text, grams);
  return grams;
}

/** A span of the report that matches a sentence; offsets into the source document. */
export interface MatchedSpan {
  /** `sourceText.slice(quoteStart, quoteEnd)`. */
  readonly quote: string;
  readonly quoteStart: number;
  readonly quoteEnd: number;
  readonly chunkId: string;
  readonly source: string;
  readonly section: readonly string[];
  /** Containment of the sentence in the quote (0–1, three decimals). */
  readonly containment: number;
}

/** What a sentence is matched with: its distinct bigrams and how many characters it compares. */
export interface SentenceProfile {
  readonly grams: ReadonlySet<string>;
  readonly characters: number;
}

export function sentenceProfile(sentence: string): SentenceProfile {
  const characters = matchingCharacters(sentence);
  return { grams: bigramsOf(characters), characters: characters.length };
}

/** One clause of a chunk, prepared for matching; offsets into the chunk's text. */
interface ClauseUnit {
  readonly start: number;
  readonly end: number;
  /** `end` without the comma or colon that closes the clause: where a span ending here stops mid-sentence. */
  readonly endWithoutBreak: number;
  readonly endsSentence: boolean;
  readonly sentence: number;
  readonly paragraph: number;
  readonly grams: ReadonlySet<string>;
  readonly characters: number;
  readonly first: string | undefined;
  readonly last: string | undefined;
}

/** A span may run over at most this many sentences (a sentence may merge two of the report's). */
const MAX_SENTENCES_PER_SPAN = 3;
/**
 * Matched bigrams a span must gain per character it is longer than the sentence: one per
 * twenty. A second fact the sentence merges in pays for itself; a long neighbour that
 * only adds a common pair such as 江津 or 发展 does not.
 */
const EXCESS_CHARACTER_COST = 0.05;
const trailingClauseBreak = /[，,：:、\s]+$/u;

const unitsByChunk = new WeakMap<Chunk, readonly ClauseUnit[]>();

/** The clauses of a chunk in order, with sentence and paragraph numbers; computed once per chunk. */
function clauseUnitsOf(chunk: Chunk): readonly ClauseUnit[] {
  const cached = unitsByChunk.get(chunk);
  if (cached) return cached;
  const units: ClauseUnit[] = [];
  let paragraph = 0;
  const sentences = splitSentences(chunk.text);
  sentences.forEach((sentence, sentenceIndex) => {
    if (sentenceIndex > 0 && chunk.text.slice(sentences[sentenceIndex - 1]!.end, sentence.start).includes("\n")) paragraph++;
    const clauses = splitClauses(chunk.text, sentence.start, sentence.end);
    clauses.forEach((clause, clauseIndex) => {
      const characters = matchingCharacters(clause.text);
      const trailing = trailingClauseBreak.exec(clause.text);
      units.push({
        start: clause.start,
        end: clause.end,
        endWithoutBreak: trailing && trailing.index > 0 ? clause.start + trailing.index : clause.end,
        endsSentence: clauseIndex === clauses.length - 1,
        sentence: sentenceIndex,
        paragraph,
        grams: gramsOf(characters),
        characters: characters.length,
        first: characters[0],
        last: characters.at(-1),
      });
    });
  });
  unitsByChunk.set(chunk, units);
  return units;
}

/**
 * Adds to `found` the grams both sets hold, walking the smaller one: a clause has a few dozen
 * grams, a pasted sentence may have tens of thousands, and it is walked once per span tried.
 */
function addShared(left: ReadonlySet<string>, right: ReadonlySet<string>, found: Set<string>): void {
  const [smaller, larger] = left.size <= right.size ? [left, right] : [right, left];
  for (const gram of smaller) if (larger.has(gram)) found.add(gram);
}

const roundShare = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * The span of a passage that best matches a sentence, chosen among runs of consecutive
 * clauses of one paragraph over at most three sentences (a whole sentence, part of one,
 * or a sentence and the start of the next). Best means the most of the sentence's
 * bigrams, less a small cost for every character the span is longer than the sentence,
 * so a clause that holds the whole sentence beats the long sentence around it; of equal
 * spans the shortest, then the first. A span that stops inside a sentence leaves out the
 * comma that closes its last clause. Offsets are exact offsets into the source document
 * (the chunk's start plus the offset inside the chunk). Undefined when the sentence has
 * nothing to compare (no letters or digits) or the chunk no clause.
 */
export function bestMatchingSpan(sentence: string, chunk: Chunk): MatchedSpan | undefined {
  return bestSpanForProfile(sentenceProfile(sentence), chunk);
}

/** As `bestMatchingSpan`, with the sentence prepared once by the caller. */
export function bestSpanForProfile(sentence: SentenceProfile, chunk: Chunk): MatchedSpan | undefined {
  const { grams } = sentence;
  if (grams.size === 0) return undefined;
  const units = clauseUnitsOf(chunk);
  // What each clause shares with the sentence, found once: spans are runs of clauses, and each
  // clause is in up to a dozen of the runs tried.
  const shared = units.map((unit) => {
    const found = new Set<string>();
    addShared(grams, unit.grams, found);
    return found;
  });
  let best: { start: number; end: number; found: number; score: number } | undefined;
  for (let first = 0; first < units.length; first++) {
    const opening = units[first]!;
    const found = new Set<string>();
    let lastCharacter: string | undefined;
    let characters = 0;
    for (let last = first; last < units.length; last++) {
      const unit = units[last]!;
      if (unit.paragraph !== opening.paragraph || unit.sentence - opening.sentence >= MAX_SENTENCES_PER_SPAN) break;
      for (const gram of shared[last]!) found.add(gram);
      // The pair across the clause break (punctuation is not compared).
      if (lastCharacter !== undefined && unit.first !== undefined && grams.has(lastCharacter + unit.first)) found.add(lastCharacter + unit.first);
      lastCharacter = unit.last ?? lastCharacter;
      characters += unit.characters;
      const score = found.size - EXCESS_CHARACTER_COST * Math.max(0, characters - sentence.characters);
      const end = unit.endsSentence ? unit.end : unit.endWithoutBreak;
      const better =
        best === undefined || score > best.score || (score === best.score && end - opening.start < best.end - best.start);
      if (better) best = { start: opening.start, end, found: found.size, score };
    }
  }
  if (!best) return undefined;
  return {
    quote: chunk.text.slice(best.start, best.end),
    quoteStart: chunk.start + best.start,
    quoteEnd: chunk.start + best.end,
    chunkId: chunk.id,
    source: chunk.source,
    section: chunk.sectionPath,
    containment: roundShare(best.found / grams.size),
  };
}
