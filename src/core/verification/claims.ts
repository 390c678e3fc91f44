import { splitClauses, splitSentences, type TextSpan } from "../text/sentences.js";
import { matchingCharacters } from "./character-overlap.js";

/**
 * The claims of a text: what the verifier gives one verdict each. A claim is a sentence, or
 * a clause of a sentence that lists several statements ("GDP达1800亿元，森林覆盖率达55%"): a
 * changed figure in one clause must not hide behind the true rest of the sentence, and a true
 * clause must not be dragged down by an added one. A clause too short to state anything on
 * its own ("到2026年，", "其中，") stays with the clause after it (or, at the end, before it).
 */

/** Compared characters (Han, letters, digits) a clause needs to be a claim of its own. */
export const MIN_CLAIM_CHARACTERS = 8;

const contentCharacter = /[\p{L}\p{N}]/u;
/** Two letters or digits at least: one alone ("5", what is left of a cut marker "[1") states nothing. */
function statesSomething(text: string): boolean {
  let found = 0;
  for (const character of text) if (contentCharacter.test(character) && ++found === 2) return true;
  return false;
}
const latinLetter = /\p{Script=Latin}/u;
const hanCharacter = /\p{Script=Han}/u;

/** Mostly Latin letters: an English sentence is one claim (its commas rarely separate statements). */
export function isMostlyLatin(text: string): boolean {
  let balance = 0;
  for (const character of text) {
    if (latinLetter.test(character)) balance++;
    else if (hanCharacter.test(character)) balance--;
  }
  return balance > 0;
}

export interface Claim extends TextSpan {
  /** Index of the sentence the claim belongs to (claims of one sentence share it). */
  readonly sentence: number;
}

/**
 * A claim is at most this long: a longer one is cut at the last space or comma before it.
 * Nobody states one fact in 400 characters, and every claim is read by question
 * understanding, whose cost must stay linear in the text however it is punctuated.
 */
export const MAX_CLAIM_CHARACTERS = 400;

const citationMarkers = /\[\d{1,3}\]/gu;
/** An English sentence ends at . ! ? before a space and a capital, digit or quote ("… 2026. The district …"). */
const englishSentenceEnd = /(?<=[.!?])\s+(?=[A-Z0-9"“'(])/gu;

/** The claims of `text`, in order, offsets into `text`; sentences without a letter or digit are left out. */
export function splitClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  let sentence = -1;
  for (const span of splitSentences(text)) {
    const content = span.text.replace(citationMarkers, "");
    if (!statesSomething(content)) {
      // "…左右。[1]": markers after the full stop belong to the sentence they close.
      const last = claims.at(-1);
      if (last && content.length < span.text.length) claims[claims.length - 1] = { ...last, text: text.slice(last.start, span.end), end: span.end };
      continue;
    }
    sentence++;
    const pieces = isMostlyLatin(span.text) ? englishSentences(text, span) : groupClauses(text, splitClauses(text, span.start, span.end));
    for (const piece of pieces) for (const part of capped(text, piece)) claims.push({ ...part, sentence });
  }
  return claims;
}

function englishSentences(text: string, span: TextSpan): TextSpan[] {
  const pieces: TextSpan[] = [];
  let start = span.start;
  for (const match of span.text.matchAll(englishSentenceEnd)) {
    const end = span.start + match.index;
    pieces.push({ text: text.slice(start, end), start, end });
    start = end + match[0].length;
  }
  pieces.push({ text: text.slice(start, span.end), start, end: span.end });
  return pieces.filter((piece) => statesSomething(piece.text));
}

/** A claim cut into pieces of at most MAX_CLAIM_CHARACTERS, each ending at a space or comma when one is near. */
function capped(text: string, claim: TextSpan): TextSpan[] {
  const pieces: TextSpan[] = [];
  let start = claim.start;
  while (claim.end - start > MAX_CLAIM_CHARACTERS) {
    const window = text.slice(start, start + MAX_CLAIM_CHARACTERS);
    const breakAt = Math.max(window.lastIndexOf(" "), window.lastIndexOf("，"), window.lastIndexOf(","), window.lastIndexOf("、"));
    const end = start + (breakAt > MAX_CLAIM_CHARACTERS / 2 ? breakAt + 1 : MAX_CLAIM_CHARACTERS);
    pieces.push({ text: text.slice(start, end), start, end });
    start = end;
  }
  pieces.push({ text: text.slice(start, claim.end), start, end: claim.end });
  return pieces.filter((piece) => statesSomething(piece.text.replace(citationMarkers, "")));
}

function groupClauses(text: string, clauses: readonly TextSpan[]): TextSpan[] {
  const sizes = clauses.map((clause) => matchingCharacters(clause.text).length);
  const groups: { start: number; end: number; size: number }[] = [];
  clauses.forEach((clause, index) => {
    const open = groups.at(-1);
    // A short clause opens the next claim (a condition: 到2026年，); only the last one joins the claim before.
    const last = index === clauses.length - 1;
    if (open && (open.size < MIN_CLAIM_CHARACTERS || (last && sizes[index]! < MIN_CLAIM_CHARACTERS))) {
      open.end = clause.end;
      open.size += sizes[index]!;
    } else {
      groups.push({ start: clause.start, end: clause.end, size: sizes[index]! });
    }
  });
  return groups.map((group) => {
    // A claim that stops at a clause break leaves out the comma that closes it.
    let end = group.end;
    while (end > group.start && /[，,：:\s]/u.test(text[end - 1]!)) end--;
    return { text: text.slice(group.start, end), start: group.start, end };
  });
}
