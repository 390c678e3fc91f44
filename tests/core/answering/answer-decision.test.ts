import { describe, expect, it } from "vitest";
import { absentVocabularyShare, askedAboutHigherLevel, asksForAbsentTotal } from "../../../src/core/answering/answer-checks.js";
import { decideAnswer, type AnswerDecisionSettings, type AnswerFeatures } from "../../../src/core/answering/answer-decision.js";
import type { QuestionAnalysis } from "../../../src/core/answering/question-analysis.js";
import { TermStatistics } from "../../../src/core/answering/term-statistics.js";

const settings: AnswerDecisionSettings = { minimumSupport: 0.6, maximumForeignVocabulary: 0.5, relatedMinimumSupport: 0.3, maximumAbsentVocabulary: 0.5 };

/** A question every check passes for: fully supported, nothing absent, nothing asked that is missing. */
const answered: AnswerFeatures = {
  support: 0.9,
  bestSingleSupport: 0.9,
  foreignShare: 0,
  absentShare: 0,
  asksQuantityAnswered: true,
  asksQuantityRelated: true,
  listCountAnswered: true,
  listGiven: true,
  yearsInEvidence: true,
  quantityKindStated: true,
  figureTermAbsent: false,
  askedRoleFound: true,
  multiPart: false,
  isList: false,
  asksFigure: false,
  onlyFrontMatter: false,
  asksForRole: false,
};
const figureQuestion: AnswerFeatures = { ...answered, asksFigure: true };
const decide = (changes: Partial<AnswerFeatures>, base: AnswerFeatures = answered) => decideAnswer({ ...base, ...changes }, settings);

describe("decideAnswer: refusals on positive evidence", () => {
  it("refuses as not in the report when most of the question's vocabulary is absent from it", () => {
    expect(decide({ absentShare: 0.5 })).toEqual({ kind: "not-in-report", reason: "not-covered" });
    expect(decide({ absentShare: 0.8, support: 0.9 })).toEqual({ kind: "not-in-report", reason: "not-covered" });
    // Control: some absent vocabulary, below the threshold, does not refuse.
    expect(decide({ absentShare: 0.4 })).toEqual({ kind: "direct" });
  });

  it("refuses a who-question whose role the quotes never mention as naming no one", () => {
    expect(decide({ askedRoleFound: false })).toEqual({ kind: "not-in-report", reason: "person-not-named" });
  });

  it("refuses a figure question whose asked kind of figure (a total, not a share) is not stated", () => {
    expect(decide({ quantityKindStated: false }, figureQuestion)).toEqual({ kind: "not-in-report", reason: "figure-not-given" });
  });

  it("refuses a figure question for a total (总面积) the report never gives", () => {
    expect(decide({ figureTermAbsent: true }, figureQuestion)).toEqual({ kind: "not-in-report", reason: "figure-not-given" });
  });

  it("applies the figure checks to figure questions only", () => {
    expect(decide({ quantityKindStated: false, figureTermAbsent: true })).toEqual({ kind: "direct" });
  });

  it("refuses a figure question for a year the quotes do not give with the topic as about another year", () => {
    expect(decide({ yearsInEvidence: false }, figureQuestion)).toEqual({ kind: "not-in-report", reason: "other-year" });
  });

  it("gives a non-figure question whose year is not in the quotes as related, not refused", () => {
    expect(decide({ yearsInEvidence: false })).toEqual({ kind: "related" });
  });

  it("refuses a list question (哪五个) whose quotes do not list that many as not in the report", () => {
    expect(decide({ listCountAnswered: false, isList: true })).toEqual({ kind: "not-in-report", reason: "not-covered" });
    // "作者是谁" answered by "作者:周杭": the role word is the point of the question.
    expect(decide({ asksForRole: true, askedRoleFound: true, support: 0.3, bestSingleSupport: 0.3, onlyFrontMatter: true })).toEqual({ kind: "direct" });
    // The title and byline are no related content: "第十五次党代会是哪一天开幕的" is not answered by the report's title.
    expect(decide({ support: 0.3, bestSingleSupport: 0.3, onlyFrontMatter: true })).toEqual({ kind: "not-in-report", reason: "not-covered" });
    expect(decide({ support: 0.9, bestSingleSupport: 0.9, onlyFrontMatter: true })).toEqual({ kind: "direct" });
    // "分别是哪些公司" answered by a count ("在津世界500强企业达23家"): no list, no answer.
    expect(decide({ listGiven: false, isList: true, support: 0.9, bestSingleSupport: 0.9 })).toEqual({ kind: "not-in-report", reason: "not-covered" });
  });
});

