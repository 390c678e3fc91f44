import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { QaError } from "../../../src/core/errors.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { splitSentences } from "../../../src/core/text/sentences.js";
import { MAX_VERIFY_CLAIMS, verificationResultSchema, type ClaimReason, type VerificationResult, type VerifiedClaim } from "../../../src/core/verification/verification-schema.js";
import { verifyText } from "../../../src/core/verification/verify-text.js";
import { DEFAULT_VERIFIER_SETTINGS } from "../../../src/core/verification/verifier-settings.js";
import { loadJiebaWasmSegmenter } from "../../../src/adapters/node/jieba-wasm-segmenter.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../../../src/core/chunking/chunk.js";
import { buildInMemoryEngine } from "../../../src/core/pipeline/in-memory-engine.js";
import { committedLexicon } from "../../support/committed-lexicon.js";
import { reportDocument, reportText } from "../../support/corpus.js";
import { reportEngine } from "../../support/engine.js";

// A press release about the congress: a dateline, a sentence copied from the report (two
// claims), a line of punctuation, an invented sentence, a changed figure and 百分之六 for 6%.
const COPIED = "森林覆盖率达52%,空气优良天数稳定达300天以上。"; // verbatim from the report
const INVENTED = "我们的足球队昨天晚上赢得了冠军奖杯。"; // the report says nothing like it
const WRONG_NUMBER = "到2026年，地区生产总值达2500亿元左右。"; // the report says 1800亿元
const CHINESE_PERCENT = "到2026年，地区生产总值年均增长百分之六以上。"; // the report writes 6%
const PRESS_RELEASE = `江津日报讯\n\n${COPIED}\n——\n${INVENTED}${WRONG_NUMBER}${CHINESE_PERCENT}\n`;

let engine: QaEngine;
let result: VerificationResult;

const claimOf = (checked: VerificationResult, text: string): VerifiedClaim => {
  const found = checked.claims.find((candidate) => candidate.text === text);
  if (!found) throw new Error(`claim not in the result: ${text} (claims: ${checked.claims.map((claim) => claim.text).join(" | ")})`);
  return found;
};
const only = async (text: string): Promise<VerifiedClaim> => {
  const checked = await verifyText(engine, text);
  expect(checked.claims, text).toHaveLength(1);
  return checked.claims[0]!;
};
const reasonOf = (claim: VerifiedClaim, kind: ClaimReason["kind"]): ClaimReason => {
  const found = claim.reasons.find((reason) => reason.kind === kind);
  if (!found) throw new Error(`no ${kind} reason for ${claim.text}: ${JSON.stringify(claim.reasons)}`);
  return found;
};
/** A figure reason points at the report's figure: its offsets slice the report to it. */
function expectReportFigure(reason: ClaimReason, claimFigure: string, reportFigure: string): void {
  expect(reason).toMatchObject({ claim: claimFigure, report: reportFigure });
  if (!("reportStart" in reason)) throw new Error(`${reason.kind} carries no report offsets`);
  expect(reportText.slice(reason.reportStart, reason.reportEnd)).toBe(reportFigure);
  expect(reason.message).toContain(claimFigure);
  expect(reason.message).toContain(reportFigure);
}
const sectionOf = (quote: string): string[] => {
  const found = engine.chunks.find((chunk) => chunk.text.includes(quote));
  if (!found) throw new Error(`no chunk holds ${quote}`);
  return [...found.sectionPath];
};

beforeAll(async () => {
  engine = await reportEngine();
  result = await verifyText(engine, PRESS_RELEASE);
});

