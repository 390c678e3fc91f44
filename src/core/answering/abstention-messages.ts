import type { AbstentionReason } from "../schemas/ask-response.js";

/** What a user reads when the report does not answer: plain, specific, never a guess. */
export function abstentionMessage(reason: AbstentionReason, detail: { years?: readonly string[]; places?: readonly string[] }): string {
  switch (reason) {
    case "unreadable-language":
      return "抱歉，目前只能回答中文提问。请用中文描述您的问题，例如“到2026年地区生产总值的目标是多少？”";
    case "other-year":
      return `报告没有给出${(detail.years ?? []).map((year) => `${year}年`).join("、") || "该年份"}的相关内容，无法回答这个问题。`;
    case "other-place":
      return `这份报告讲的是江津区，没有关于${(detail.places ?? []).join("、") || "该地"}的内容，无法回答这个问题。`;
    case "not-covered":
      return "报告中没有找到能回答这个问题的内容。可以看看下面这些相关章节。";
  }
}
