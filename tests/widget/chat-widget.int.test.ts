import { mkdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AskResponse } from "../../src/core/schemas/ask-response.js";
import { formatSectionPath } from "../../src/widget/section-path.js";
import { launchBrowser } from "../support/browser.js";
import { freePort } from "../support/child-process.js";
import { projectRoot } from "../support/corpus.js";
import { answerOf, EVENT_STREAM, eventStream, extractiveStream, isAskResponse as isAsk, isAskUrl } from "./ask-traffic.js";
import { buildProject, hostPage, startHostSite, startService, type HostSite, type RunningService } from "./widget-service.js";

// One real server (`npm run build`, then `node dist/server.mjs`), one Chromium, and two
// third-party "sites" on other ports: one whose origin is in ALLOWED_ORIGINS, one that
// points the widget at a port where nothing listens (the server is down).

const GDP_QUESTION = "到2026年地区生产总值目标是多少?";
const ARTIFACTS = path.join(projectRoot, "test-artifacts");
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 667 };

let browser: Browser;
let service: RunningService;
let allowedSite: HostSite;
let downSite: HostSite;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await buildProject();
  const allowedPort = await freePort();
  const downPort = await freePort();
  const closedPort = await freePort();
  service = await startService([`http://127.0.0.1:${allowedPort}`]);
  allowedSite = await startHostSite(allowedPort, hostPage(service.baseUrl, service.baseUrl));
  downSite = await startHostSite(downPort, hostPage(service.baseUrl, `http://127.0.0.1:${closedPort}`, "en"));
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
}, 90_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await allowedSite?.stop();
  await downSite?.stop();
  await service?.stop();
});

/** A fresh browser profile per test; page errors fail the test instead of hiding in the console. */
async function openPage(url: string, options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce", locale: "zh-CN", ...options });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // Console errors too (a CSP violation shows up only there); failed requests are what some tests provoke.
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(`console error: ${message.text()}`);
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  return { page, problems, dialogs };
}

const REPLIES = ".jjqa-answer, .jjqa-error";

/** Waits until the conversation holds one more reply (answer or error) than `before`. */
async function nextReply(page: Page, before: number): Promise<void> {
  await page.locator(REPLIES).nth(before).waitFor();
}

/** Types a question, presses Enter, waits until the page has rendered the reply, and returns the AskResponse it received. */
async function ask(page: Page, question: string): Promise<AskResponse> {
  const before = await page.locator(REPLIES).count();
  const received = page.waitForResponse(isAsk);
  await page.locator(".jjqa-input").fill(question);
  await page.locator(".jjqa-input").press("Enter");
  const response = await answerOf(await received);
  await nextReply(page, before);
  return response;
}

/** Resolves once the element shows the text (status lines update after an await in the page). */
async function textOf(page: Page, selector: string, text: string): Promise<string | null> {
  const located = page.locator(selector, { hasText: text }).last();
  await located.waitFor();
  return located.textContent();
}