describe("verifyText on a press release", () => {
  it("checks every claim once, in order, with offsets into the text, skipping the line of punctuation", () => {
    expect(result.claims.map((claim) => claim.text)).toEqual([
      "江津日报讯",
      "森林覆盖率达52%",
      "空气优良天数稳定达300天以上。",
      INVENTED,
      WRONG_NUMBER,
      CHINESE_PERCENT,
    ]);
    expect(result.claims.map((claim) => claim.sentence)).toEqual([0, 1, 1, 2, 3, 4]);
    for (const claim of result.claims) {
      expect(PRESS_RELEASE.slice(claim.start, claim.end)).toBe(claim.text);
      for (const figure of claim.figures) expect(PRESS_RELEASE.slice(figure.start, figure.end)).toBe(figure.text);
    }
    expect(verificationResultSchema.parse(result)).toEqual(result);
  });

  it("marks a sentence copied from the report supported, quoting the report exactly, in its section", () => {
    const forest = claimOf(result, "森林覆盖率达52%");
    const air = claimOf(result, "空气优良天数稳定达300天以上。");
    for (const claim of [forest, air]) {
      expect(claim.verdict).toBe("supported");
      expect(claim.support).toBe(1);
      expect(claim.reasons).toEqual([]);
      const [best] = claim.spans;
      expect(reportText.slice(best!.quoteStart, best!.quoteEnd)).toBe(best!.quote);
      expect(best!.section).toEqual(["过去五年", "生态优势巩固提升"]);
      expect(best!.quote).toContain(claim.text.replace(/。$/u, ""));
    }
    expect(forest.spans[0]!.quoteStart).toBe(reportText.indexOf("森林覆盖率达52%"));
    expect(air.spans[0]!.quoteStart).toBe(reportText.indexOf("空气优良天数稳定达300天以上"));
  });

  it("marks a claim with a changed number contradicted, naming both figures and where the report states its own", () => {
    const wrong = claimOf(result, WRONG_NUMBER);
    expect(wrong.verdict).toBe("contradicted");
    expectReportFigure(reasonOf(wrong, "number-differs"), "2500亿元", "1800亿元");
    expect(wrong.spans[0]?.quote).toBe("到2026年,地区生产总值达1800亿元左右");
    expect(wrong.figures.map(({ text, value }) => ({ text, value }))).toEqual([
      { text: "2026年", value: "2026" },
      { text: "2500亿元", value: "2500" },
    ]);
  });

  it("reads 百分之六 as the report's 6%", () => {
    const percent = claimOf(result, CHINESE_PERCENT);
    expect(percent.verdict).toBe("supported");
    expect(percent.reasons.filter((reason) => reason.kind !== "words-missing")).toEqual([]);
    expect(percent.figures.map(({ text, value, unit }) => ({ text, value, unit }))).toEqual([
      { text: "2026年", value: "2026", unit: "年" },
      { text: "百分之六", value: "6%", unit: "%" },
    ]);
    expect(percent.spans[0]?.quote).toContain("年均增长6%以上");
  });

  it("marks an invented sentence not found", () => {
    const invented = claimOf(result, INVENTED);
    expect(invented.verdict).toBe("not-found");
    expect(invented.support).toBeLessThan(DEFAULT_VERIFIER_SETTINGS.partlyAt);
  });

  it("keeps at most three distinct spans per claim, each an exact slice of the report", () => {
    for (const claim of result.claims) {
      expect(claim.spans.length).toBeLessThanOrEqual(3);
      expect(new Set(claim.spans.map((span) => `${span.quoteStart}:${span.quoteEnd}`)).size).toBe(claim.spans.length);
      for (const span of claim.spans) expect(reportText.slice(span.quoteStart, span.quoteEnd), claim.text).toBe(span.quote);
    }
  });

  it("sums up the verdicts: contradicted as a whole, since one claim is", () => {
    const count = (verdict: string): number => result.claims.filter((claim) => claim.verdict === verdict).length;
    expect(result.summary).toEqual({
      verdict: "contradicted",
      claims: 6,
      supported: count("supported"),
      partlySupported: count("partly-supported"),
      contradicted: 1,
      notFound: count("not-found"),
      citationRecall: null,
      citationPrecision: null,
      contextSupport: null,
    });
    expect(result.summary.supported).toBeGreaterThanOrEqual(3);
    expect(result.citations).toEqual([]);
  });
});

