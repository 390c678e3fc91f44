import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AskResponse } from "../../src/core/schemas/ask-response.js";
import type { ChatModel, ChatRequest } from "../../src/core/ports/chat-model.js";
import { createApp } from "../../src/http/create-app.js";
import { createStaticAsset } from "../../src/http/static-asset.js";
import { ModelQuestionRewriter } from "../../src/core/understanding/rewrite/model-question-rewriter.js";
import { answerWithoutMarkers } from "../../src/widget/answer-segments.js";
import { uiStrings } from "../../src/widget/ui-strings.js";
import { launchBrowser } from "../support/browser.js";
import { generativeEngine } from "../support/generative-engine.js";
import { listen, type LocalServer } from "../support/local-server.js";
import { ScriptedChatModel, type ScriptStep } from "../support/scripted-chat-model.js";
import { answerOf, eventStreamText, isAskResponse, isAskUrl, parseEventStream } from "./ask-traffic.js";

// The widget over POST /api/ask/stream with a generated answer: the app (createApp, as
// `npm start` serves it) over the report's engine with the generative answerer, whose model is
// a ScriptedChatModel that writes its reply in pieces with a delay; the page and widget bundles
// built in memory exactly as `npm run build` builds them. One Chromium.

const zh = uiStrings("zh");
const GDP_QUESTION = "到2026年江津地区生产总值目标是多少?";
// Figures from corpus/jiangjin-15th-congress-report.txt: "到2026年,地区生产总值达1800亿元左右,年均增长6%以上".
const FAITHFUL = "到2026年，江津地区生产总值将达到1800亿元左右[1]。年均增长6%以上[1]。";
const CHANGED_NUMBER = "到2026年，江津地区生产总值将达到2500亿元左右[1]。";

interface BuiltBundle {
  readonly outfile: string;
  readonly contents: Uint8Array;
}
const buildScript = "../../scripts/build-widget.mjs";

/** The model the engine holds; each test gives it a new script. */
let script = new ScriptedChatModel([]);
const model: ChatModel = { provider: "scripted", model: "script-1", complete: (request: ChatRequest) => script.complete(request) };
const playScript = (steps: readonly ScriptStep[]): ScriptedChatModel => (script = new ScriptedChatModel(steps));
// The question rewriter's model: the question back unchanged, except for the questions a test gives a rewrite.
const rewrites = new Map<string, string>();
const rewriteModel: ChatModel = {
  provider: "scripted",
  model: "rewrite-1",
  complete: async (request: ChatRequest) => {
    const turn = /用户最后一句话：([\s\S]*?)\n\n改写后的问句：$/u.exec(request.messages.at(-1)?.content ?? "")?.[1] ?? "";
    return { text: rewrites.get(turn) ?? turn, finishReason: "stop" };
  },
};

let browser: Browser;
let server: LocalServer;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const { buildWidgetBundles } = (await import(buildScript)) as { buildWidgetBundles(): Promise<BuiltBundle[]> };
  const bundles = await buildWidgetBundles();
  const asset = (name: string) => {
    const bundle = bundles.find((candidate) => candidate.outfile.endsWith(name));
    if (!bundle) throw new Error(`no ${name} built`);
    return createStaticAsset(new TextDecoder().decode(bundle.contents), "text/javascript; charset=utf-8");
  };
  const engine = await generativeEngine(model, undefined, new ModelQuestionRewriter(rewriteModel));
  // No answer cache: every question reaches the model. A long request timeout: only the client ends a hung stream.
  server = await listen(createApp(engine, { vectorIndex: "brute-force" }, { assets: { widget: asset("widget.js"), app: asset("app.js") }, answerCacheEntries: 0, requestTimeoutMs: 60_000 }));
  browser = await launchBrowser();
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Snapshot {
  readonly draft: string | null;
  readonly draftBusy: string | null;
  readonly answers: number;
  readonly messages: string;
  readonly live: string;
}

