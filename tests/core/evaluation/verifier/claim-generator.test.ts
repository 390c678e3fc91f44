import { describe, expect, it } from "vitest";
import { generateClaims, type GeneratorInput } from "../../../../src/core/evaluation/verifier/claim-generator.js";
import { labelledClaimSchema, type LabelledClaim } from "../../../../src/core/evaluation/verifier/labelled-claim.js";
import { findFigures } from "../../../../src/core/verification/figures.js";
import type { ClaimVerdict } from "../../../../src/core/verification/verification-schema.js";
import { committedLexicon } from "../../../support/committed-lexicon.js";
import { reportText } from "../../../support/corpus.js";

/**
 * The seeded claim generator (src/core/evaluation/verifier/claim-generator.ts) that the
 * grounding checker is measured on: its labels are the truth the verifier's precision and
 * recall are computed against, so a wrong label or a leak between the halves would make
 * every score it feeds meaningless.
 */

const lexicon = committedLexicon();
const subject = lexicon.reports[0]!.subject!;
// As src/cli/eval-verifier.ts builds them: the other counties of the subject's prefecture.
const otherPlaces = lexicon.places.filter((place) => place.level === "county" && place.parent === subject.parents[0] && place.name !== subject.place).map((place) => place.name);
// Words of the report for word salads (the CLI takes them from jieba; two-character runs of the report stand in).
const words = [...new Set(reportText.match(/\p{Script=Han}{2}/gu) ?? [])].slice(0, 400);
const input: GeneratorInput = { text: reportText, subject, otherPlaces, words };

/** The label each kind of claim gets (the generator's header and eval/claims/README.md). */
const LABEL_OF_KIND: Readonly<Record<string, ClaimVerdict>> = {
  verbatim: "supported",
  reworded: "supported",
  "number-changed": "contradicted",
  "date-changed": "contradicted",
  "unit-changed": "contradicted",
  "place-changed": "contradicted",
  "member-changed": "contradicted",
  "other-district": "contradicted",
  "added-detail": "partly-supported",
  "word-salad": "not-found",
};

const dev = generateClaims(input, "dev", 1);
const blind = generateClaims(input, "blind", 2);

/** Each derived claim with the report sentence it was made from (the verbatim claim it follows). */
function withSources(claims: readonly LabelledClaim[]): { claim: LabelledClaim; source: string }[] {
  let source: string | undefined;
  const derived: { claim: LabelledClaim; source: string }[] = [];
  for (const claim of claims) {
    if (claim.kind === "verbatim") source = claim.claim;
    else if (claim.kind !== "word-salad") derived.push({ claim, source: source! });
  }
  return derived;
}

/** Where two texts differ: the common prefix and suffix cut away (widened to whole numbers). */
function difference(left: string, right: string, wholeNumbers = true): { left: string; right: string; at: number } {
  let start = 0;
  while (start < left.length && start < right.length && left[start] === right[start]) start++;
  let end = 0;
  while (end < left.length - start && end < right.length - start && left[left.length - 1 - end] === right[right.length - 1 - end]) end++;
  // Widened to whole numbers: 1 → 10 differs in the number, not in an inserted 0.
  const numeral = /[\d.]/u;
  while (wholeNumbers && start > 0 && numeral.test(left[start - 1]!)) start--;
  while (wholeNumbers && end > 0 && numeral.test(left[left.length - end]!)) end--;
  return { left: left.slice(start, left.length - end), right: right.slice(start, right.length - end), at: start };
}