describe("verifyText on changed facts", () => {
  it("marks a changed year contradicted: date-differs", async () => {
    const claim = await only("到2027年,地区生产总值达1800亿元左右。");
    expect(claim.verdict).toBe("contradicted");
    expectReportFigure(reasonOf(claim, "date-differs"), "2027年", "2026年");
  });

  it("marks 1800亿元 turned into 1800万元 contradicted: unit-differs", async () => {
    const claim = await only("到2026年,地区生产总值达1800万元左右。");
    expect(claim.verdict).toBe("contradicted");
    expectReportFigure(reasonOf(claim, "unit-differs"), "1800万元", "1800亿元");
    expect(claim.reasons.some((reason) => reason.kind === "number-differs")).toBe(false);
  });

  it("marks a town of the report swapped for another town of the report contradicted: place-differs", async () => {
    expect((await only("珞璜港一期、珞璜铁路综合物流枢纽建成投用。")).verdict).toBe("supported");
    const claim = await only("白沙港一期、白沙铁路综合物流枢纽建成投用。");
    expect(claim.verdict).toBe("contradicted");
    expect(reasonOf(claim, "place-differs")).toMatchObject({ claim: "白沙", report: "珞璜" });
  });

  it("does not support a sentence that gives one town's project to another town of the same report sentence", async () => {
    // The report: 德感建设消费品产业城,珞璜建设临港产业城 — 临港产业城 is 珞璜's, not 德感's.
    expect((await only("珞璜建设临港产业城。")).verdict).toBe("supported");
    const claim = await only("德感建设临港产业城。");
    expect(claim.verdict).not.toBe("supported");
    expect(claim.reasons.some((reason) => reason.kind === "place-differs")).toBe(true);
  });

  it("marks a list with one member swapped contradicted: member-differs", async () => {
    const original = "大力发展粮油食品、白酒、纸制品、农产品加工。";
    expect((await only(original)).verdict).toBe("supported");
    const claim = await only(original.replace("白酒", "啤酒"));
    expect(claim.verdict).toBe("contradicted");
    expect(reasonOf(claim, "member-differs")).toMatchObject({ claim: "啤酒", report: "白酒" });
  });

  it("marks a true sentence with an invented clause added partly supported as a whole: one claim supported, one not found", async () => {
    const text = "森林覆盖率达52%,江津区将建设月球基地并举办奥运会。";
    const checked = await verifyText(engine, text);
    expect(checked.claims.map((claim) => [claim.text, claim.verdict])).toEqual([
      ["森林覆盖率达52%", "supported"],
      ["江津区将建设月球基地并举办奥运会。", "not-found"],
    ]);
    expect(checked.summary).toMatchObject({ verdict: "partly-supported", claims: 2, supported: 1, notFound: 1 });
  });

  it("does not hold a not-found sentence's figures against an unrelated nearest span", async () => {
    // 23 and 17 are figures of the report (23家 companies, 17号线), but this sentence matches nothing there.
    const claim = await only("我们的足球队昨晚以23比17赢得了冠军奖杯。");
    expect(claim.verdict).toBe("not-found");
    expect(claim.reasons.filter((reason) => ["number-differs", "unit-differs", "date-differs"].includes(reason.kind))).toEqual([]);
    expect(claim.figures.map((figure) => figure.value)).toEqual(["23", "17"]);
  });

  it("accepts traditional characters and full-width digits as the same text", async () => {
    const simplified = await verifyText(engine, "森林覆盖率达52%，空气优良天数稳定达300天以上。");
    const traditional = await verifyText(engine, "森林覆蓋率達５２％，空氣優良天數穩定達300天以上。");
    expect(traditional.claims.map((claim) => claim.verdict)).toEqual(["supported", "supported"]);
    expect(traditional.claims.map((claim) => [claim.verdict, claim.support, claim.spans[0]?.quoteStart])).toEqual(
      simplified.claims.map((claim) => [claim.verdict, claim.support, claim.spans[0]?.quoteStart]),
    );
    expect(traditional.claims[0]!.figures.map(({ text, value }) => ({ text, value }))).toEqual([{ text: "５２％", value: "52%" }]);
    // Offsets stay those of the text as sent.
    expect(traditional.claims[0]!.text).toBe("森林覆蓋率達５２％");
  });

  it("checks an English claim through the report's Chinese: 180 billion yuan is the report's 1800亿元, 250 billion is not", async () => {
    const right = await only("By 2026, GDP will reach about 180 billion yuan.");
    expect(right.verdict).toBe("supported");
    expect(right.figures.map(({ text }) => text)).toEqual(["2026", "180 billion yuan"]);
    expect(right.spans[0]!.quote).toContain("1800亿元");
    const wrong = await only("By 2026, GDP will reach about 250 billion yuan.");
    expect(wrong.verdict).toBe("contradicted");
    expectReportFigure(reasonOf(wrong, "number-differs"), "250 billion yuan", "1800亿元");
  });

  // Each case is a claim of the report with one figure of it; the verdict on it changed must be contradicted.
  const FIGURES_OF_THE_REPORT = [
    { claim: "社会消费品零售总额达390亿元", digits: "390", figure: "390亿元" },
    { claim: "森林覆盖率达52%", digits: "52", figure: "52%" },
    { claim: "空气优良天数稳定达300天以上。", digits: "300", figure: "300天" },
    { claim: "民营经济对经济增长贡献率达60%。", digits: "60", figure: "60%" },
    { claim: "在津世界500强企业达23家", digits: "23", figure: "23家" },
    { claim: "进出口总额年均增长45.6%。", digits: "45.6", figure: "45.6%" },
    { claim: "城镇建成区面积增加到126.79平方公里", digits: "126.79", figure: "126.79平方公里" },
    { claim: "到2026年,地区生产总值达1800亿元左右", digits: "1800", figure: "1800亿元" },
    { claim: "15个市级贫困村全部摘帽", digits: "15", figure: "15个" },
    { claim: "29654名贫困人口全部脱贫。", digits: "29654", figure: "29654名" },
  ] as const;

  it("never marks a claim supported when one of its figures differs from the report's (property over figures of the report)", async () => {
    for (const { claim } of FIGURES_OF_THE_REPORT) expect(reportText, claim).toContain(claim.replace(/。$/u, ""));
    const changed = fc
      .tuple(fc.constantFrom(...FIGURES_OF_THE_REPORT), fc.integer({ min: 10, max: 90 }), fc.boolean())
      .map(([item, percent, up]) => {
        const decimals = item.digits.split(".")[1]?.length ?? 0;
        const value = (Number(item.digits) * (1 + ((up ? 1 : -1) * percent) / 100)).toFixed(decimals);
        return { ...item, value, text: item.claim.replace(item.digits, value) };
      })
      .filter(({ value, claim }) => Number(value) > 0 && !claim.includes(value));
    await fc.assert(
      fc.asyncProperty(changed, async ({ text, value, figure }) => {
        const claim = await only(text);
        expect(claim.verdict, text).toBe("contradicted");
        const reason = reasonOf(claim, "number-differs");
        expect(reason, text).toMatchObject({ report: figure });
        expect(reason.kind === "number-differs" && reportText.slice(reason.reportStart, reason.reportEnd)).toBe(figure);
        expect((reason as { claim: string }).claim).toContain(value);
      }),
      { seed: 20_261_201, numRuns: 40, examples: [[{ ...FIGURES_OF_THE_REPORT[0], value: "400", text: "社会消费品零售总额达400亿元" }]] },
    );
  });
});

