import type { AbstentionReason, RefusalPlace } from "./api-types.js";

// Every word the widget itself shows, in the two UI languages (data-lang="zh" | "en").
// The answers and passages are the report's own Chinese text whatever the UI language.

export type UiLanguage = "zh" | "en";

export interface UiStrings {
  readonly htmlLang: string;
  readonly defaultTitle: string;
  readonly openPanel: (title: string) => string;
  readonly launcherText: string;
  readonly closePanel: string;
  readonly inputLabel: string;
  readonly inputPlaceholder: string;
  readonly send: string;
  readonly inputHint: string;
  readonly welcome: string;
  readonly startersHeading: string;
  readonly conversationLabel: string;
  readonly you: string;
  readonly assistant: string;
  readonly searching: string;
  /** Where an answer was, once a new question or a closed panel stopped it. */
  readonly stopped: string;
  readonly sourceMarker: (marker: number) => string;
  readonly sourcesHeading: string;
  readonly passageLabel: (marker: number) => string;
  readonly closePassage: string;
  readonly quoteOnlyNote: string;
  /** A refusal's badge; for other-place and other-level, the wording when the response names no document's place. */
  readonly notCovered: Record<AbstentionReason, string>;
  /** The badge of an other-place or other-level refusal naming the documents' places (AskResponse.refusalPlaces). */
  readonly coversOnly: (reason: "other-place" | "other-level", places: readonly RefusalPlace[]) => string;
  /** Shown above a related answer: the report's nearest content, not a direct answer. */
  readonly relatedBadge: string;
  /** Under a model-written answer: every sentence shown was checked against the report; `removed` were not supported and are not shown. */
  readonly verifiedNote: (removed: number) => string;
  /** Above the removed sentences (data-unverified="show"). */
  readonly unverifiedHeading: string;
  /** Why a removed sentence is not shown as part of the answer. */
  readonly unverifiedReason: (verdict: string, reasons: readonly string[]) => string;
  /** The question as the model rewrote it, when the answer is to that reading. */
  readonly readAs: (rewrite: string) => string;
  readonly suggestionsHeading: string;
  readonly suggestionQuestion: (section: string) => string;
  readonly copy: string;
  readonly copied: string;
  readonly copyFailed: string;
  readonly helpful: string;
  readonly notHelpful: string;
  readonly feedbackThanks: string;
  readonly feedbackFailed: string;
  readonly retry: string;
  readonly retryIn: (seconds: number) => string;
  readonly newAnswer: (text: string) => string;
  readonly plainQuestion: string;
  readonly plainAnswer: string;
  readonly plainSources: string;
  readonly errors: {
    readonly network: string;
    readonly timeout: string;
    readonly invalidQuestion: string;
    readonly tooLarge: string;
    readonly badRequest: string;
    readonly busy: (seconds: number | undefined) => string;
    readonly unavailable: (seconds: number | undefined) => string;
    readonly server: string;
    readonly invalidResponse: string;
  };
}

const zh: UiStrings = {
  htmlLang: "zh-CN",
  defaultTitle: "江津党代会报告问答",
  openPanel: (title) => `打开${title}`,
  launcherText: "问报告",
  closePanel: "关闭问答窗口",
  inputLabel: "输入你的问题",
  inputPlaceholder: "输入问题，例如：森林覆盖率是多少？",
  send: "发送",
  inputHint: "Enter 发送 · Shift+Enter 换行",
  welcome: "答案逐句摘自报告原文，每句都标有出处。点击角标可查看原文段落。",
  startersHeading: "可以这样问",
  conversationLabel: "对话",
  you: "你",
  assistant: "报告问答",
  searching: "正在报告中查找…",
  stopped: "已停止回答。",
  sourceMarker: (marker) => `来源 ${marker}`,
  sourcesHeading: "出处",
  passageLabel: (marker) => `来源 ${marker} 的原文段落`,
  closePassage: "收起原文",
  quoteOnlyNote: "未取到整段原文，仅显示引用的句子。",
  notCovered: {
    "not-covered": "报告未涉及",
    "other-year": "报告未涉及该年份",
    "other-place": "报告不涉及这个地区",
    "other-level": "报告不涉及整个上级地区",
    "figure-not-given": "报告没有给出这项数据",
    "person-not-named": "报告没有提到此人",
    "unreadable-language": "没能读懂这个问题",
  },
  coversOnly: (reason, places) => {
    const covered = `${places.length > 1 ? "这些报告" : "报告"}只涉及${places.map(({ place }) => place).join("、")}`;
    return reason === "other-level" ? `${covered}，不是整个${places.find(({ parent }) => parent)?.parent ?? "上级地区"}` : covered;
  },
  relatedBadge: "报告没有直接回答，以下是最相关的内容",
  verifiedNote: (removed) => `由模型撰写，每句都已与报告原文核对${removed > 0 ? `；${removed} 句无据内容已删去` : ""}`,
  readAs: (rewrite) => `按“${rewrite}”理解`,
  unverifiedHeading: "模型写了但未通过核对、已删去的句子",
  unverifiedReason: (verdict, reasons) => `未通过核对：${verdict === "contradicted" ? "与报告不符" : verdict === "partly-supported" ? "只有部分有据" : "报告中没有"}${reasons.length > 0 ? `（${reasons.join("；")}）` : ""}`,
  suggestionsHeading: "相关章节，点一下就能接着问：",
  suggestionQuestion: (section) => `“${section}”有哪些具体内容？`,
  copy: "复制",
  copied: "已复制",
  copyFailed: "复制失败，请手动选择文字复制",
  helpful: "有帮助",
  notHelpful: "没帮助",
  feedbackThanks: "谢谢反馈",
  feedbackFailed: "反馈没有发送成功，请稍后再试",
  retry: "重试",
  retryIn: (seconds) => `重试（${seconds} 秒）`,
  newAnswer: (text) => `新回答：${text}`,
  plainQuestion: "问：",
  plainAnswer: "答：",
  plainSources: "出处：",
  errors: {
    network: "暂时连不上问答服务。请检查网络，或稍后再试。",
    timeout: "服务响应太慢了，请稍后重试。",
    invalidQuestion: "这个问题没法处理：问题不能为空，且不超过 1000 字。",
    tooLarge: "内容太长了，请精简问题后再问。",
    badRequest: "请求没有被接受，请换个问法再试。",
    busy: (seconds) => (seconds ? `提问有点频繁，请等待 ${seconds} 秒后再试。` : "提问有点频繁，请稍等片刻再试。"),
    unavailable: (seconds) => (seconds ? `服务暂时不可用，请等待 ${seconds} 秒后重试。` : "服务暂时不可用，请稍等片刻再试。"),
    server: "服务出了点问题，没能回答。请稍后重试。",
    invalidResponse: "服务返回了无法识别的内容，请稍后重试。",
  },
};

