import { describe, expect, it } from "vitest";
import { IndexCorruptError } from "../../../src/core/errors.js";
import { buildQuestionLexicon, serializeQuestionLexicon } from "../../../src/core/lexicon/build-question-lexicon.js";
import { parseQuestionLexicon } from "../../../src/core/lexicon/load-question-lexicon.js";
import { captureError } from "../../support/capture-error.js";

// A lexicon built without the dictionary and the divisions list: small, and enough for the loader.
const small = buildQuestionLexicon({ documents: [{ source: "corpus/a.txt", text: "地区生产总值达1800亿元,森林覆盖率达52%。", lexicon: { terms: [{ from: "五年后", to: ["到2026年"] }], english: [] } }] });

function refusal(stored: string): IndexCorruptError {
  const error = captureError(() => parseQuestionLexicon(stored));
  expect(error).toBeInstanceOf(IndexCorruptError);
  expect((error as Error).message).toContain("npm run ingest");
  return error as IndexCorruptError;
}

describe("parseQuestionLexicon", () => {
  it("reads back what ingest serialises, as a typed lexicon", () => {
    const parsed = parseQuestionLexicon(new TextEncoder().encode(serializeQuestionLexicon(small)));
    expect(parsed).toEqual(small);
    // Only formal terms the corpus uses are kept: 生产总值 occurs inside 地区生产总值, 国内生产总值 nowhere.
    expect(parsed.everyday.find((entry) => entry.from === "gdp")?.to).toEqual(["地区生产总值", "生产总值"]);
    expect(parsed.everyday.find((entry) => entry.from === "看病")).toBeUndefined();
    expect(parsed.reports[0]?.terms[0]).toMatchObject({ from: "五年后", to: ["到2026年"], inCorpus: false });
  });

  it("refuses a file that is not JSON, naming the file and what to run", () => {
    expect(refusal("{not json").message).toMatch(/lexicon file is not valid JSON/u);
  });

  it("refuses a file of another shape with the place of the first problem", () => {
    const broken = JSON.parse(serializeQuestionLexicon(small)) as { everyday: { to: unknown }[] };
    broken.everyday[0]!.to = "地区生产总值";
    expect(refusal(JSON.stringify(broken)).message).toMatch(/not a question lexicon this version reads \(expected everyday entries .* at everyday\)/u);
    expect(refusal(JSON.stringify({ ...small, format: 99 })).message).toMatch(/format/u);
  });

  it("refuses English keys that are not [term, weight 0–1] lists", () => {
    const broken = { ...small, english: { ...small.english, glosses: { forest: [["森林", 7]] } } };
    expect(refusal(JSON.stringify(broken)).message).toMatch(/english\.glosses/u);
  });

  it("refuses keys made by another English stemmer", () => {
    const other = { ...small, english: { ...small.english, stemmer: "porter-v0" } };
    expect(refusal(JSON.stringify(other)).message).toMatch(/English stemmer porter-v0/u);
  });
});