describe("verifyText on the report itself", () => {
  it("finds every claim of the report supported, with a span at its own place (or at a repetition of it)", async () => {
    const sentences = splitSentences(reportText);
    let claims = 0;
    for (let from = 0; from < sentences.length; from += 100) {
      const part = sentences.slice(from, from + 100);
      const offset = part[0]!.start;
      const checked = await verifyText(engine, reportText.slice(offset, part.at(-1)!.end));
      expect(checked.summary.supported, checked.claims.filter((claim) => claim.verdict !== "supported").map((claim) => claim.text).join(" | ")).toBe(checked.summary.claims);
      for (const claim of checked.claims) {
        const at = offset + claim.start;
        const ownPlace = claim.spans.some((span) => span.quoteStart <= at && span.quoteEnd >= offset + claim.end - 1);
        const stated = claim.text.replace(/[。；！？]$/u, "");
        const repeated = reportText.indexOf(stated) !== reportText.lastIndexOf(stated);
        expect(ownPlace || repeated, claim.text).toBe(true);
      }
      claims += checked.summary.claims;
    }
    expect(claims).toBeGreaterThan(500);
  }, 60_000);

  it("reads the report's figures again when the same engine object comes to hold other chunks (as a forwarding engine does after a reindex)", async () => {
    let chunks = engine.chunks;
    const forwarding: QaEngine = {
      ...engine,
      get chunks() {
        return chunks;
      },
    };
    const text = "空气优良天数稳定达300天以上,青蛙湖湿地面积达4321公顷。";
    const newFigure = async (): Promise<ClaimReason> => {
      const checked = await verifyText(forwarding, text);
      return reasonOf(claimOf(checked, "青蛙湖湿地面积达4321公顷。"), "number-not-in-span");
    };
    expect((await newFigure()).message).toMatch(/4321公顷 is nowhere in the report/u);
    chunks = [...engine.chunks, { ...engine.chunks[0]!, id: "appendix", text: "青蛙湖湿地公园面积达4321公顷。" }];
    expect((await newFigure()).message).toMatch(/4321公顷 is in the report, but not in this passage/u);
    chunks = engine.chunks;
    expect((await newFigure()).message).toMatch(/nowhere in the report/u);
  });
});

