import type { AbstentionReason } from "../schemas/ask-response.js";

interface Detail {
  readonly years?: readonly string[];
  readonly places?: readonly string[];
  readonly language?: "zh" | "en";
}

/** What a user reads when the report does not answer: plain, specific, never a guess; in English for an English question. */
export function abstentionMessage(reason: AbstentionReason, detail: Detail): string {
  const years = detail.years ?? [];
  const places = detail.places ?? [];
  if (detail.language === "en") {
    switch (reason) {
      case "unreadable-language":
        return "Sorry, I could not read this question. Please ask about the report in Chinese or English, e.g. “What is the GDP target for 2026?”";
      case "other-year":
        return `The report gives nothing for ${years.join(", ") || "that year"}, so it cannot answer this question.`;
      case "other-place":
        return `This report is about Jiangjin District; it says nothing about ${places.join(", ") || "that place"}.`;
      case "other-level":
        return "This report is about Jiangjin District, not Chongqing as a whole; it gives the district's figures only.";
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
      return `这份报告讲的是江津区，没有关于${places.join("、") || "该地"}的内容，无法回答这个问题。`;
    case "other-level":
      return "这份报告讲的是江津区，不是整个重庆市，只有江津区的数据，无法回答这个问题。";
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
