import { describe, expect, it } from "vitest";
import { answerAsPlainText } from "../../src/widget/answer-plain-text.js";
import type { AskResponse, Citation } from "../../src/widget/api-types.js";
import { uiStrings } from "../../src/widget/ui-strings.js";

// The copied text of an answer over a corpus of several documents names each source's document
// (the server sends `citation.document` only then); a one-report answer keeps its closing title.

const citation = (marker: number, document?: Citation["document"]): Citation => ({
  marker,
  chunkId: `c${marker}`,
  source: "corpus/x.txt",
  title: "报告标题",
  section: ["未来五年"],
  quote: "地区生产总值达1800亿元左右",
  quoteStart: 0,
  quoteEnd: 14,
  chunkStart: 0,
  chunkEnd: 20,
  score: 1,
  ...(document ? { document } : {}),
});

const response = (citations: Citation[]): AskResponse =>
  ({ question: "目标是多少", answer: "地区生产总值达1800亿元左右[1]。", abstained: false, answerKind: "direct", answerMode: "extractive", citations, passages: [] }) as unknown as AskResponse;

describe("copy text over several documents", () => {
  it("names each source's document and drops the single closing title", () => {
    const text = answerAsPlainText(response([citation(1, { id: "a", shortTitle: "江津区报告" }), citation(2, { id: "b", shortTitle: "永川区报告" })]), uiStrings("zh"));
    expect(text).toContain("[1] 《江津区报告》 未来五年");
    expect(text).toContain("[2] 《永川区报告》 未来五年");
    expect(text).not.toContain("——《报告标题》");
  });

  it("keeps a one-report answer's text as it was", () => {
    const text = answerAsPlainText(response([citation(1)]), uiStrings("zh"));
    expect(text).toContain("[1] 未来五年");
    expect(text).toContain("——《报告标题》");
  });
});