/** The deepest focused element (through open shadow roots), as "tag.class". */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${typeof active.className === "string" ? active.className : ""}` : "";
  });
}

/** Elements of the given kinds inside the widget's shadow roots. */
function countInShadow(page: Page, selector: string): Promise<number> {
  return page.evaluate((query) => {
    let count = 0;
    for (const host of Array.from(document.querySelectorAll("jiangjin-qa-widget, #jiangjin-qa-app"))) count += host.shadowRoot?.querySelectorAll(query).length ?? 0;
    return count;
  }, selector);
}

/** Opens the marker's passage and checks the highlight is exactly the citation's quote, under its section path. */
async function expectCitationOpens(page: Page, response: AskResponse): Promise<void> {
  const citation = response.citations[0];
  expect(citation).toBeDefined();
  const answer = page.locator(".jjqa-answer").last();
  const marker = answer.locator(".jjqa-marker", { hasText: String(citation!.marker) }).first();
  await expect(marker.getAttribute("aria-label")).resolves.toBe(`来源 ${citation!.marker}`);
  await marker.click();
  await expect(marker.getAttribute("aria-expanded")).resolves.toBe("true");
  const passage = answer.locator(".jjqa-passage");
  await expect(passage.locator("mark").textContent()).resolves.toBe(citation!.quote);
  await expect(passage.locator(".jjqa-passage-path").textContent()).resolves.toBe(formatSectionPath(citation!.section));
}

/** Asks the GDP question and waits for the polite server-error message (an alert with a retry). */
async function askExpectingServerError(page: Page): Promise<Locator> {
  await page.locator(".jjqa-input").fill(GDP_QUESTION);
  await page.locator(".jjqa-input").press("Enter");
  const error = page.locator(".jjqa-error");
  await error.waitFor();
  await expect(error.getAttribute("role")).resolves.toBe("alert");
  await expect(error.locator(".jjqa-error-text").textContent()).resolves.toBe("服务出了点问题，没能回答。请稍后重试。");
  return error;
}

describe("the full page at /", () => {
  it("shows 4–6 starters from /api/meta, answers with a marker, and opens the cited sentence highlighted in its passage", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const starters = page.locator(".jjqa-starters .jjqa-chip");
    await starters.first().waitFor();
    const meta = (await (await page.request.get(`${service.baseUrl}/api/meta`)).json()) as { title: string; starters: Array<{ question: string }> };
    expect(await starters.count()).toBeGreaterThanOrEqual(4);
    expect(await starters.count()).toBeLessThanOrEqual(6);
    expect(await starters.allTextContents()).toEqual(meta.starters.map((starter) => starter.question));
    await expect(page.locator(".jjqa-report-title").textContent()).resolves.toBe(meta.title);

    const response = await ask(page, GDP_QUESTION);
    expect(response.abstained).toBe(false);
    const answerText = page.locator(".jjqa-answer .jjqa-answer-text").last();
    await expect(answerText.textContent()).resolves.toBe(response.answer.replace(/\[(\d+)\]/gu, "$1"));
    expect(await page.locator(".jjqa-answer .jjqa-marker").count()).toBeGreaterThan(0);
    await expectCitationOpens(page, response);
    // The compact source list names each source's section.
    await expect(page.locator(".jjqa-answer .jjqa-source-path").first().textContent()).resolves.toBe(formatSectionPath(response.citations[0]!.section));
    // The polite live region announces the answer (without markers).
    await expect(page.locator("[aria-live=polite]").textContent()).resolves.toContain("1800亿元");

    await page.locator(".jjqa-question").last().evaluate((element) => element.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(ARTIFACTS, "desktop-page-citation.png") });
    expect(problems).toEqual([]);
  });

  it("shows an abstention differently, with suggestions that ask a follow-up carrying the history", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const abstention = await ask(page, "江津的房价是多少?");
    expect(abstention.abstained).toBe(true);
    const card = page.locator(".jjqa-abstained");
    // The report speaks of housing but gives no price: the badge names that reason.
    expect(abstention.abstentionReason).toBe("figure-not-given");
    await expect(card.locator(".jjqa-badge").textContent()).resolves.toBe("报告没有给出这项数据");
    const suggestions = card.locator(".jjqa-suggestions .jjqa-chip");
    expect(await suggestions.count()).toBe(abstention.suggestions?.length);
    await page.screenshot({ path: path.join(ARTIFACTS, "desktop-page-abstention.png") });

    const followUpRequest = page.waitForRequest((request) => isAskUrl(request.url()) && request.method() === "POST");
    const followUpResponse = page.waitForResponse(isAsk);
    const label = (await suggestions.first().textContent()) ?? "";
    await suggestions.first().click();
    const sent = (await followUpRequest).postDataJSON() as { question: string; history: Array<{ role: string; content: string }> };
    expect(sent.question).toContain(label);
    expect(sent.history).toEqual([
      { role: "user", content: abstention.question },
      { role: "assistant", content: abstention.answer },
    ]);
    const followUp = await answerOf(await followUpResponse);
    await nextReply(page, 1);
    expect(followUp.abstained).toBe(false);
    expect(followUp.citations.length).toBeGreaterThan(0);
    await page.locator(".jjqa-answer:not(.jjqa-abstained) .jjqa-marker").first().waitFor();
    expect(problems).toEqual([]);
  });

  it("keeps a question and server text containing markup as text: no element, no dialog", async () => {
    const { page, problems, dialogs } = await openPage(`${service.baseUrl}/`);
    const attack = "<img src=x onerror=alert(1)>";
    const real = await ask(page, attack);
    await page.locator(".jjqa-answer").last().waitFor();
    await expect(page.locator(".jjqa-question").last().textContent()).resolves.toContain(attack);
    expect(real.question).toBe(attack);

    // A hostile (or compromised) server: markup in the answer, the quote, the passage and the section.
    const quote = "<script>alert(2)</script>";
    const passageText = `前文<img src=x onerror=alert(3)>${quote}后文`;
    const forged = {
      ...real,
      question: attack,
      answer: `${attack}答案[1]。`,
      abstained: false,
      citations: [{ marker: 1, chunkId: "c1", source: "s", title: "<b>t</b>", section: ["<b>章节</b>"], quote, quoteStart: 100 + passageText.indexOf(quote), quoteEnd: 100 + passageText.indexOf(quote) + quote.length, chunkStart: 100, chunkEnd: 100 + passageText.length, score: 1 }],
      passages: [{ chunkId: "c1", source: "s", section: ["<b>章节</b>"], text: passageText, start: 100, end: 100 + passageText.length, score: 1 }],
    };
    // Forged in the stream too: the markup streams in as a delta before the done event.
    await page.route("**/api/ask/stream", (route) => route.fulfill({ status: 200, contentType: EVENT_STREAM, body: extractiveStream(forged as AskResponse) }));
    await ask(page, "再问一次");
    await page.locator(".jjqa-answer .jjqa-marker").last().click();
    await expect(page.locator(".jjqa-answer").last().locator(".jjqa-answer-text").textContent()).resolves.toBe(`${attack}答案1。`);
    await expect(page.locator(".jjqa-passage mark").textContent()).resolves.toBe(quote);
    await expect(page.locator(".jjqa-passage-path").textContent()).resolves.toBe("<b>章节</b>");
    expect(await countInShadow(page, "img, script, b, iframe")).toBe(0);
    expect(await page.locator("img, iframe").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("names the document in each source row only when the server names it (a corpus of several)", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const real = await ask(page, GDP_QUESTION);
    // The one-report server names no document: its rows are as they were.
    expect(real.citations[0]?.document).toBeUndefined();
    expect(await page.locator(".jjqa-answer .jjqa-source-document").count()).toBe(0);
    const named = { ...real, citations: real.citations.map((citation) => ({ ...citation, document: { id: "jiangjin-15th-congress-report", shortTitle: "江津区第十五次党代会报告解读", published: "2021-12-29" } })) };
    await page.route("**/api/ask/stream", (route) => route.fulfill({ status: 200, contentType: EVENT_STREAM, body: extractiveStream(named) }));
    await ask(page, "再问一次");
    const row = page.locator(".jjqa-answer").last().locator(".jjqa-source").first();
    await expect(row.locator(".jjqa-source-document").textContent()).resolves.toBe("江津区第十五次党代会报告解读 · 2021-12-29");
    await expect(row.getAttribute("aria-label")).resolves.toContain("江津区第十五次党代会报告解读 · 2021-12-29 · ");
    await page.unroute("**/api/ask/stream");
    expect(problems).toEqual([]);
  });

  it("turns a 500 into a friendly message with a retry that works once the server recovers, and waits on a 429", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    await page.route("**/api/ask/stream", (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal", message: "Internal error" } }) }));
    const error = await askExpectingServerError(page);
    await page.unroute("**/api/ask/stream");

    const retried = page.waitForResponse(isAsk);
    await error.locator(".jjqa-retry").click();
    expect(await focused(page)).toBe("div.jjqa-messages");
    const response = await answerOf(await retried);
    await nextReply(page, 0);
    expect(response.answer).toContain("1800亿元");
    await page.locator(".jjqa-answer .jjqa-marker").first().waitFor();
    expect(await page.locator(".jjqa-error").count()).toBe(0);

    await page.route("**/api/ask/stream", (route) => route.fulfill({ status: 429, headers: { "Retry-After": "30" }, contentType: "application/json", body: JSON.stringify({ error: { code: "rate_limited", message: "slow down" } }) }));
    await page.locator(".jjqa-input").fill("森林覆盖率是多少");
    await page.locator(".jjqa-input").press("Enter");
    const busy = page.locator(".jjqa-error");
    await busy.waitFor();
    await expect(busy.locator(".jjqa-error-text").textContent()).resolves.toBe("提问有点频繁，请等待 30 秒后再试。");
    await expect(busy.locator(".jjqa-retry").getAttribute("aria-disabled")).resolves.toBe("true");
    expect(problems).toEqual([]);
  });

  it("streams the answer from /api/ask/stream, and an older server without it (404) answers over /api/ask with the same end state", async () => {
    const askPaths = (page: Page): string[] => {
      const paths: string[] = [];
      page.on("request", (request) => {
        if (isAskUrl(request.url())) paths.push(new URL(request.url()).pathname);
      });
      return paths;
    };
    const { page: current, problems } = await openPage(`${service.baseUrl}/`);
    const currentPaths = askPaths(current);
    const streamed = await ask(current, GDP_QUESTION);
    expect(currentPaths).toEqual(["/api/ask/stream"]);

    const { page: older, problems: olderProblems } = await openPage(`${service.baseUrl}/`);
    const olderPaths = askPaths(older);
    await older.route("**/api/ask/stream", (route) => route.fulfill({ status: 404, contentType: "application/json", body: JSON.stringify({ error: { code: "not_found", message: "Not found" } }) }));
    const fallback = await ask(older, GDP_QUESTION);
    expect(olderPaths).toEqual(["/api/ask/stream", "/api/ask"]);
    expect(fallback.answer).toBe(streamed.answer);
    // The same DOM, down to every attribute (element ids aside, which count per page).
    const answerDom = (page: Page): Promise<string> => page.locator(".jjqa-answer").last().evaluate((element) => element.outerHTML.replace(/jjqa-([a-z]+)-\d+/gu, "jjqa-$1-N"));
    expect(await answerDom(older)).toBe(await answerDom(current));
    await expect(older.locator("[aria-live=polite]").textContent()).resolves.toBe(await current.locator("[aria-live=polite]").textContent());
    expect(await answerDom(current)).toContain("jjqa-marker");
    expect(await countInShadow(current, ".jjqa-draft, .jjqa-pending, .jjqa-stopped")).toBe(0);

    // Once told, the page asks /api/ask directly.
    await ask(older, "森林覆盖率是多少");
    expect(olderPaths).toEqual(["/api/ask/stream", "/api/ask", "/api/ask"]);
    expect([...problems, ...olderProblems]).toEqual([]);
  });

  it("shows an error event in the stream as the same polite error, with a retry, and leaves no streamed text behind", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const failing = eventStream([
      { event: "sources", data: { passages: [] } },
      { event: "delta", data: { text: "到2026年，江津" } },
      { event: "error", data: { error: { code: "internal", message: "The answer could not be completed." } } },
    ]);
    await page.route("**/api/ask/stream", (route) => route.fulfill({ status: 200, contentType: EVENT_STREAM, body: failing }));
    const error = await askExpectingServerError(page);
    expect(await countInShadow(page, ".jjqa-draft, .jjqa-pending, .jjqa-answer")).toBe(0);
    await page.unroute("**/api/ask/stream");
    const retried = page.waitForResponse(isAsk);
    await error.locator(".jjqa-retry").click();
    expect((await answerOf(await retried)).answer).toContain("1800亿元");
    await page.locator(".jjqa-answer .jjqa-marker").first().waitFor();
    expect(problems).toEqual([]);
  });

  it("posts thumbs-up feedback that lands in DATA_DIR/feedback.jsonl with the engine receipt; a failed post says so politely", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const response = await ask(page, GDP_QUESTION);

    await page.route("**/api/feedback", (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal", message: "x" } }) }));
    await page.locator(".jjqa-answer").last().getByRole("button", { name: "没帮助" }).click();
    expect(await textOf(page, ".jjqa-answer .jjqa-action-status", "反馈没有发送成功")).toBe("反馈没有发送成功，请稍后再试");
    await expect(page.locator(".jjqa-answer").last().getByRole("button", { name: "没帮助" }).getAttribute("aria-disabled")).resolves.toBe("false");
    await page.unroute("**/api/feedback");

    const posted = page.waitForResponse((candidate) => candidate.url().endsWith("/api/feedback"));
    await page.locator(".jjqa-answer").last().getByRole("button", { name: "有帮助" }).click();
    expect((await posted).status()).toBe(201);
    expect(await textOf(page, ".jjqa-answer .jjqa-action-status", "谢谢反馈")).toBe("谢谢反馈");

    const lines = (await readFile(path.join(service.dataDirectory, "feedback.jsonl"), "utf8")).trim().split("\n");
    const record = JSON.parse(lines[lines.length - 1] ?? "{}") as Record<string, unknown>;
    expect(record).toMatchObject({ question: response.question, answer: response.answer, rating: "up", engine: response.engine });
    expect(record.citations).toEqual(response.citations.map(({ marker, chunkId, quoteStart, quoteEnd }) => ({ marker, chunkId, quoteStart, quoteEnd })));
    expect(problems).toEqual([]);
  });

  it("copies the answer with its sources as plain text", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`, { permissions: ["clipboard-read", "clipboard-write"] });
    const response = await ask(page, GDP_QUESTION);
    await page.locator(".jjqa-answer").last().getByRole("button", { name: "复制" }).click();
    expect(await textOf(page, ".jjqa-answer .jjqa-action-status", "已复制")).toBe("已复制");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`问：${response.question}`);
    expect(copied).toContain(`答：${response.answer}`);
    for (const citation of response.citations) {
      expect(copied).toContain(`[${citation.marker}] ${formatSectionPath(citation.section)}`);
      expect(copied).toContain(`“${citation.quote}”`);
    }
    expect(problems).toEqual([]);
  });
});

