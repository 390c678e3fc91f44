/**
 * Tokens for lexical matching over normalised text (see normalize.ts).
 *
 * Chinese has no spaces, and a report's vocabulary (专精特新, 水公铁) is not in any
 * segmenter's dictionary, so Han runs give overlapping character bigrams, which match
 * any word without a dictionary, plus single characters so one-character words
 * (区, 港) still count. Latin and digit runs (gdp, 2026, 8.2) stay whole, so a
 * number never matches part of another number. Deterministic and portable: the
 * same tokens at ingest and query time, in Node and in Workers.
 */
const hanCharacter = /\p{Script=Han}/u;
const wordCharacter = /[\p{L}\p{N}]/u;
const numberPattern = /^\d+(?:\.\d+)?$/;

const HAN = 1;
const WORD = 2;
const OTHER = 3;
/** Per UTF-16 unit that is a whole code point: its class (HAN, WORD, OTHER), 0 not yet known. */
const unitClass = new Uint8Array(0x10000);
function classify(character: string): number {
  if (character.length !== 1) return hanCharacter.test(character) ? HAN : wordCharacter.test(character) ? WORD : OTHER;
  const unit = character.charCodeAt(0);
  let known = unitClass[unit]!;
  if (known === 0) {
    known = hanCharacter.test(character) ? HAN : wordCharacter.test(character) ? WORD : OTHER;
    unitClass[unit] = known;
  }
  return known;
}

/** Whether a character (one code point) is Han; memoised per UTF-16 unit, for hot loops. */
export function isHanCharacter(character: string): boolean {
  return classify(character) === HAN;
}

export interface TokenizeOptions {
  /** Emit single Han characters as well as bigrams (default true). */
  readonly unigrams?: boolean;
}

export function tokenize(normalizedText: string, options: TokenizeOptions = {}): string[] {
  const includeUnigrams = options.unigrams ?? true;
  const tokens: string[] = [];
  let hanRun = "";
  let wordRun = "";
  const flushHan = (): void => {
    const characters = [...hanRun];
    for (let index = 0; index < characters.length; index++) {
      if (includeUnigrams || characters.length === 1) tokens.push(characters[index]!);
      if (index + 1 < characters.length) tokens.push(characters[index]! + characters[index + 1]!);
    }
    hanRun = "";
  };
  const flushWord = (): void => {
    // "8.2" and "1,200" read as one number; a trailing dot ends a sentence, not a number.
    const cleaned = wordRun.replace(/[.,]+$/u, "").replace(/,/gu, "");
    if (cleaned) tokens.push(cleaned);
    wordRun = "";
  };
  const characters = [...normalizedText];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index]!;
    const kind = classify(character);
    if (kind === HAN) {
      if (wordRun) flushWord();
      hanRun += character;
    } else if (kind === WORD || (wordRun !== "" && isAsciiDigit(characters[index - 1]!) && isNumberJoiner(character, characters.slice(index + 1, index + 5)))) {
      if (hanRun) flushHan();
      wordRun += character;
    } else {
      if (hanRun) flushHan();
      if (wordRun) flushWord();
    }
  }
  if (hanRun) flushHan();
  if (wordRun) flushWord();
  return tokens;
}

/**
 * Whether a character is 0–9. A word run always ends with the character before the current
 * one, so that is what is tested: reading the run itself (a regex `\d$`, even charCodeAt) makes
 * V8 flatten the string built so far, once per joiner, which is quadratic on "1,000,000,…".
 */
function isAsciiDigit(character: string): boolean {
  const unit = character.charCodeAt(0);
  return unit >= 0x30 && unit <= 0x39;
}

function isNumberJoiner(character: string, following: readonly string[]): boolean {
  if (character === ".") return /\d/u.test(following[0] ?? "");
  // A thousands separator has exactly three digits after it ("1,200"); "2021,2026" is two numbers.
  return character === "," && following.slice(0, 3).every((next) => /\d/u.test(next)) && !/\d/u.test(following[3] ?? "");
}

export function isNumberToken(token: string): boolean {
  return numberPattern.test(token);
}