/** Opens the page and records the conversation after every DOM change inside the widget's shadow root. */
async function openPage(pathname: string): Promise<{ page: Page; problems: string[]; failedAsks: Request[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", locale: "zh-CN" });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  const failedAsks: Request[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(`console error: ${message.text()}`);
  });
  page.on("requestfailed", (request) => {
    if (isAskUrl(request.url())) failedAsks.push(request);
  });
  await page.goto(`${server.baseUrl}${pathname}`);
  // The chat page ("/", with or without a query) shows its input at once; the demo page the widget's launcher.
  await page.locator(new URL(pathname, server.baseUrl).pathname === "/" ? ".jjqa-input" : ".jjqa-launcher").waitFor();
  await page.evaluate(() => {
    const root = document.querySelector("#jiangjin-qa-app, jiangjin-qa-widget")!.shadowRoot!;
    const log: Snapshot[] = [];
    (window as unknown as { snapshots: Snapshot[] }).snapshots = log;
    new MutationObserver(() => {
      const draft = root.querySelector(".jjqa-draft-text");
      log.push({
        draft: draft ? draft.textContent : null,
        draftBusy: root.querySelector(".jjqa-draft")?.getAttribute("aria-busy") ?? null,
        answers: root.querySelectorAll(".jjqa-answer").length,
        messages: root.querySelector(".jjqa-messages")?.textContent ?? "",
        live: root.querySelector("[aria-live]")?.textContent ?? "",
      });
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  return { page, problems, failedAsks };
}

const snapshots = (page: Page): Promise<Snapshot[]> => page.evaluate(() => (window as unknown as { snapshots: Snapshot[] }).snapshots);

/** Types the question and presses Enter: resolves with the streamed AskResponse (the done event) once the page rendered it. */
async function ask(page: Page, question: string): Promise<{ response: AskResponse; events: string[] }> {
  const before = await page.locator(".jjqa-answer").count();
  const received = page.waitForResponse(isAskResponse);
  await page.locator(".jjqa-input").fill(question);
  await page.locator(".jjqa-input").press("Enter");
  const reply = await received;
  expect(new URL(reply.url()).pathname).toBe("/api/ask/stream");
  const response = await answerOf(reply);
  await page.locator(".jjqa-answer").nth(before).waitFor();
  return { response, events: parseEventStream(eventStreamText(await reply.text())).map((event) => event.event) };
}

const shown = (answer: string): string => answer.replace(/\[(\d+)\]/gu, "$1");

describe("a generated answer streaming into the chat page", () => {
  it("grows as plain text without markers while it streams, then ends as the cited answer, announced once", async () => {
    playScript([{ reply: FAITHFUL, pieces: 10, delayMs: 120 }]);
    const { page, problems } = await openPage("/");
    const { response, events } = await ask(page, GDP_QUESTION);
    expect(events.filter((event) => event === "delta").length).toBeGreaterThan(3);
    expect(events.at(-1)).toBe("done");
    expect(response.answerMode).toBe("generative");

    const log = await snapshots(page);
    const beforeDone = log.filter((snapshot) => snapshot.answers === 0);
    const drafts = [...new Set(beforeDone.map((snapshot) => snapshot.draft).filter((draft): draft is string => Boolean(draft)))];
    // Text was on the page before the answer was: several growing drafts, each the start of the next.
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < drafts.length; index += 1) expect(drafts[index]!.startsWith(drafts[index - 1]!)).toBe(true);
    expect(answerWithoutMarkers(response.answer).startsWith(drafts[0]!)).toBe(true);
    // No marker before the verified answer, and the draft says it is not finished.
    for (const snapshot of beforeDone) expect(snapshot.messages).not.toMatch(/\[\d+\]/u);
    expect(beforeDone.filter((snapshot) => snapshot.draft).every((snapshot) => snapshot.draftBusy === "true")).toBe(true);
    // The live region says "searching", then the final answer: never a half-written one.
    expect([...new Set(log.map((snapshot) => snapshot.live))].filter(Boolean)).toEqual([zh.searching, zh.newAnswer(answerWithoutMarkers(response.answer))]);

    const article = page.locator(".jjqa-answer").last();
    await expect(article.locator(".jjqa-answer-text").textContent()).resolves.toBe(shown(response.answer));
    await expect(article.locator(".jjqa-answer-text .jjqa-marker").allTextContents()).resolves.toEqual(
      [...response.answer.matchAll(/\[(\d+)\]/gu)].map((match) => match[1]),
    );
    expect(response.citations.length).toBeGreaterThan(0);
    expect(await article.locator(".jjqa-sources .jjqa-source").count()).toBe(response.citations.length);
    await expect(article.getAttribute("data-answer-kind")).resolves.toBe("direct");
    // The reader is told the answer was written by a model and checked sentence by sentence.
    await expect(article.locator(".jjqa-note").allTextContents()).resolves.toEqual([zh.verifiedNote(0)]);
    await article.locator(".jjqa-marker").first().click();
    await expect(article.locator(".jjqa-passage mark").textContent()).resolves.toBe(response.citations[0]!.quote);
    await expect(article.getByRole("button", { name: "有帮助" }).isVisible()).resolves.toBe(true);
    expect(await page.locator(".jjqa-draft, .jjqa-pending").count()).toBe(0);
    expect(script.requests).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it("swaps in the extractive answer when the model changed a number (replace), and ends with it", async () => {
    playScript([{ reply: CHANGED_NUMBER, pieces: 4, delayMs: 120 }]);
    const { page, problems } = await openPage("/");
    const { response, events } = await ask(page, GDP_QUESTION);
    expect(events).toContain("replace");
    expect(response.answerMode).toBe("extractive");
    expect(response.answer).toContain("1800亿元");
    // The model's sentence streamed in first (the number it made up included) …
    const log = await snapshots(page);
    expect(log.some((snapshot) => snapshot.answers === 0 && snapshot.draft?.includes("2500"))).toBe(true);
    // … and is gone: what stays is the report's own sentence with its marker.
    const article = page.locator(".jjqa-answer").last();
    await expect(article.locator(".jjqa-answer-text").textContent()).resolves.toBe(shown(response.answer));
    expect(await article.locator(".jjqa-marker").count()).toBeGreaterThan(0);
    // The fallback is the report's own quotes: no "written by a model" note.
    expect(await article.locator(".jjqa-note").count()).toBe(0);
    expect(await article.locator(".jjqa-unverified").count()).toBe(0);
    await expect(page.locator(".jjqa-messages").textContent()).resolves.not.toContain("2500");
    expect(problems).toEqual([]);
  });
});

describe("removed sentences, when the page asks to see them", () => {
  it("lists what the gate removed under the answer, struck out with its reason, never in the answer itself", async () => {
    playScript([{ reply: `${FAITHFUL}届时人均GDP将达到20万元[1]。` }]);
    const { page, problems } = await openPage("/?unverified=show");
    const { response } = await ask(page, GDP_QUESTION);
    expect(response.answerMode).toBe("mixed");
    const article = page.locator(".jjqa-answer").last();
    await expect(article.locator(".jjqa-answer-text").textContent()).resolves.not.toContain("20万元");
    await expect(article.locator(".jjqa-unverified del").allTextContents()).resolves.toEqual(["届时人均GDP将达到20万元。"]);
    await expect(article.locator(".jjqa-unverified-why").textContent()).resolves.toMatch(/^未通过核对/u);
    await expect(article.locator(".jjqa-note").first().textContent()).resolves.toBe(zh.verifiedNote(1));
    // Without the switch the same answer shows no removed sentence.
    playScript([{ reply: `${FAITHFUL}届时人均GDP将达到20万元[1]。` }]);
    const plain = await openPage("/");
    await ask(plain.page, GDP_QUESTION);
    expect(await plain.page.locator(".jjqa-unverified").count()).toBe(0);
    expect([...problems, ...plain.problems]).toEqual([]);
  });
});

describe("a question the model rewrote", () => {
  it("shows how the question was read when the answer comes from the rewrite", async () => {
    // Pinyin the offline reading cannot read; the report says "森林覆盖率达52%".
    rewrites.set("senlin fugailv shi duoshao?", "江津的森林覆盖率是多少？");
    playScript([{ reply: "江津森林覆盖率达52%[1]。" }]);
    const { page, problems } = await openPage("/");
    const { response } = await ask(page, "senlin fugailv shi duoshao?");
    expect(response.rewrite).toMatchObject({ status: "rewritten", answered: true });
    const article = page.locator(".jjqa-answer").last();
    await expect(article.locator(".jjqa-answer-text").textContent()).resolves.toContain("52%");
    await expect(article.locator(".jjqa-note").first().textContent()).resolves.toBe(zh.readAs("江津的森林覆盖率是多少？"));
    expect(problems).toEqual([]);
  });
});

describe("stopping a streamed answer", () => {
  it("a second question asked while the first streams aborts the first request (the model call's signal too)", async () => {
    const scripted = playScript([{ hang: true }, { reply: FAITHFUL, pieces: 3, delayMs: 50 }]);
    const { page, problems, failedAsks } = await openPage("/");
    const sent: Array<{ question: string; history?: unknown }> = [];
    page.on("request", (request) => {
      if (isAskUrl(request.url())) sent.push(request.postDataJSON() as { question: string; history?: unknown });
    });
    await page.locator(".jjqa-input").fill("江津森林覆盖率达到多少?");
    await page.locator(".jjqa-input").press("Enter");
    await expect.poll(() => scripted.requests.length, { timeout: 10_000 }).toBe(1);
    expect(scripted.requests[0]!.signal?.aborted).toBe(false);
    await expect(page.locator(".jjqa-messages").getAttribute("aria-busy")).resolves.toBe("true");

    const { response } = await ask(page, GDP_QUESTION);
    // The browser aborted the first fetch, the server saw the client go and aborted the model call.
    expect(failedAsks.map((request) => [new URL(request.url()).pathname, request.failure()?.errorText])).toEqual([["/api/ask/stream", "net::ERR_ABORTED"]]);
    await expect.poll(() => scripted.requests[0]!.signal?.aborted, { timeout: 5_000 }).toBe(true);
    expect(scripted.requests).toHaveLength(2);
    // The unanswered question is no history for the next; it keeps a quiet note instead of an answer.
    expect(sent.map((body) => body.question)).toEqual(["江津森林覆盖率达到多少?", GDP_QUESTION]);
    expect(sent[1]!.history).toBeUndefined();
    const kinds = await page.locator(".jjqa-messages > .jjqa-message").evaluateAll((elements) => elements.map((element) => element.className.replace("jjqa-message ", "")));
    expect(kinds).toEqual(["jjqa-question", "jjqa-stopped", "jjqa-question", "jjqa-answer"]);
    await expect(page.locator(".jjqa-stopped").textContent()).resolves.toBe(zh.stopped);
    await expect(page.locator(".jjqa-answer-text").textContent()).resolves.toBe(shown(response.answer));
    await expect(page.locator(".jjqa-messages").getAttribute("aria-busy")).resolves.toBe("false");
    expect(problems).toEqual([]);
  });

  it("closing the widget's panel aborts the answer on its way; the next question is answered", async () => {
    const scripted = playScript([{ hang: true }, { reply: FAITHFUL, pieces: 3, delayMs: 50 }]);
    const { page, problems, failedAsks } = await openPage("/demo");
    await page.locator(".jjqa-launcher").click();
    await page.locator(".jjqa-input").fill(GDP_QUESTION);
    await page.locator(".jjqa-input").press("Enter");
    await expect.poll(() => scripted.requests.length, { timeout: 10_000 }).toBe(1);
    await page.keyboard.press("Escape");
    await expect(page.locator(".jjqa-panel").isHidden()).resolves.toBe(true);
    await expect.poll(() => failedAsks.map((request) => request.failure()?.errorText)).toEqual(["net::ERR_ABORTED"]);
    await expect.poll(() => scripted.requests[0]!.signal?.aborted, { timeout: 5_000 }).toBe(true);

    await page.locator(".jjqa-launcher").click();
    await expect(page.locator(".jjqa-stopped").textContent()).resolves.toBe(zh.stopped);
    expect(await page.locator(".jjqa-pending, .jjqa-draft").count()).toBe(0);
    const { response } = await ask(page, GDP_QUESTION);
    await expect(page.locator(".jjqa-answer-text").last().textContent()).resolves.toBe(shown(response.answer));
    expect(problems).toEqual([]);
  });
});
