import { beforeAll, describe, expect, it } from "vitest";
import type { Chunk } from "../../src/core/chunking/chunk.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { normalizeText, normalizeWithOffsets } from "../../src/core/text/normalize.js";
import { splitClauses, splitSentences } from "../../src/core/text/sentences.js";
import { tokenize } from "../../src/core/text/tokenize.js";
import { bestMatchingSpan, characterContainment } from "../../src/core/verification/character-overlap.js";
import { listsOf } from "../../src/core/verification/claim-check.js";
import { splitClaims } from "../../src/core/verification/claims.js";
import { findFigures } from "../../src/core/verification/figures.js";
import { findChineseNumerals, findNumbers, normalizeChineseNumerals } from "../../src/core/verification/numbers.js";
import { verifyText } from "../../src/core/verification/verify-text.js";
import { loadJiebaWasmSegmenter } from "../../src/adapters/node/jieba-wasm-segmenter.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import { ADVERSARIAL_TEXTS } from "../support/adversarial-text.js";
import { committedLexicon } from "../support/committed-lexicon.js";
import { reportDocument, reportText } from "../support/corpus.js";
import { reportEngine } from "../support/engine.js";
import { growth, settledCosts, spread, type CostOptions, type Spread } from "../support/per-character-cost.js";

/**
 * Every scanner that reads user text runs in time linear in its length: over each
 * adversarial family (tests/support/adversarial-text.ts) the time per character at 1 k,
 * 8 k and 64 k characters stays within 2× of each other. A scanner that re-reads a run per
 * character (quadratic) shows 8× from 8 k to 64 k and 64× from 1 k. Only ratios of times
 * measured in the same run are compared (tests/support/per-character-cost.ts), never
 * absolute times.
 */

const SIZES = [1_000, 8_000, 64_000];
const BOUND = 2;

interface Scanner {
  readonly scan: (text: string) => unknown;
  /** What the scanner is given, from the family's text (tokenize reads normalised text). */
  readonly prepare?: (text: string) => string;
  readonly options?: CostOptions;
  /** How the costs at the three sizes are compared (default: largest over smallest). */
  readonly spread?: Spread;
  /** Families beyond the shared ones (tests/support/adversarial-text.ts) this scanner is timed on. */
  readonly families?: Readonly<Record<string, (length: number) => string>>;
  /** Only these of the shared families (default: all of them). */
  readonly sharedFamilies?: readonly (keyof typeof ADVERSARIAL_TEXTS)[];
  /** Text lengths compared (default SIZES). */
  readonly sizes?: readonly number[];
}

/** `pattern` repeated to exactly `length` UTF-16 units (the patterns below have no surrogate pairs). */
const repeatTo = (pattern: string, length: number): string => pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);

/**
 * What makes the claim-level checker look further ahead or keep a run open: figures with
 * scales and units after them (万万万, 1800亿元…, "1 billion yuan"), enumerations (、、、, A、B和C),
 * clauses too short to be a claim of their own (江津，江津，…) and runs of digits.
 */
const VERIFIER_TEXTS: Readonly<Record<string, (length: number) => string>> = {
  "enumeration commas only (、、、)": (length) => repeatTo("、", length),
  "list members (江津、綦江、…)": (length) => repeatTo("江津、綦江、", length),
  "list members with joiners (甲和乙、丙及丁、…)": (length) => repeatTo("甲和乙、丙及丁、", length),
  "commas only (，，，)": (length) => repeatTo("，", length),
  "short clauses (江津，…)": (length) => repeatTo("江津，", length),
  "scale characters only (万万万)": (length) => repeatTo("万", length),
  "one digit, then scale characters (1万万万…)": (length) => `1${repeatTo("万", length - 1)}`,
  "figures with scale and unit (1800亿元…)": (length) => repeatTo("1800亿元", length),
  "spoken percentages (百分之5…)": (length) => repeatTo("百分之5", length),
  "years (2026年…)": (length) => repeatTo("2026年", length),
  "English figures (1 billion yuan …)": (length) => repeatTo("1 billion yuan ", length),
  "English scale words after one number (1 billion billion …)": (length) => `1 ${repeatTo("billion ", length - 2)}`,
  "one run of digits, then a unit": (length) => `${"9".repeat(length - 3)}亿元。`,
};