const en: UiStrings = {
  htmlLang: "en",
  defaultTitle: "Jiangjin Report Q&A",
  openPanel: (title) => `Open ${title}`,
  launcherText: "Ask the report",
  closePanel: "Close the chat",
  inputLabel: "Your question",
  inputPlaceholder: "Ask in English or Chinese, e.g. What is the forest coverage rate?",
  send: "Send",
  inputHint: "Enter to send · Shift+Enter for a new line",
  welcome: "Answers quote the report sentence by sentence, each with its source. Click a marker to read the passage.",
  startersHeading: "Try asking",
  conversationLabel: "Conversation",
  you: "You",
  assistant: "Report Q&A",
  searching: "Searching the report…",
  stopped: "Answer stopped.",
  sourceMarker: (marker) => `Source ${marker}`,
  sourcesHeading: "Sources",
  passageLabel: (marker) => `Passage of source ${marker}`,
  closePassage: "Hide passage",
  quoteOnlyNote: "The full passage is not available; showing the quoted sentence only.",
  notCovered: {
    "not-covered": "Not in the report",
    "other-year": "Not in the report for that year",
    "other-place": "The report does not cover that place",
    "other-level": "The report does not cover the level above as a whole",
    "figure-not-given": "The report does not give that figure",
    "person-not-named": "The report does not name that person",
    "unreadable-language": "Could not read the question",
  },
  coversOnly: (reason, places) => {
    const names = places.map(({ place, placeInEnglish }) => placeInEnglish ?? place).join(" and ");
    const covered = places.length > 1 ? `The reports cover ${names}` : `The report covers ${names}`;
    if (reason === "other-place") return `${covered} only`;
    const parent = places.find(({ parentInEnglish, parent }) => parentInEnglish ?? parent);
    return `${covered}, not ${parent?.parentInEnglish ?? parent?.parent ?? "the level above"} as a whole`;
  },
  relatedBadge: "Not answered directly — the most relevant passages",
  verifiedNote: (removed) => `Written by a language model; every sentence was checked against the report${removed > 0 ? ` (${removed} unsupported ${removed === 1 ? "sentence" : "sentences"} removed)` : ""}`,
  readAs: (rewrite) => `Read as: “${rewrite}”`,
  unverifiedHeading: "Sentences the model wrote that failed the check and were removed",
  unverifiedReason: (verdict, reasons) => `Not verified: ${verdict === "contradicted" ? "the report says otherwise" : verdict === "partly-supported" ? "only partly supported" : "not in the report"}${reasons.length > 0 ? ` (${reasons.join("; ")})` : ""}`,
  suggestionsHeading: "Related sections — click to ask:",
  suggestionQuestion: (section) => `“${section}”有哪些具体内容？`,
  copy: "Copy",
  copied: "Copied",
  copyFailed: "Could not copy; please select the text",
  helpful: "Helpful",
  notHelpful: "Not helpful",
  feedbackThanks: "Thanks for the feedback",
  feedbackFailed: "Feedback was not sent; please try again later",
  retry: "Retry",
  retryIn: (seconds) => `Retry (${seconds} s)`,
  newAnswer: (text) => `New answer: ${text}`,
  plainQuestion: "Q: ",
  plainAnswer: "A: ",
  plainSources: "Sources:",
  errors: {
    network: "Cannot reach the Q&A service. Check your connection or try again later.",
    timeout: "The service is taking too long; please retry.",
    invalidQuestion: "That question cannot be processed: it must not be empty and at most 1,000 characters.",
    tooLarge: "That is too long; please shorten the question.",
    badRequest: "The request was not accepted; please rephrase and try again.",
    busy: (seconds) => (seconds ? `Too many questions at once; please wait ${seconds} s and retry.` : "Too many questions at once; please wait a moment."),
    unavailable: (seconds) => (seconds ? `The service is unavailable; please retry in ${seconds} s.` : "The service is unavailable; please wait a moment."),
    server: "Something went wrong on the server; please retry.",
    invalidResponse: "The service sent an unexpected reply; please retry.",
  },
};

export function uiStrings(language: UiLanguage): UiStrings {
  return language === "en" ? en : zh;
}
