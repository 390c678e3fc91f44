/**
 * Our own tokens (src/core/text/tokenize.ts) as PostgreSQL `tsvector` and `tsquery` text.
 *
 * PostgreSQL has no Chinese parser: `to_tsvector('simple', …)` would re-cut the text with its
 * own parser (which splits on what it takes for punctuation and treats Han runs by locale), so
 * the lexemes would no longer be the tokens BM25 sees. The input syntax of the types themselves
 * takes each lexeme literally — `'江津':1,4 '8.2':7` — so a vector or query cast from this text
 * holds exactly our tokens, with their positions (which ts_rank_cd needs: it ignores lexemes
 * without any).
 */

/** PostgreSQL's largest lexeme position (tsvector positions are 14 bits; larger ones it clamps to this). */
export const MAX_TSVECTOR_POSITION = 16_383;
/** PostgreSQL keeps at most this many positions of one lexeme (MAXNUMPOS); more are dropped. */
export const MAX_POSITIONS_PER_LEXEME = 256;
/** A lexeme longer than this (in UTF-8 bytes) is refused by PostgreSQL ("word is too long"). */
export const MAX_LEXEME_BYTES = 2_047;

const encoder = new TextEncoder();

/** A lexeme quoted for tsvector/tsquery input: inside the quotes, ' and \ are the two characters escaped. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** Whether PostgreSQL can hold the token as a lexeme at all. */
function storable(token: string): boolean {
  return token.length > 0 && encoder.encode(token).length <= MAX_LEXEME_BYTES;
}

/**
 * A document's tokens as tsvector text: each distinct token once, with the 1-based places it
 * holds in the token stream. The caps are PostgreSQL's own limits applied here, so what is
 * stored is what was sent. A token longer than a lexeme may be (a 2 KB run of letters) is left
 * out: PostgreSQL cannot store it, and no question could match it through a tsquery either.
 */
export function tsvectorText(tokens: readonly string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, index) => {
    if (!storable(token)) return;
    let places = positions.get(token);
    if (!places) {
      places = [];
      positions.set(token, places);
    }
    if (places.length < MAX_POSITIONS_PER_LEXEME) places.push(Math.min(index + 1, MAX_TSVECTOR_POSITION));
  });
  // Positions past the cap all become the cap: keep each once, as PostgreSQL would.
  return [...positions].map(([token, places]) => `${quoteLexeme(token)}:${[...new Set(places)].join(",")}`).join(" ");
}

/**
 * A query's tokens as a tsquery that matches a document holding any of them (OR), each
 * distinct token once — as BM25 scores each query token once. Undefined when no token can be
 * a lexeme: an empty tsquery matches nothing, and PostgreSQL warns about it on every call.
 */
export function anyTokenQueryText(tokens: readonly string[]): string | undefined {
  const distinct = [...new Set(tokens.filter(storable))];
  return distinct.length === 0 ? undefined : distinct.map(quoteLexeme).join(" | ");
}