describe("verifyText with the answer's citations", () => {
  const FOREST = "森林覆盖率达52%";
  const forestAt = (): number => reportText.indexOf(FOREST);

  it("checks a claim against the quote its [1] cites: supported, recall 1, precision 1, the quote exact", async () => {
    const checked = await verifyText(engine, { text: `${FOREST}[1]。`, citations: [{ quote: FOREST, quoteStart: forestAt(), quoteEnd: forestAt() + FOREST.length }] });
    expect(checked.claims).toHaveLength(1);
    expect(checked.claims[0]!.verdict).toBe("supported");
    expect(checked.claims[0]!.cited).toMatchObject({ markers: [1], verdict: "supported" });
    expect(checked.citations).toEqual([{ marker: 1, exact: true, claims: [0], relevant: true }]);
    expect(checked.summary).toMatchObject({ verdict: "supported", citationRecall: 1, citationPrecision: 1, contextSupport: null });
    expect(verificationResultSchema.parse(checked)).toEqual(checked);
  });

  it("judges a [1] citing an unrelated quote not relevant: precision 0, while the claim still stands against the report", async () => {
    const checked = await verifyText(engine, { text: `${FOREST}[1]。`, citations: [{ quote: "我们的足球队昨天晚上赢得了冠军奖杯" }] });
    expect(checked.claims[0]!.verdict).toBe("supported");
    expect(checked.claims[0]!.cited?.verdict).toBe("not-found");
    expect(checked.citations).toEqual([{ marker: 1, exact: null, claims: [0], relevant: false }]);
    expect(checked.summary).toMatchObject({ citationRecall: 0, citationPrecision: 0 });
  });

  it("flags a citation whose quote is not the report's text at its offsets (exact false), and checks the claim against what it quotes", async () => {
    const checked = await verifyText(engine, { text: `${FOREST}[1]。`, citations: [{ quote: "森林覆盖率达55%", quoteStart: forestAt(), quoteEnd: forestAt() + FOREST.length }] });
    expect(checked.citations[0]).toMatchObject({ marker: 1, exact: false, relevant: false });
    expect(checked.claims[0]!.cited?.verdict).toBe("contradicted");
    expect(checked.claims[0]!.verdict).toBe("supported");
  });

  it("judges a quote exact when it is the report's text at its offsets, however the report is chunked", async () => {
    // One paragraph of 综合实力持续增强, longer than the chunk that starts it.
    const start = reportText.indexOf("工业经济做大做强");
    const end = reportText.indexOf("产业结构持续优化") + "产业结构持续优化".length;
    const quote = reportText.slice(start, end);
    const checked = await verifyText(engine, { text: "工业经济做大做强[1]。", citations: [{ quote, quoteStart: start, quoteEnd: end }] });
    expect(checked.claims[0]!.cited?.verdict).toBe("supported");
    expect(checked.citations).toEqual([{ marker: 1, exact: true, claims: [0], relevant: true }]);
  });

  it("reads a citation given by offsets alone from the report, however the report is chunked", async () => {
    const start = reportText.indexOf("工业经济做大做强");
    const end = reportText.indexOf("产业结构持续优化") + "产业结构持续优化".length;
    const checked = await verifyText(engine, { text: "工业经济做大做强[1]。", citations: [{ quoteStart: start, quoteEnd: end }] });
    expect(checked.claims[0]!.cited?.verdict).toBe("supported");
    expect(checked.citations).toEqual([{ marker: 1, exact: null, claims: [0], relevant: true }]);
    expect(checked.summary.citationRecall).toBe(1);
  });

  it("reads a citation given by chunk id or by offsets alone from the report", async () => {
    const holder = engine.chunks.find((chunk) => chunk.text.includes(FOREST))!;
    const byChunk = await verifyText(engine, { text: `${FOREST}[1]。`, citations: [{ chunkId: holder.id }] });
    expect(byChunk.citations).toEqual([{ marker: 1, exact: null, claims: [0], relevant: true }]);
    const byOffsets = await verifyText(engine, { text: `${FOREST}[1]。`, citations: [{ quoteStart: forestAt(), quoteEnd: forestAt() + FOREST.length }] });
    expect(byOffsets.claims[0]!.cited?.verdict).toBe("supported");
    expect(byOffsets.summary).toMatchObject({ citationRecall: 1, citationPrecision: 1 });
  });

  it("scores recall over claims and precision over the citations cited, by marker", async () => {
    const checked = await verifyText(engine, {
      text: `${FOREST}[1],空气优良天数稳定达300天以上[2]。`,
      citations: [
        { marker: 2, quote: "空气优良天数稳定达300天以上" },
        { marker: 1, quote: "民营经济对经济增长贡献率达60%" },
        { marker: 3, quote: FOREST },
      ],
    });
    expect(checked.claims.map((claim) => claim.cited?.markers)).toEqual([[1], [2]]);
    expect(checked.claims.map((claim) => claim.cited?.verdict === "supported")).toEqual([false, true]);
    expect(checked.citations).toEqual([
      { marker: 2, exact: null, claims: [1], relevant: true },
      { marker: 1, exact: null, claims: [0], relevant: false },
      { marker: 3, exact: null, claims: [], relevant: false },
    ]);
    // Citation 3 cites no claim: it counts in neither.
    expect(checked.summary).toMatchObject({ citationRecall: 0.5, citationPrecision: 0.5 });
  });

  it("counts a [1] written after the sentence's full stop as the sentence's citation, not as a claim of its own", async () => {
    // The form of POST /api/verify's own example: {"text": "…1800亿元左右。[1]", "citations": [{"quote": "地区生产总值达1800亿元左右"}]}.
    const checked = await verifyText(engine, { text: "到2026年,地区生产总值达1800亿元左右。[1]", citations: [{ quote: "地区生产总值达1800亿元左右" }] });
    expect(checked.claims.map((claim) => claim.verdict)).toEqual(["supported"]);
    expect(checked.summary.verdict).toBe("supported");
    expect(checked.citations).toEqual([{ marker: 1, exact: null, claims: [0], relevant: true }]);
    expect(checked.summary.citationPrecision).toBe(1);
  });
});

