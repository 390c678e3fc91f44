import { describe, expect, it } from "vitest";
import { accentPalette, contrastRatio, contrastWithWhite, DEFAULT_ACCENT, parseHexColour } from "../../src/widget/accent-colour.js";
import { answerAsPlainText } from "../../src/widget/answer-plain-text.js";
import { answerWithoutMarkers, splitAnswer } from "../../src/widget/answer-segments.js";
import { ApiError, apiBase, parseRetryAfter } from "../../src/widget/api-client.js";
import type { AskResponse, Citation } from "../../src/widget/api-types.js";
import { historyFrom } from "../../src/widget/conversation-history.js";
import { friendlyError } from "../../src/widget/error-messages.js";
import { feedbackRequest } from "../../src/widget/feedback-controls.js";
import { locateQuote } from "../../src/widget/quote-location.js";
import { isAskResponse } from "../../src/widget/response-guards.js";
import { formatSectionPath, lastSectionLabel, shortenQuote } from "../../src/widget/section-path.js";
import { uiStrings } from "../../src/widget/ui-strings.js";
import { readWidgetConfig } from "../../src/widget/widget-config.js";

const passageText = "未来五年建设“五地一城”\n\n建设“五地一城”。到2026年,地区生产总值达1800亿元左右,年均增长6%以上。";
const quote = "到2026年,地区生产总值达1800亿元左右";
const passageStart = 2639;
const quoteOffset = passageText.indexOf(quote);

const citation: Citation = {
  marker: 1,
  chunkId: "report:1",
  source: "corpus/report.txt",
  title: "报告标题",
  section: ["未来五年建设“五地一城”"],
  quote,
  quoteStart: passageStart + quoteOffset,
  quoteEnd: passageStart + quoteOffset + quote.length,
  chunkStart: passageStart,
  chunkEnd: passageStart + passageText.length,
  score: 0.9,
};

const response: AskResponse = {
  question: "到2026年地区生产总值目标是多少?",
  answer: `${quote}[1]。`,
  abstained: false,
  answerKind: "direct",
  citations: [citation],
  passages: [{ chunkId: "report:1", source: "corpus/report.txt", section: citation.section, text: passageText, start: passageStart, end: passageStart + passageText.length, score: 0.5 }],
  engine: { embedder: "hashing", retriever: "hybrid", answerer: "extractive", indexHash: "abc" },
  timings: { retrieveMs: 1, answerMs: 1, totalMs: 2 },
};

describe("answer segments", () => {
  it("turns cited markers into marker segments and leaves other brackets as text", () => {
    expect(splitAnswer("甲[1]；乙[2]；丙[9]。", new Set([1, 2]))).toEqual([
      { kind: "text", text: "甲" },
      { kind: "marker", marker: 1 },
      { kind: "text", text: "；乙" },
      { kind: "marker", marker: 2 },
      { kind: "text", text: "；丙[9]。" },
    ]);
    expect(splitAnswer("没有标记。", new Set([1]))).toEqual([{ kind: "text", text: "没有标记。" }]);
    expect(answerWithoutMarkers("甲[1]；乙[12]。")).toBe("甲；乙。");
  });
});

describe("quote location", () => {
  it("uses the corpus offsets when the text there is the quote", () => {
    expect(locateQuote(passageText, passageStart, citation)).toEqual({ start: quoteOffset, end: quoteOffset + quote.length });
  });

  it("falls back to searching when the offsets disagree, and gives up when the quote is absent", () => {
    expect(locateQuote(passageText, passageStart + 5, { ...citation, chunkStart: passageStart + 5 })).toEqual({ start: quoteOffset, end: quoteOffset + quote.length });
    expect(locateQuote("另一段文字", passageStart, citation)).toBeUndefined();
  });
});

describe("section paths and quotes", () => {
  it("formats, labels and shortens", () => {
    expect(formatSectionPath(["重点工作", "(二)突出产业支撑,建设先进制造业基地"])).toBe("重点工作 › (二)突出产业支撑,建设先进制造业基地");
    expect(lastSectionLabel(["重点工作", " 提升社会保障水平 ", ""])).toBe("提升社会保障水平");
    expect(shortenQuote("一二三四五", 3)).toBe("一二三…");
    expect(shortenQuote("短句", 3)).toBe("短句");
  });
});