describe("generateClaims", () => {
  it("gives the same claims for the same seed, and other claims for another seed", () => {
    expect(generateClaims(input, "dev", 1)).toEqual(dev);
    expect(generateClaims(input, "blind", 2)).toEqual(blind);
    // Generating another half in between changes nothing (no state carried over).
    generateClaims(input, "blind", 7);
    expect(generateClaims(input, "dev", 1)).toEqual(dev);
    const reseeded = generateClaims(input, "dev", 3);
    expect(reseeded.map((claim) => claim.claim)).not.toEqual(dev.map((claim) => claim.claim));
    // The same report sentences, verbatim, whatever the seed.
    const verbatim = (claims: readonly LabelledClaim[]): string[] => claims.filter((claim) => claim.kind === "verbatim").map((claim) => claim.claim);
    expect(verbatim(reseeded)).toEqual(verbatim(dev));
  });

  it("makes hundreds of well-formed claims per half, ids unique and naming the half", () => {
    for (const [half, claims] of [["dev", dev], ["blind", blind]] as const) {
      expect(claims.length).toBeGreaterThan(200);
      for (const claim of claims) expect(labelledClaimSchema.parse(claim)).toEqual(claim);
      expect(new Set(claims.map((claim) => claim.id)).size).toBe(claims.length);
      for (const claim of claims) expect(claim.id).toMatch(new RegExp(`^gen-${half}-\\d{4}$`, "u"));
    }
  });

  it("takes the dev and blind halves from different sentences of the report: no verbatim sentence in both", () => {
    const verbatim = (claims: readonly LabelledClaim[]): Set<string> => new Set(claims.filter((claim) => claim.kind === "verbatim").map((claim) => claim.claim));
    const devSentences = verbatim(dev);
    const blindSentences = verbatim(blind);
    expect(devSentences.size).toBeGreaterThan(50);
    expect(blindSentences.size).toBeGreaterThan(50);
    expect([...devSentences].filter((sentence) => blindSentences.has(sentence))).toEqual([]);
    // Nor does a claim derived in one half restate a sentence of the other verbatim.
    const devDerivedTexts = new Set(dev.map((claim) => claim.claim));
    expect([...blindSentences].filter((sentence) => devDerivedTexts.has(sentence))).toEqual([]);
    for (const sentence of [...devSentences, ...blindSentences]) expect(reportText).toContain(sentence);
  });

  it("labels each kind of claim as documented, and makes every kind in both halves", () => {
    for (const claims of [dev, blind]) {
      for (const claim of claims) expect(claim.label, `${claim.kind}: ${claim.claim}`).toBe(LABEL_OF_KIND[claim.kind]);
      expect(new Set(claims.map((claim) => claim.kind))).toEqual(new Set(Object.keys(LABEL_OF_KIND)));
    }
  });

  it("changes exactly one number of its source sentence in every number-changed claim", () => {
    const changed = [...withSources(dev), ...withSources(blind)].filter(({ claim }) => claim.kind === "number-changed");
    expect(changed.length).toBeGreaterThan(30);
    for (const { claim, source } of changed) {
      const before = findFigures(source);
      const after = findFigures(claim.claim);
      expect(after.map((figure) => figure.unit), claim.claim).toEqual(before.map((figure) => figure.unit));
      const differing = before.filter((figure, index) => figure.value !== after[index]!.value);
      expect(differing, `${source} → ${claim.claim}`).toHaveLength(1);
      // Only the digits changed, nothing around them, and the note says which.
      const { left, right } = difference(source, claim.claim);
      expect(left, claim.claim).toMatch(/^[\d.]+$/u);
      expect(right, claim.claim).toMatch(/^[\d.]+$/u);
      expect(claim.note).toMatch(/^[\d.]+ → [\d.]+$/u);
      const [from, to] = claim.note!.split(" → ");
      expect(Number(to)).not.toBe(Number(from));
      expect(source).toContain(from!);
      expect(claim.claim).toContain(to!);
    }
  });

  it("changes exactly one year in a date-changed claim, and only 亿 for 万 (or back) in a unit-changed one", () => {
    for (const { claim, source } of [...withSources(dev), ...withSources(blind)]) {
      if (claim.kind === "date-changed") {
        const { left, right } = difference(source, claim.claim);
        expect(`${left} → ${right}`, claim.claim).toMatch(/^\d{1,4} → \d{1,4}$/u);
        const years = (text: string): string[] => findFigures(text).filter((figure) => figure.kind === "year").map((figure) => figure.value);
        expect(years(claim.claim).filter((year, index) => year !== years(source)[index]), claim.claim).toHaveLength(1);
      }
      if (claim.kind === "unit-changed") {
        const { left, right } = difference(source, claim.claim, false);
        expect(`${left}${right}`, claim.claim).toMatch(/^(?:亿万|万亿)$/u);
        expect(claim.note).toBe(`${left} → ${right}`);
      }
    }
  });

  it("names another town of the report in a place-changed claim, and another district in an other-district one", () => {
    const derived = [...withSources(dev), ...withSources(blind)];
    for (const { claim, source } of derived.filter(({ claim }) => claim.kind === "place-changed")) {
      const [from, to] = claim.note!.split(" → ");
      expect(subject.localPlaces).toContain(from);
      expect(subject.localPlaces).toContain(to);
      expect(source).toContain(from!);
      expect(source).not.toContain(to!);
      expect(claim.claim).toContain(to!);
      expect(claim.claim).not.toContain(from!);
    }
    for (const { claim } of derived.filter(({ claim }) => claim.kind === "other-district")) {
      const other = claim.note!.replace(/^said of /u, "");
      expect(otherPlaces).toContain(other);
      expect(claim.claim).toContain(other);
      expect(claim.claim).not.toContain(subject.place);
    }
  });

  it("keeps the source sentence whole in an added-detail claim, and builds word salads from the report's words only", () => {
    const derived = [...withSources(dev), ...withSources(blind)];
    for (const { claim, source } of derived.filter(({ claim }) => claim.kind === "added-detail")) {
      expect(claim.claim.startsWith(`${source}，`), claim.claim).toBe(true);
      expect(claim.claim.length).toBeGreaterThan(source.length + 1);
    }
    const vocabulary = new Set(words);
    for (const claim of [...dev, ...blind].filter((item) => item.kind === "word-salad")) {
      const body = claim.claim.replace(new RegExp(`^${subject.forms[0]}`, "u"), "").replace("，", "");
      expect(body.length, claim.claim).toBe(12);
      for (let at = 0; at < body.length; at += 2) expect(vocabulary.has(body.slice(at, at + 2)), claim.claim).toBe(true);
    }
  });
});