describe("verifyText with the answer's contexts", () => {
  it("checks each claim against the contexts too: a verdict per claim and the share they support", async () => {
    const checked = await verifyText(engine, { text: "森林覆盖率达52%。空气优良天数稳定达300天以上。", contexts: ["过去五年,森林覆盖率达52%。"] });
    expect(checked.claims.map((claim) => claim.verdict)).toEqual(["supported", "supported"]);
    expect(checked.claims.map((claim) => claim.contexts?.verdict)).toEqual(["supported", "not-found"]);
    expect(checked.claims.map((claim) => claim.contexts?.markers)).toEqual([[], []]);
    expect(checked.summary.contextSupport).toBe(0.5);
    expect(checked.summary.citationRecall).toBeNull();
  });

  it("finds a claim the contexts state with another figure contradicted by them, though the report supports it", async () => {
    const checked = await verifyText(engine, { text: "森林覆盖率达52%。", contexts: ["森林覆盖率达55%。", "空气优良天数稳定达300天以上。"] });
    expect(checked.claims[0]!.verdict).toBe("supported");
    expect(checked.claims[0]!.contexts?.verdict).toBe("contradicted");
    expect(checked.claims[0]!.contexts?.reasons.some((reason) => reason.kind === "number-differs" && reason.claim === "52%" && reason.report === "55%")).toBe(true);
    expect(checked.summary.contextSupport).toBe(0);
  });

  it("leaves contexts out of the result when none are given", async () => {
    const checked = await verifyText(engine, "森林覆盖率达52%。");
    expect(checked.claims[0]).not.toHaveProperty("contexts");
    expect(checked.claims[0]).not.toHaveProperty("cited");
    expect(checked.summary.contextSupport).toBeNull();
  });
});