describe("accent colour", () => {
  it("keeps the default, which is AA with white", () => {
    expect(accentPalette(undefined).accent).toBe(DEFAULT_ACCENT);
    expect(contrastWithWhite(parseHexColour(DEFAULT_ACCENT)!)).toBeGreaterThanOrEqual(4.5);
  });

  it("darkens a pale host colour until white text on it, and it on its tint, are AA; ignores unreadable values", () => {
    for (const colour of ["#ffcc00", "#e53935", "#1a5fb4", "#00ff00"]) {
      const palette = accentPalette(colour);
      expect(contrastWithWhite(parseHexColour(palette.accent)!)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(parseHexColour(palette.accent)!, parseHexColour(palette.soft)!)).toBeGreaterThanOrEqual(4.5);
    }
    expect(accentPalette("#123").accent).toBe("#112233");
    expect(accentPalette("red; background:url(x)").accent).toBe(DEFAULT_ACCENT);
  });
});

describe("copy text", () => {
  it("holds the question, the answer and each source with its section and quote", () => {
    const text = answerAsPlainText(response, uiStrings("zh"));
    expect(text).toContain(`问：${response.question}`);
    expect(text).toContain(`答：${response.answer}`);
    expect(text).toContain("[1] 未来五年建设“五地一城”");
    expect(text).toContain(`“${quote}”`);
    expect(text).toContain("《报告标题》");
  });
});

describe("history and feedback bodies", () => {
  it("sends answered exchanges as user/assistant turns, at most 20", () => {
    expect(historyFrom([response])).toEqual([
      { role: "user", content: response.question },
      { role: "assistant", content: response.answer },
    ]);
    const many = Array.from({ length: 15 }, (_, index) => ({ ...response, question: `问题${index}` }));
    const history = historyFrom(many);
    expect(history).toHaveLength(20);
    expect(history[0]).toEqual({ role: "user", content: "问题5" });
  });

  it("carries the engine receipt and the cited spans", () => {
    expect(feedbackRequest(response, "up")).toEqual({
      question: response.question,
      answer: response.answer,
      rating: "up",
      engine: response.engine,
      citations: [{ marker: 1, chunkId: "report:1", quoteStart: citation.quoteStart, quoteEnd: citation.quoteEnd }],
    });
  });
});

describe("API client helpers", () => {
  it("reads Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("12")).toBe(12);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(apiBase("https://example.org/")).toBe("https://example.org");
    expect(apiBase("")).toBe("");
  });

  it("turns every failure into a polite message, with the wait when the server gave one", () => {
    const strings = uiStrings("zh");
    expect(friendlyError(new ApiError("network"), strings).message).toBe(strings.errors.network);
    expect(friendlyError(new ApiError("http", { status: 429, retryAfterSeconds: 7 }), strings)).toEqual({ message: strings.errors.busy(7), waitSeconds: 7 });
    expect(friendlyError(new ApiError("http", { status: 503 }), strings).message).toContain("稍等");
    expect(friendlyError(new ApiError("http", { status: 400, code: "invalid_question" }), strings).message).toBe(strings.errors.invalidQuestion);
    expect(friendlyError(new ApiError("http", { status: 500 }), strings).message).toBe(strings.errors.server);
    expect(friendlyError(new Error("boom"), strings).message).toBe(strings.errors.server);
  });

  it("accepts a real AskResponse shape and rejects an HTML error page", () => {
    expect(isAskResponse(response)).toBe(true);
    expect(isAskResponse("<html>502 Bad Gateway</html>")).toBe(false);
    expect(isAskResponse({ ...response, citations: [{ marker: "1" }] })).toBe(false);
  });
});

describe("embed configuration", () => {
  it("reads the data attributes with sensible defaults", () => {
    expect(readWidgetConfig({}, "https://qa.example")).toEqual({ api: "https://qa.example", title: undefined, position: "right", color: undefined, language: "zh", unverified: "hide" });
    expect(readWidgetConfig({ api: "", title: " 问答 ", position: "LEFT", color: "#0a5", lang: "en-GB" }, "https://qa.example")).toEqual({
      api: "",
      title: "问答",
      position: "left",
      color: "#0a5",
      language: "en",
      unverified: "hide",
    });
    // Removed sentences are shown, marked, only when the page asks.
    expect(readWidgetConfig({ unverified: " SHOW " }, "").unverified).toBe("show");
    expect(readWidgetConfig({ unverified: "yes" }, "").unverified).toBe("hide");
  });
});