describe("decideAnswer: graded answers", () => {
  it("answers directly when every check passes", () => {
    expect(decide({})).toEqual({ kind: "direct" });
    expect(decide({}, figureQuestion)).toEqual({ kind: "direct" });
  });

  it("answers directly exactly at the minimum support", () => {
    expect(decide({ support: 0.6, bestSingleSupport: 0.6 })).toEqual({ kind: "direct" });
  });

  it("gives partially supported quotes as related content", () => {
    expect(decide({ support: 0.4, bestSingleSupport: 0.4 })).toEqual({ kind: "related" });
    expect(decide({ support: 0.3, bestSingleSupport: 0.3 })).toEqual({ kind: "related" });
  });

  it("needs one quote to answer a single question: spread support is related", () => {
    expect(decide({ support: 0.9, bestSingleSupport: 0.4 })).toEqual({ kind: "related" });
    // A list or a question of several parts may be answered by several quotes together.
    expect(decide({ support: 0.9, bestSingleSupport: 0.4, isList: true })).toEqual({ kind: "direct" });
    expect(decide({ support: 0.9, bestSingleSupport: 0.4, multiPart: true })).toEqual({ kind: "direct" });
  });

  it("gives quotes as related when the question keeps words foreign to the report", () => {
    expect(decide({ foreignShare: 0.5 })).toEqual({ kind: "related" });
    expect(decide({ foreignShare: 0.4 })).toEqual({ kind: "direct" });
  });

  it("refuses a figure question with no figure in its quotes, even at the related level", () => {
    expect(decide({ asksQuantityAnswered: false, asksQuantityRelated: false }, figureQuestion)).toEqual({ kind: "not-in-report", reason: "figure-not-given" });
    expect(decide({ support: 0.4, bestSingleSupport: 0.4, asksQuantityAnswered: false, asksQuantityRelated: false }, figureQuestion)).toEqual({
      kind: "not-in-report",
      reason: "figure-not-given",
    });
  });

  it("gives a figure question whose figure stands in a partly matching quote as related", () => {
    expect(decide({ support: 0.4, bestSingleSupport: 0.4, asksQuantityAnswered: false, asksQuantityRelated: true }, figureQuestion)).toEqual({ kind: "related" });
  });

  it("refuses as not covered when support is low", () => {
    expect(decide({ support: 0.1, bestSingleSupport: 0.1 })).toEqual({ kind: "not-in-report", reason: "not-covered" });
    expect(decide({ support: 0.29, bestSingleSupport: 0.29 })).toEqual({ kind: "not-in-report", reason: "not-covered" });
  });
});

/** A question analysis with only what a check reads set. */
function analysis(changes: Partial<QuestionAnalysis>): QuestionAnalysis {
  return {
    question: "",
    searchText: "",
    kind: "factoid",
    contentTerms: [],
    actionTerms: [],
    termGroups: [],
    years: [],
    places: [],
    focusTerms: [],
    askedAttribute: undefined,
    quantityKind: undefined,
    tense: undefined,
    asksForStatus: false,
    listCount: undefined,
    asksForMembers: false,
    hanCharacterCount: 0,
    latinLetterCount: 0,
    parts: [],
    ...changes,
  };
}

const statistics = new TermStatistics([
  "城镇建成区面积达到126.79平方公里。",
  "全区森林覆盖率达到55%。",
  "编制国土空间总体规划,常住人口城镇化率达到70%。",
  "江津在重庆的定位是同城化发展先行区。",
]);