let engine: QaEngine;
let segmentingEngine: QaEngine;
let longestChunk: Chunk;
beforeAll(async () => {
  engine = await reportEngine();
  // The verifier cuts claims into words with the engine's segmenter (jieba, as Node and Workers serve).
  segmentingEngine = await buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, { lexicon: committedLexicon(), segmenter: await loadJiebaWasmSegmenter() });
  longestChunk = [...engine.chunks].sort((left, right) => right.text.length - left.text.length)[0]!;
});

const SCANNERS: Readonly<Record<string, Scanner>> = {
  "findChineseNumerals (numbers.ts)": { scan: findChineseNumerals },
  "normalizeChineseNumerals (numbers.ts)": { scan: normalizeChineseNumerals },
  "findNumbers (numbers.ts)": { scan: findNumbers },
  "normalizeWithOffsets (normalize.ts)": { scan: normalizeWithOffsets },
  "normalizeText (normalize.ts)": { scan: normalizeText },
  "splitSentences (sentences.ts)": { scan: (text) => splitSentences(text) },
  "splitClauses (sentences.ts)": { scan: (text) => splitClauses(text, 0, text.length) },
  "tokenize (tokenize.ts)": { scan: (text) => tokenize(text), prepare: normalizeText },
  // The text as the sentence checked: the report is the (cached) text it is looked up in.
  "characterContainment (character-overlap.ts)": { scan: (text) => characterContainment(text, reportText) },
  "bestMatchingSpan over the longest chunk (character-overlap.ts)": { scan: (text) => bestMatchingSpan(text, longestChunk) },
  "findFigures (figures.ts)": { scan: findFigures, families: VERIFIER_TEXTS },
  "splitClaims (claims.ts)": { scan: splitClaims, families: VERIFIER_TEXTS },
  "listsOf (claim-check.ts)": { scan: listsOf, families: VERIFIER_TEXTS },
  // Claim splitting, retrieval, alignment and the figure, place and list checks together; a
  // refusal (no claim, too many claims) is an answer too and must come as fast. Each claim
  // costs a retrieval whatever its length, so a short text costs more per character (1 k of
  // whitespace around one digit: ~3× the 64 k one): here only growth with length counts.
  "verifyText (verify-text.ts)": {
    scan: (text) => verifyText(segmentingEngine, text).catch(() => undefined),
    options: { samples: 3 },
    spread: growth,
    families: VERIFIER_TEXTS,
  },
  // Without a segmenter (jieba failed to load: Intl.Segmenter stands in) an English claim is
  // read by the question reader whole. Up to 16 k characters (the API takes 20 k): at 64 k the
  // run would exhaust the heap if the cost grew faster than the text.
  "verifyText without a word segmenter, on English-looking text (verify-text.ts)": {
    scan: (text) => verifyText(engine, text).catch(() => undefined),
    options: { samples: 3 },
    spread: growth,
    sizes: [1_000, 4_000, 16_000],
    sharedFamilies: ["Latin letters without spaces", "mixed scripts", "combining marks on letters"],
    families: { "English figures (1 billion yuan …)": VERIFIER_TEXTS["English figures (1 billion yuan …)"]! },
  },
};

describe("scanners over user text run in linear time", () => {
  for (const [name, scanner] of Object.entries(SCANNERS)) {
    const sizes = scanner.sizes ?? SIZES;
    const shared = scanner.sharedFamilies ? Object.fromEntries(scanner.sharedFamilies.map((family) => [family, ADVERSARIAL_TEXTS[family]!])) : ADVERSARIAL_TEXTS;
    it(`${name}: time per character at ${sizes.join(", ")} characters within ${BOUND}× on every adversarial family`, async () => {
      const slow: string[] = [];
      for (const [family, make] of Object.entries({ ...shared, ...scanner.families })) {
        const texts = sizes.map((size) => (scanner.prepare ?? ((text: string) => text))(make(size)));
        const measure = scanner.spread ?? spread;
        const costs = await settledCosts(scanner.scan, texts, BOUND, scanner.options, measure);
        if (measure(costs) > BOUND) slow.push(`${family}: ${costs.map((cost) => `${cost.toFixed(1)} ns`).join(" / ")} per character`);
      }
      expect(slow, `per-character cost at ${sizes.join(" / ")} characters`).toEqual([]);
    }, 300_000);
  }
});
