import { describe, expect, it } from "vitest";
import { findPlaceMentions, placeParents, placeRelation } from "../../../src/core/lexicon/place-mentions.js";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { committedLexicon } from "../../support/committed-lexicon.js";

const lexicon = committedLexicon();
const subject = lexicon.reports[0]?.subject;
const mentions = (question: string) =>
  findPlaceMentions(normalizeText(question), lexicon).map((mention) => ({ form: mention.form, name: mention.name, relation: placeRelation(mention, subject) }));

describe("the gazetteer in the committed lexicon", () => {
  it("knows the report's subject and the divisions above it", () => {
    expect(subject).toMatchObject({ place: "江津区", forms: ["江津"], parents: ["重庆市"] });
    expect(placeParents("江津区", lexicon)).toEqual(["重庆市"]);
    expect(placeParents("合江县", lexicon)).toEqual(["泸州市", "四川省"]);
  });

  it("tells the subject, its parent city, a place inside it and somewhere else apart", () => {
    expect(mentions("江津区的地区生产总值")).toEqual([{ form: "江津区", name: "江津区", relation: "subject" }]);
    expect(mentions("重庆市的GDP是多少")).toEqual([{ form: "重庆市", name: "重庆市", relation: "parent" }]);
    expect(mentions("珞璜港呢")).toEqual([{ form: "珞璜", name: "珞璜", relation: "local" }]);
    expect(mentions("成都和永川怎么样")).toEqual([
      { form: "成都", name: "成都市", relation: "other" },
      { form: "永川", name: "永川区", relation: "other" },
    ]);
  });

  it("matches whole names only: a place inside a longer word of the report is not a mention", () => {
    // 綦江河 is a river of the report, not the district 綦江区; 习水 is in the name of a road.
    expect(mentions("綦江河水质怎么样")).toEqual([]);
    expect(mentions("綦江的工业")).toEqual([{ form: "綦江", name: "綦江区", relation: "other" }]);
    expect(findPlaceMentions(normalizeText("长江保护"), lexicon, new Set(["长江保护"]))).toEqual([]);
  });

  it("leaves short names that are common words alone, and knows counties of other provinces by their full names", () => {
    expect(mentions("长寿之乡康养城")).toEqual([]);
    expect(mentions("长寿区")).toEqual([{ form: "长寿区", name: "长寿区", relation: "other" }]);
    expect(mentions("昆山市和新城区")).toEqual([{ form: "昆山市", name: "昆山市", relation: "other" }]);
  });
});
