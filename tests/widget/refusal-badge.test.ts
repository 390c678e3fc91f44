import { beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../src/core/pipeline/ask.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import type { AskResponse } from "../../src/widget/api-types.js";
import { refusalBadge } from "../../src/widget/refusal-badge.js";
import { uiStrings } from "../../src/widget/ui-strings.js";
import { reportEngine } from "../support/engine.js";
import { JIANGJIN_ID, twoDistrictEngine } from "../support/multi-document-engine.js";

// The badge above a place refusal names the places the server's response gives: the one report's
// district as before (报告只涉及江津区), both districts over two reports, none when none is sent.

const zh = uiStrings("zh");
const en = uiStrings("en");

let single: QaEngine;
let two: QaEngine;

beforeAll(async () => {
  [single, two] = await Promise.all([reportEngine(), twoDistrictEngine()]);
});

const asked = async (engine: QaEngine, question: string, documents?: string[]): Promise<AskResponse> =>
  askResponseSchema.parse(await ask(engine, { question, ...(documents ? { documents } : {}) }));

describe("the refusal badge", () => {
  it("over the one report, reads as it always did in Chinese, from the place the response names", async () => {
    const place = await asked(single, "合川区地区生产总值是多少");
    expect(place.refusalPlaces).toEqual([{ place: "江津区", placeInEnglish: "Jiangjin District", parent: "重庆市", parentInEnglish: "Chongqing" }]);
    expect(refusalBadge(place, zh)).toBe("报告只涉及江津区");
    expect(refusalBadge(place, en)).toBe("The report covers Jiangjin District only");
    const level = await asked(single, "重庆市的地区生产总值是多少");
    expect(level.abstentionReason).toBe("other-level");
    expect(refusalBadge(level, zh)).toBe("报告只涉及江津区，不是整个重庆市");
    expect(refusalBadge(level, en)).toBe("The report covers Jiangjin District, not Chongqing as a whole");
  });

  it("over two district reports, names both districts, or the one the question was limited to", async () => {
    const place = await asked(two, "合川区地区生产总值是多少");
    expect(refusalBadge(place, zh)).toBe("这些报告只涉及江津区、永川区");
    const level = await asked(two, "重庆市的地区生产总值是多少");
    expect(refusalBadge(level, zh)).toBe("这些报告只涉及江津区、永川区，不是整个重庆市");
    const limited = await asked(two, "永川区地区生产总值是多少", [JIANGJIN_ID]);
    expect(limited.abstentionReason).toBe("other-place");
    expect(refusalBadge(limited, zh)).toBe("报告只涉及江津区");
  });

  it("names no place when the response gives none, and leaves other refusals' badges alone", async () => {
    const place = await asked(single, "合川区地区生产总值是多少");
    const { refusalPlaces: _dropped, ...withoutPlaces } = place;
    expect(refusalBadge(withoutPlaces, zh)).toBe(zh.notCovered["other-place"]);
    expect(refusalBadge(withoutPlaces, zh)).not.toContain("江津");
    const year = await asked(single, "2035年地区生产总值是多少");
    expect(year.abstentionReason).toBe("other-year");
    expect(year.refusalPlaces).toBeUndefined();
    expect(refusalBadge(year, zh)).toBe("报告未涉及该年份");
  });
});
