import type { AbstentionReason } from "../schemas/ask-response.js";

/** A document's place as refusals name it (江津区 / Jiangjin District) and the division above it (重庆市 / Chongqing). */
export interface DocumentPlace {
  readonly place: string;
  readonly placeInEnglish?: string;
  readonly parent?: string;
  readonly parentInEnglish?: string;
}

interface Detail {
  readonly years?: readonly string[];
  readonly places?: readonly string[];
  readonly language?: "zh" | "en";
  /** The places of the documents the question was checked against (their lexicon sidecars' subjects); none known, a wording without one. */
  readonly about?: readonly DocumentPlace[];
}

/** How refusals name the documents' places: "这份报告讲的是江津区" for one, "这些报告讲的是江津区、永川区" for several, in English likewise. */
function placeWording(about: readonly DocumentPlace[]) {
  const parent = about.find((document) => document.parent);
  return {
    several: about.length > 1,
    zhPlaces: about.map((document) => document.place).join("、"),
    enPlaces: about.map((document) => document.placeInEnglish ?? document.place).join(" and "),
    zhParent: parent?.parent ?? "上级地区",
    enParent: parent?.parentInEnglish ?? parent?.parent ?? "the level above",
  };
}

/** "这份报告讲的是江津区，没有关于…" / "This report is about Jiangjin District; it says nothing about …"; without a known place, "这份报告没有关于…". */
function otherPlaceMessage(about: readonly DocumentPlace[], places: readonly string[], language: "zh" | "en"): string {
  const { several, zhPlaces, enPlaces } = placeWording(about);
  if (language === "en") {
    const elsewhere = places.join(", ") || "that place";
    if (about.length === 0) return `This report says nothing about ${elsewhere}.`;
    return several ? `These reports are about ${enPlaces}; they say nothing about ${elsewhere}.` : `This report is about ${enPlaces}; it says nothing about ${elsewhere}.`;
  }
  const elsewhere = places.join("、") || "该地";
  if (about.length === 0) return `这份报告没有关于${elsewhere}的内容，无法回答这个问题。`;
  return `${several ? "这些报告" : "这份报告"}讲的是${zhPlaces}，没有关于${elsewhere}的内容，无法回答这个问题。`;
}

/** "这份报告讲的是江津区，不是整个重庆市…": asked about the division above the documents' subject. */
function otherLevelMessage(about: readonly DocumentPlace[], language: "zh" | "en"): string {
  const { several, zhPlaces, enPlaces, zhParent, enParent } = placeWording(about);
  if (language === "en") {
    if (about.length === 0) return `This report is not about ${enParent} as a whole.`;
    return several
      ? `These reports are about ${enPlaces}, not ${enParent} as a whole; they give those districts' figures only.`
      : `This report is about ${enPlaces}, not ${enParent} as a whole; it gives the district's figures only.`;
  }
  if (about.length === 0) return `这份报告讲的不是整个${zhParent}，无法回答这个问题。`;
  return `${several ? "这些报告" : "这份报告"}讲的是${zhPlaces}，不是整个${zhParent}，只有${zhPlaces}的数据，无法回答这个问题。`;
}

/** What a user reads when the report does not answer: plain, specific, never a guess; in English for an English question. */
export function abstentionMessage(reason: AbstentionReason, detail: Detail): string {
  const years = detail.years ?? [];
  const places = detail.places ?? [];
  const about = detail.about ?? [];
  if (detail.language === "en") {
    switch (reason) {
      case "unreadable-language":
        return "Sorry, I could not read this question. Please ask about the report in Chinese or English, e.g. “What is the GDP target for 2026?”";
      case "other-year":
        return `The report gives nothing for ${years.join(", ") || "that year"}, so it cannot answer this question.`;
      case "other-place":
        return otherPlaceMessage(about, places, "en");
      case "other-level":
        return otherLevelMessage(about, "en");
      case "figure-not-given":
        return "The report does not give that figure. The nearest sections are listed below.";
      case "person-not-named":
        return "The report does not name that person. The nearest sections are listed below.";
      case "not-covered":
        return "The report does not cover this. The nearest sections are listed below.";
    }
  }
  switch (reason) {
    case "unreadable-language":
      return "抱歉，没能读懂这个问题。请用中文或英文描述您的问题，例如“到2026年地区生产总值的目标是多少？”";
    case "other-year":
      return `报告没有给出${years.map((year) => `${year}年`).join("、") || "该年份"}的相关内容，无法回答这个问题。`;
    case "other-place":
      return otherPlaceMessage(about, places, "zh");
    case "other-level":
      return otherLevelMessage(about, "zh");
    case "figure-not-given":
      return "报告没有给出这项数据。可以看看下面这些相关章节。";
    case "person-not-named":
      return "报告没有提到这个人的名字。可以看看下面这些相关章节。";
    case "not-covered":
      return "报告中没有找到能回答这个问题的内容。可以看看下面这些相关章节。";
  }
}

/** The words before an answer's quotes: none for a direct Chinese answer. */
export function answerLead(composition: { readonly kind: "direct" | "related"; readonly language: "zh" | "en"; readonly missing: readonly string[] }): string {
  const { kind, language, missing } = composition;
  if (language === "en") return kind === "direct" ? "The report says: " : "The report does not say this directly; the most relevant passage: ";
  if (kind === "direct") return "";
  return missing.length > 0 ? `报告没有直接提到“${missing.join("、")}”，最相关的内容是：` : "报告没有直接回答这个问题，最相关的内容是：";
}