describe("verifyText limits", () => {
  it(`refuses a text of more than ${MAX_VERIFY_CLAIMS} claims with a clear error, and checks one of exactly ${MAX_VERIFY_CLAIMS}`, async () => {
    const error = await verifyText(engine, "江津。".repeat(MAX_VERIFY_CLAIMS + 1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("invalid_parameter");
    expect((error as QaError).message).toContain(`${MAX_VERIFY_CLAIMS + 1} claims; at most ${MAX_VERIFY_CLAIMS}`);
    await expect(verifyText(engine, "江津。".repeat(MAX_VERIFY_CLAIMS))).resolves.toMatchObject({ summary: { claims: MAX_VERIFY_CLAIMS } });
  }, 60_000);

  it("counts claims, not sentences: sentences of two claims each reach the limit at half as many sentences", async () => {
    const sentence = "森林覆盖率达52%,空气优良天数稳定达300天以上。";
    const sentences = Math.floor(MAX_VERIFY_CLAIMS / 2) + 1;
    const error = await verifyText(engine, sentence.repeat(sentences)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).message).toContain(`${sentences * 2} claims`);
  });

  it("refuses a text with no claim to check", async () => {
    const error = await verifyText(engine, " \n。！——\n").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("invalid_parameter");
    expect((error as QaError).message).toMatch(/no claim to check/u);
  });

  it("never lets a wrong figure through as supported, whatever the thresholds", async () => {
    for (const supportedAt of [0, 0.3, 1]) {
      const checked = await verifyText(engine, WRONG_NUMBER, { ...DEFAULT_VERIFIER_SETTINGS, supportedAt, partlyAt: Math.min(supportedAt, 0.55) });
      expect(checked.claims[0]!.verdict, `supportedAt ${supportedAt}`).not.toBe("supported");
    }
  });
});

describe("verifyText with the word segmenter the service runs with (jieba)", () => {
  // tests/support/engine.ts builds its engine without a segmenter; Node and Workers serve with one,
  // and the verifier then weighs a claim's words too.
  let served: QaEngine;
  beforeAll(async () => {
    served = await buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, { lexicon: committedLexicon(), segmenter: await loadJiebaWasmSegmenter() });
  });

  it("gives the same verdicts on the issue's case, a changed unit, an added clause and an invented sentence", async () => {
    const verdicts = async (text: string): Promise<string[]> => (await verifyText(served, text)).claims.map((claim) => claim.verdict);
    expect(await verdicts("到2026年,地区生产总值达2500亿元左右。森林覆盖率达52%。")).toEqual(["contradicted", "supported"]);
    expect(await verdicts("到2026年,地区生产总值达1800万元左右。")).toEqual(["contradicted"]);
    expect(await verdicts("森林覆盖率达52%,江津区将建设月球基地并举办奥运会。")).toEqual(["supported", "not-found"]);
    expect(await verdicts(INVENTED)).toEqual(["not-found"]);
    expect(await verdicts("大力发展粮油食品、啤酒、纸制品、农产品加工。")).toEqual(["contradicted"]);
  });

  it("finds a light rewording of a report sentence supported", async () => {
    const checked = await verifyText(served, "江津区森林覆盖率达到52%。");
    expect(checked.claims.map((claim) => claim.verdict)).toEqual(["supported"]);
  });
});

describe("sections", () => {
  it("quotes the planning target from its own section", async () => {
    const claim = await only("到2026年,地区生产总值达1800亿元左右。");
    expect(claim.verdict).toBe("supported");
    expect(claim.spans[0]!.section).toEqual(sectionOf("到2026年,地区生产总值达1800亿元左右"));
    expect(claim.spans[0]!.section[0]).toBe("未来五年建设“五地一城”");
  });
});
