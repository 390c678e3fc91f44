import { beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import type { VerifiedClaim } from "../../../src/core/verification/verification-schema.js";
import { verifyText } from "../../../src/core/verification/verify-text.js";
import { twoDistrictEngine, YONGCHUAN_SOURCE } from "../../support/multi-document-engine.js";

// Over a corpus of two district reports, a claim's implied place is the subject of the document
// each passage comes from: a claim about 永川区 checked against the 永川 report is about that
// report's own subject, not "another district"; said of 江津区 it is not what the 永川 report says.

let engine: QaEngine;

beforeAll(async () => {
  engine = await twoDistrictEngine();
});

const only = async (text: string, candidates?: QaEngine["chunks"]): Promise<VerifiedClaim> => {
  const checked = await verifyText(engine, text, undefined, candidates ? { candidates } : {});
  expect(checked.claims, text).toHaveLength(1);
  return checked.claims[0]!;
};

const YONGCHUAN_CLAIM = "永川区职业院校在校生达到15万人。"; // the 永川 fixture: 全区职业院校在校生达到15万人
const SAID_OF_JIANGJIN = "江津区职业院校在校生达到15万人。";

describe("verifyText over two district reports", () => {
  it("supports a true 永川 claim with a span of the 永川 report, naming 永川区 not counted as another place", async () => {
    const claim = await only(YONGCHUAN_CLAIM);
    expect(claim.verdict).toBe("supported");
    expect(claim.spans[0]?.source).toBe(YONGCHUAN_SOURCE);
    expect(claim.reasons.map((reason) => reason.kind)).not.toContain("place-differs");
  });

  it("does not support the same claim said of 江津区", async () => {
    const claim = await only(SAID_OF_JIANGJIN);
    expect(["contradicted", "not-found"]).toContain(claim.verdict);
    if (claim.verdict === "contradicted") expect(claim.reasons.map((reason) => reason.kind)).toContain("place-differs");
  });

  it("checked against the 永川 passages alone (as the gate does), the 永川 claim holds and the 江津 one is another place", async () => {
    const yongchuan = engine.chunks.filter((chunk) => chunk.source === YONGCHUAN_SOURCE);
    const claim = await only(YONGCHUAN_CLAIM, yongchuan);
    expect(claim.verdict).toBe("supported");
    const other = await only(SAID_OF_JIANGJIN, yongchuan);
    expect(other.verdict).not.toBe("supported");
    expect(other.verdict).not.toBe("partly-supported");
    expect(other.reasons).toContainEqual(expect.objectContaining({ kind: "place-differs", claim: "江津区", report: "永川区" }));
  });
});

describe("what a figure's reason says of the passage's own report", () => {
  it("calls a figure only the 永川 report states “nowhere in the report” when the passages checked are the 江津 report's", async () => {
    const jiangjin = engine.chunks.filter((chunk) => chunk.source !== YONGCHUAN_SOURCE);
    const claim = await only("江津区职业院校在校生达到18万人。", jiangjin);
    const figureReasons = claim.reasons.filter((reason) => reason.kind === "number-not-in-span");
    expect(figureReasons.length).toBeGreaterThan(0);
    for (const reason of figureReasons) expect(reason.message).toBe("18万人 is nowhere in the report");
  });
});
