import { beforeAll, describe, expect, it } from "vitest";
import type { Chunk } from "../../src/core/chunking/chunk.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { normalizeText, normalizeWithOffsets } from "../../src/core/text/normalize.js";
import { splitClauses, splitSentences } from "../../src/core/text/sentences.js";
import { tokenize } from "../../src/core/text/tokenize.js";
import { bestMatchingSpan, characterContainment } from "../../src/core/verification/character-overlap.js";
import { findChineseNumerals, findNumbers, normalizeChineseNumerals } from "../../src/core/verification/numbers.js";
import { verifyText } from "../../src/core/verification/verify-text.js";
import { ADVERSARIAL_TEXTS } from "../support/adversarial-text.js";
import { reportText } from "../support/corpus.js";
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
}

let engine: QaEngine;
let longestChunk: Chunk;
beforeAll(async () => {
  engine = await reportEngine();
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
  // Sentence splitting, retrieval, alignment and number checks together; a refusal (no
  // sentence, too many sentences) is an answer too and must come as fast. Each sentence
  // costs a retrieval whatever its length, so a short text costs more per character (1 k of
  // whitespace around one digit: ~3× the 64 k one): here only growth with length counts.
  "verifyText (verify-text.ts)": {
    scan: (text) => verifyText(engine, text).catch(() => undefined),
    options: { samples: 3 },
    spread: growth,
  },
};

describe("scanners over user text run in linear time", () => {
  for (const [name, scanner] of Object.entries(SCANNERS)) {
    it(`${name}: time per character at ${SIZES.join(", ")} characters within ${BOUND}× on every adversarial family`, async () => {
      const slow: string[] = [];
      for (const [family, make] of Object.entries(ADVERSARIAL_TEXTS)) {
        const texts = SIZES.map((size) => (scanner.prepare ?? ((text: string) => text))(make(size)));
        const measure = scanner.spread ?? spread;
        const costs = await settledCosts(scanner.scan, texts, BOUND, scanner.options, measure);
        if (measure(costs) > BOUND) slow.push(`${family}: ${costs.map((cost) => `${cost.toFixed(1)} ns`).join(" / ")} per character`);
      }
      expect(slow, `per-character cost at ${SIZES.join(" / ")} characters`).toEqual([]);
    }, 300_000);
  }
});