describe("the embedded widget", () => {
  it("works on /demo: the launcher opens the panel with starters, and a cited answer opens its passage", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/demo`);
    const launcher = page.locator(".jjqa-launcher");
    await launcher.click();
    await expect(launcher.getAttribute("aria-expanded")).resolves.toBe("true");
    expect(await focused(page)).toBe("textarea.jjqa-input");
    const starter = page.locator(".jjqa-panel .jjqa-starters .jjqa-chip").first();
    await starter.waitFor();
    const starterAnswer = page.waitForResponse(isAsk);
    await starter.click();
    expect((await answerOf(await starterAnswer)).abstained).toBe(false);
    await nextReply(page, 0);
    // The starters hide once the conversation starts; focus stays inside the panel.
    await expect(page.locator(".jjqa-starters").isHidden()).resolves.toBe(true);
    expect(await focused(page)).toBe("div.jjqa-messages");
    const response = await ask(page, GDP_QUESTION);
    await expectCitationOpens(page, response);
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-panel-open.png") });
    expect(problems).toEqual([]);
  });

  it("works cross-origin for an allowed origin, untouched by the host page's CSS; other origins get no CORS header", async () => {
    const { page, problems } = await openPage(`${allowedSite.origin}/`);
    await page.locator(".jjqa-launcher").click();
    const response = await ask(page, GDP_QUESTION);
    expect(response.citations.length).toBeGreaterThan(0);
    await expectCitationOpens(page, response);
    // The host's `* { letter-spacing: 3px !important }`, `p { font-size: 40px }` and `mark { background: black }` stay outside.
    const styles = await page.locator(".jjqa-answer-text").last().evaluate((element) => {
      const mark = element.parentElement?.querySelector("mark");
      return { letterSpacing: getComputedStyle(element).letterSpacing, fontSize: getComputedStyle(element).fontSize, mark: mark ? getComputedStyle(mark).backgroundColor : "" };
    });
    expect(styles).toEqual({ letterSpacing: "normal", fontSize: "15.5px", mark: "rgb(255, 229, 138)" });
    // data-position="left" and data-color (a blue) are honoured.
    const launcherBox = await page.locator(".jjqa-launcher").boundingBox();
    expect(launcherBox!.x).toBeLessThan(DESKTOP.width / 2);
    const accent = await page.locator(".jjqa-send").evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(accent).toBe("rgb(26, 95, 180)");

    const allowedPreflight = await fetch(`${service.baseUrl}/api/ask`, {
      method: "OPTIONS",
      headers: { origin: allowedSite.origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(allowedPreflight.headers.get("access-control-allow-origin")).toBe(allowedSite.origin);
    const stranger = await fetch(`${service.baseUrl}/api/ask`, {
      method: "POST",
      headers: { origin: "http://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ question: GDP_QUESTION }),
    });
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
    const strangerPreflight = await fetch(`${service.baseUrl}/api/ask`, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(strangerPreflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(problems).toEqual([]);
  });

  it("says politely that the service is unreachable when the API is down, with a retry (English UI via data-lang)", async () => {
    const { page, problems } = await openPage(`${downSite.origin}/`);
    await expect(page.locator(".jjqa-launcher").getAttribute("aria-label")).resolves.toBe("Open 江津党代会报告问答");
    await page.locator(".jjqa-launcher").click();
    await page.locator(".jjqa-input").fill(GDP_QUESTION);
    await page.locator(".jjqa-input").press("Enter");
    const error = page.locator(".jjqa-error");
    await error.waitFor();
    await expect(error.locator(".jjqa-error-text").textContent()).resolves.toBe("Cannot reach the Q&A service. Check your connection or try again later.");
    await expect(error.locator(".jjqa-retry").textContent()).resolves.toBe("Retry");
    await expect(error.locator(".jjqa-retry").isVisible()).resolves.toBe(true);
    // The question stays in the conversation: never a blank panel.
    await expect(page.locator(".jjqa-question").textContent()).resolves.toContain(GDP_QUESTION);
    expect(problems).toEqual([]);
  });

  it("can be used with the keyboard alone", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/demo`);
    // Tab from the top of the page to the launcher (it comes after the article's links).
    for (let presses = 0; presses < 20 && (await focused(page)) !== "button.jjqa-launcher"; presses += 1) await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("button.jjqa-launcher");
    await page.keyboard.press("Enter");
    expect(await focused(page)).toBe("textarea.jjqa-input");

    await page.keyboard.type("到2026年地区生产总值");
    await page.keyboard.press("Shift+Enter");
    await expect(page.locator(".jjqa-input").inputValue()).resolves.toBe("到2026年地区生产总值\n");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("目标是多少?");
    const received = page.waitForResponse(isAsk);
    await page.keyboard.press("Enter");
    const response = await answerOf(await received);
    await nextReply(page, 0);
    expect(response.question).toBe(GDP_QUESTION);
    await page.locator(".jjqa-answer .jjqa-marker").first().waitFor();

    // Back from the input through the answer's controls to its first marker.
    for (let presses = 0; presses < 20 && (await focused(page)) !== "button.jjqa-marker"; presses += 1) await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("button.jjqa-marker");
    await page.keyboard.press("Enter");
    await expect(page.locator(".jjqa-passage mark").textContent()).resolves.toBe(response.citations[0]!.quote);

    await page.keyboard.press("Escape");
    await expect(page.locator(".jjqa-panel").isHidden()).resolves.toBe(true);
    expect(await focused(page)).toBe("button.jjqa-launcher");
    await expect(page.locator(".jjqa-launcher").getAttribute("aria-expanded")).resolves.toBe("false");
    expect(problems).toEqual([]);
  });

  it("is full-screen at 375×667, and neither / nor /demo scrolls sideways", async () => {
    const mobile = { viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
    const { page, problems } = await openPage(`${service.baseUrl}/demo`, mobile);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.locator(".jjqa-launcher").click();
    const box = await page.locator(".jjqa-panel").boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: MOBILE.width, height: MOBILE.height });
    const response = await ask(page, "森林覆盖率是多少");
    await expectCitationOpens(page, response);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "mobile-panel-citation.png") });

    const { page: fullPage, problems: fullPageProblems } = await openPage(`${service.baseUrl}/`, mobile);
    await fullPage.locator(".jjqa-starters .jjqa-chip").first().waitFor();
    await ask(fullPage, GDP_QUESTION);
    await fullPage.locator(".jjqa-answer .jjqa-marker").first().click();
    expect(await fullPage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await fullPage.screenshot({ path: path.join(ARTIFACTS, "mobile-page.png") });
    expect([...problems, ...fullPageProblems]).toEqual([]);
  });
});
