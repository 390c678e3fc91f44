import { describe, expect, it } from "vitest";
import { anyTokenQueryText, MAX_LEXEME_BYTES, MAX_POSITIONS_PER_LEXEME, MAX_TSVECTOR_POSITION, tsvectorText } from "../../../src/adapters/postgres/tsvector-literals.js";

describe("tsvector and tsquery text from our tokens", () => {
  it("lists each token once with its 1-based places in the token stream", () => {
    expect(tsvectorText(["江", "江津", "津", "江"])).toBe("'江':1,4 '江津':2 '津':3");
    expect(tsvectorText([])).toBe("");
  });

  it("escapes the two characters tsvector input treats specially, inside quotes", () => {
    expect(tsvectorText(["it's", "a\\b"])).toBe("'it''s':1 'a\\\\b':2");
    expect(anyTokenQueryText(["it's", "a\\b"])).toBe("'it''s' | 'a\\\\b'");
  });

  it("applies PostgreSQL's own caps: positions clamp to the largest, at most 256 kept per lexeme, overlong tokens left out", () => {
    const repeated = Array.from({ length: 300 }, () => "的");
    expect(tsvectorText(repeated).split(",")).toHaveLength(MAX_POSITIONS_PER_LEXEME);
    const late = [...Array.from({ length: MAX_TSVECTOR_POSITION + 5 }, (_, index) => `w${index}`), "w0"];
    expect(tsvectorText(late)).toContain(`'w0':1,${MAX_TSVECTOR_POSITION}`);
    // Past the cap, several tokens share the last position; each lexeme keeps it once.
    expect(tsvectorText(late)).toContain(`'w${MAX_TSVECTOR_POSITION + 4}':${MAX_TSVECTOR_POSITION}`);
    const overlong = "a".repeat(MAX_LEXEME_BYTES + 1);
    expect(tsvectorText([overlong, "港"])).toBe("'港':2");
    // Bytes, not characters: 700 Han characters are 2,100 UTF-8 bytes.
    expect(anyTokenQueryText(["港".repeat(700)])).toBeUndefined();
  });

  it("ORs the distinct query tokens, and has no query for no storable token", () => {
    expect(anyTokenQueryText(["港口", "港", "港口"])).toBe("'港口' | '港'");
    expect(anyTokenQueryText([])).toBeUndefined();
    expect(anyTokenQueryText([""])).toBeUndefined();
  });
});
