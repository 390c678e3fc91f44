/**
 * Texts and JSON shapes chosen to hit the worst case of scanners over user text: runs of
 * Chinese numerals (the numeral scanner was superlinear), digits, no punctuation at all,
 * nothing but punctuation, combining marks (normalisation reorders them), lone surrogates
 * (invalid UTF-16, and invalid UTF-8 once percent-encoded), deep nesting, huge numbers.
 * Pure: the attack decides where each goes.
 */

export interface PathologicalText {
  readonly name: string;
  /** Written once at the start (a base character for combining marks). */
  readonly prefix?: string;
  /** Repeated to the length asked for. */
  readonly unit: string;
}

export const PATHOLOGICAL_TEXTS: readonly PathologicalText[] = [
  { name: "numerals", unit: "一二三四五六七八九十百千万亿" },
  { name: "numerals+digits", unit: "1万2千3百4十5亿6兆" },
  { name: "digits", unit: "9" },
  { name: "number soup", unit: "1.2.3,4%5百分之六点七８．９％" },
  { name: "no punctuation", unit: "江津区地区生产总值增长乡村振兴城市更新" },
  { name: "all punctuation", unit: "，。！？；：、“”（）《》…—!?.,;:" },
  { name: "tiny sentences", unit: "江。" },
  { name: "combining marks", prefix: "江", unit: "\u0301\u0316\u0327\u0308" },
  { name: "lone surrogates", unit: "\ud800江\udfff\udbff" },
  { name: "zero-width and bidi", unit: "江\u200b\u200d\u202e\ufeff\u2066" },
];

/** UTF-8 bytes one character of `text` costs inside a JSON string, on average. */
function jsonBytesPerCharacter(text: string): number {
  return (Buffer.byteLength(JSON.stringify(text)) - 2) / text.length;
}

/**
 * The text repeated to `maxCharacters` UTF-16 units, or fewer if its JSON encoding would pass
 * `maxJsonBytes`. Slicing may split a surrogate pair: for these inputs that is only more abuse.
 */
export function fill(text: PathologicalText, maxCharacters: number, maxJsonBytes = Number.POSITIVE_INFINITY): string {
  const prefix = text.prefix ?? "";
  const room = Math.min(maxCharacters, Math.floor(maxJsonBytes / jsonBytesPerCharacter(prefix + text.unit)));
  const body = text.unit.repeat(Math.ceil(Math.max(0, room - prefix.length) / text.unit.length));
  return (prefix + body).slice(0, Math.max(0, room));
}

/**
 * Percent-encodes for a query string as a raw client may: characters as UTF-8, and a lone
 * surrogate as its three WTF-8 bytes (invalid UTF-8, which decodeURIComponent refuses).
 * encodeURIComponent would throw on the lone surrogates instead.
 */
export function percentEncode(text: string): string {
  let encoded = "";
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const next = text.charCodeAt(index + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      encoded += encodeURIComponent(text.slice(index, index + 2));
      index++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
    } else {
      encoded += encodeURIComponent(text[index]!);
    }
  }
  return encoded;
}

/**
 * `{"<field>": [[[…]]]}` (or objects `{"a":{"a":…}}`) nested as deep as fits in `maxBytes`, with
 * `rest` (other fields, as JSON text without braces) first.
 */
export function deeplyNested(field: string, maxBytes: number, shape: "arrays" | "objects", rest = ""): string {
  const lead = `{${rest ? `${rest},` : ""}${JSON.stringify(field)}:`;
  const [open, close] = shape === "arrays" ? ["[", "]"] : ['{"a":', "}"];
  // The innermost value ("0") makes the objects valid JSON: `{"a":}` would be refused as a syntax error, not for its depth.
  const depth = Math.floor((maxBytes - lead.length - 2) / (open.length + close.length));
  return `${lead}${open.repeat(depth)}0${close.repeat(depth)}}`;
}

/** JSON number literals past what a double holds, as text: 1e400 parses to Infinity, a 20 000-digit integer too. */
export const HUGE_NUMBERS: readonly string[] = ["1e400", "-1e400", "9".repeat(20_000), "1e-400", "9007199254740993"];