describe("askedAboutHigherLevel", () => {
  const subject = ["江津"];
  const parents = ["重庆"];

  it("is true for a question naming the parent city alone", () => {
    expect(askedAboutHigherLevel(analysis({ places: ["重庆"] }), subject, parents)).toBe(true);
  });

  it("is false for another district of the parent city (重庆市渝北区): that is another place, not the city as a whole", () => {
    expect(askedAboutHigherLevel(analysis({ places: ["重庆", "渝北"] }), subject, parents)).toBe(false);
  });

  it("is false for a question naming the parent city and the district", () => {
    expect(askedAboutHigherLevel(analysis({ places: ["重庆", "江津"] }), subject, parents)).toBe(false);
  });

  it("is false for a question about the district, or naming no place", () => {
    expect(askedAboutHigherLevel(analysis({ places: ["江津"] }), subject, parents)).toBe(false);
    expect(askedAboutHigherLevel(analysis({ places: [] }), subject, parents)).toBe(false);
  });

  it("is false when the report's subject or its parents are unknown", () => {
    expect(askedAboutHigherLevel(analysis({ places: ["重庆"] }), [], parents)).toBe(false);
    expect(askedAboutHigherLevel(analysis({ places: ["重庆"] }), subject, [])).toBe(false);
  });
});

describe("asksForAbsentTotal", () => {
  it("is true for a how-many question for a total (总面积) when the report gives only the part (面积)", () => {
    expect(asksForAbsentTotal(analysis({ kind: "numeric", contentTerms: ["江津", "总面积"] }), statistics)).toBe(true);
    // 总人口: the report has 人口 (常住人口) only.
    expect(asksForAbsentTotal(analysis({ kind: "numeric", contentTerms: ["总人口"] }), statistics)).toBe(true);
  });

  it("is true for 全区人口, a total its documentation names, when the report has only 人口", () => {
    expect(asksForAbsentTotal(analysis({ kind: "numeric", contentTerms: ["全区人口"] }), statistics)).toBe(true);
  });

  it("is false for a total the report does state (总体规划)", () => {
    expect(asksForAbsentTotal(analysis({ kind: "numeric", contentTerms: ["总体规划"] }), statistics)).toBe(false);
  });

  it("is false when the report has neither the total nor the part", () => {
    expect(asksForAbsentTotal(analysis({ kind: "numeric", contentTerms: ["总预算"] }), statistics)).toBe(false);
  });

  it("is false for the part itself, and for questions that are not how-many questions", () => {
    expect(asksForAbsentTotal(analysis({ kind: "numeric", contentTerms: ["面积"] }), statistics)).toBe(false);
    expect(asksForAbsentTotal(analysis({ kind: "factoid", contentTerms: ["总面积"] }), statistics)).toBe(false);
  });
});

describe("absentVocabularyShare", () => {
  const share = (terms: string[], actions: string[] = []): number => absentVocabularyShare(analysis({ contentTerms: terms, actionTerms: actions }), statistics, 0.25);

  it("counts a missing verb far less than a missing noun", () => {
    expect(share(["森林", "挣到"], ["挣到"])).toBeLessThan(share(["森林", "挣到"]));
  });

  it("is 0 when the report contains every word", () => {
    expect(share(["森林", "覆盖率"])).toBe(0);
  });

  it("is 1 when no word shares anything with the report", () => {
    expect(share(["房价", "天气"])).toBe(1);
  });

  it("weighs each absent word by its rarity", () => {
    const expected = statistics.weight("房价") / (statistics.weight("房价") + statistics.weight("森林"));
    expect(share(["森林", "房价"])).toBeCloseTo(expected, 10);
  });

  it("counts a longer word the report lacks as half absent when it shares two characters with it", () => {
    // 森林公园: the report has 森林, not 森林公园.
    expect(share(["森林公园"])).toBeCloseTo(0.5, 10);
  });

  it("ignores years and figures, and single characters", () => {
    expect(share(["2035", "房价"])).toBe(1);
    expect(share(["房"])).toBe(0);
    expect(share([])).toBe(0);
  });
});
