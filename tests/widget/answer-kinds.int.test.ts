import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AskResponse } from "../../src/core/schemas/ask-response.js";
import { uiStrings } from "../../src/widget/ui-strings.js";
import { launchBrowser } from "../support/browser.js";
import { freePort } from "../support/child-process.js";
import { answerOf, isAskResponse, isAskUrl } from "./ask-traffic.js";
import { buildProject, hostPage, startHostSite, startService, type HostSite, type RunningService } from "./widget-service.js";

// Issue 10 in the browser: a three-turn conversation typed into the widget (which sends the
// history), and the answer kind shown — the related badge, data-answer-kind, and the answer
// text's language. One real server (`npm run build`, then `node dist/server.mjs` over the
// committed index/), one Chromium; the full page at / (Chinese UI) and a third-party page
// embedding the widget with data-lang="en" on an allowed origin.

let browser: Browser;
let service: RunningService;
let englishSite: HostSite;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await buildProject();
  const englishPort = await freePort();
  service = await startService([`http://127.0.0.1:${englishPort}`]);
  englishSite = await startHostSite(englishPort, hostPage(service.baseUrl, service.baseUrl, "en"));
  browser = await launchBrowser();
}, 90_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await englishSite?.stop();
  await service?.stop();
});

async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", locale: "zh-CN" });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

interface SentRequest {
  question: string;
  history?: Array<{ role: string; content: string }>;
}

/** Types the question, presses Enter, and waits until the answer is on the page: what was sent, what came back, and its article. */
async function ask(page: Page, question: string): Promise<{ sent: SentRequest; response: AskResponse; article: Locator }> {
  const before = await page.locator(".jjqa-answer").count();
  const request = page.waitForRequest((candidate) => isAskUrl(candidate.url()) && candidate.method() === "POST");
  const received = page.waitForResponse(isAskResponse);
  await page.locator(".jjqa-input").fill(question);
  await page.locator(".jjqa-input").press("Enter");
  const sent = (await request).postDataJSON() as SentRequest;
  const response = await answerOf(await received);
  const article = page.locator(".jjqa-answer").nth(before);
  await article.waitFor();
  return { sent, response, article };
}

/** The answer text shows the answer with each [n] as a marker button n, one per citation, each opening its quote highlighted. */
async function expectRenderedWithMarkers(article: Locator, response: AskResponse, sourceLabel: (marker: number) => string): Promise<void> {
  await expect(article.locator(".jjqa-answer-text").textContent()).resolves.toBe(response.answer.replace(/\[(\d+)\]/gu, "$1"));
  const markers = article.locator(".jjqa-answer-text .jjqa-marker");
  expect(response.citations.length).toBeGreaterThan(0);
  await expect(markers.allTextContents()).resolves.toEqual(response.citations.map((citation) => String(citation.marker)));
  for (const citation of response.citations) {
    const marker = markers.nth(citation.marker - 1);
    await expect(marker.getAttribute("aria-label")).resolves.toBe(sourceLabel(citation.marker));
    await marker.click();
    await expect(article.locator(".jjqa-passage mark").textContent()).resolves.toBe(citation.quote);
  }
  expect(await article.locator(".jjqa-sources .jjqa-source").count()).toBe(response.citations.length);
}

const quoted = (response: AskResponse): string => response.citations.map((citation) => citation.quote).join(" ‖ ");

describe("a three-turn conversation in the widget", () => {
  it("2021 GDP → “那2026年呢?” → “那年均增长呢?”: the history goes with each turn, each answer quotes the right year's figure with its markers", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const zh = uiStrings("zh");

    const first = await ask(page, "2021年江津区地区生产总值是多少?");
    expect(first.sent.history ?? []).toEqual([]);
    expect(quoted(first.response)).toContain("2021年的1200亿元");

    const second = await ask(page, "那2026年呢?");
    expect(second.sent.history).toEqual([
      { role: "user", content: "2021年江津区地区生产总值是多少?" },
      { role: "assistant", content: first.response.answer },
    ]);
    expect(quoted(second.response)).toContain("地区生产总值达1800亿元左右");
    expect(quoted(second.response)).not.toContain("1200亿元");

    const third = await ask(page, "那年均增长呢?");
    expect(third.sent.history).toEqual([
      { role: "user", content: "2021年江津区地区生产总值是多少?" },
      { role: "assistant", content: first.response.answer },
      { role: "user", content: "那2026年呢?" },
      { role: "assistant", content: second.response.answer },
    ]);
    expect(quoted(third.response)).toContain("年均增长6%以上");
    expect(quoted(third.response)).not.toContain("8.2%");

    // All three stay in the conversation, in order, each a direct answer with its own markers.
    await expect(page.locator(".jjqa-question").allTextContents()).resolves.toEqual([
      expect.stringContaining("2021年江津区地区生产总值是多少?"),
      expect.stringContaining("那2026年呢?"),
      expect.stringContaining("那年均增长呢?"),
    ]);
    expect(await page.locator(".jjqa-answer").count()).toBe(3);
    for (const { response, article } of [first, second, third]) {
      expect(response.answerKind).toBe("direct");
      await expect(article.getAttribute("data-answer-kind")).resolves.toBe("direct");
      expect(await article.locator(".jjqa-badge").count()).toBe(0);
      await expect(article.locator(".jjqa-answer-text").getAttribute("lang")).resolves.toBe("zh-CN");
      await expectRenderedWithMarkers(article, response, zh.sourceMarker);
    }
    expect(problems).toEqual([]);
  });
});

describe("the answer kind, as the widget shows it", () => {
  it("a related answer gets the related badge, data-answer-kind=\"related\", and its text starts with the lead", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const zh = uiStrings("zh");
    const { response, article } = await ask(page, "老年人养老有什么安排?");
    expect(response.answerKind).toBe("related");
    expect(response.lead).toBeTruthy();
    await expect(article.getAttribute("data-answer-kind")).resolves.toBe("related");
    await expect(article.getAttribute("class")).resolves.toContain("jjqa-related");
    await expect(article.locator(".jjqa-badge-related").textContent()).resolves.toBe(zh.relatedBadge);
    expect(await article.locator(".jjqa-badge").count()).toBe(1);
    expect((await article.locator(".jjqa-answer-text").textContent())?.startsWith(response.lead!)).toBe(true);
    expect(quoted(response)).toContain("老龄事业");
    await expectRenderedWithMarkers(article, response, zh.sourceMarker);
    expect(problems).toEqual([]);
  });

  it("a refusal is marked not-in-report, with its reason as the badge and no markers", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const zh = uiStrings("zh");
    const { response, article } = await ask(page, "江津区2019年的地区生产总值是多少?");
    expect(response.answerKind).toBe("not-in-report");
    expect(response.abstentionReason).toBe("other-year");
    await expect(article.getAttribute("data-answer-kind")).resolves.toBe("not-in-report");
    await expect(article.locator(".jjqa-badge").textContent()).resolves.toBe(zh.notCovered["other-year"]);
    expect(await article.locator(".jjqa-badge-related").count()).toBe(0);
    expect(await article.locator(".jjqa-marker").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("a place refusal's badge names the district the response gives, as the one-report widget always showed it", async () => {
    const { page, problems } = await openPage(`${service.baseUrl}/`);
    const place = await ask(page, "合川区地区生产总值是多少?");
    expect(place.response.abstentionReason).toBe("other-place");
    expect(place.response.refusalPlaces?.map((entry) => entry.place)).toEqual(["江津区"]);
    await expect(place.article.locator(".jjqa-badge").textContent()).resolves.toBe("报告只涉及江津区");
    const level = await ask(page, "重庆市的地区生产总值是多少?");
    expect(level.response.abstentionReason).toBe("other-level");
    await expect(level.article.locator(".jjqa-badge").textContent()).resolves.toBe("报告只涉及江津区，不是整个重庆市");
    expect(problems).toEqual([]);
  });

  it("in the English widget (data-lang=\"en\"): an English answer's text is lang=\"en\", a Chinese one's zh-CN, and a related one shows the English badge", async () => {
    const { page, problems } = await openPage(`${englishSite.origin}/`);
    const en = uiStrings("en");
    await page.locator(".jjqa-launcher").click();

    const english = await ask(page, "How many poor people were lifted out of poverty?");
    expect(english.response.language).toBe("en");
    expect(english.response.answer.startsWith("The report says: ")).toBe(true);
    expect(quoted(english.response)).toContain("29654名贫困人口全部脱贫");
    await expect(english.article.locator(".jjqa-answer-text").getAttribute("lang")).resolves.toBe("en");
    await expect(english.article.getAttribute("data-answer-kind")).resolves.toBe("direct");
    await expectRenderedWithMarkers(english.article, english.response, en.sourceMarker);
    // The numbers are on the page, in the quote after the English lead.
    await expect(english.article.locator(".jjqa-answer-text").textContent()).resolves.toContain("29654");

    const chinese = await ask(page, "江津区有多少贫困人口脱贫?");
    expect(chinese.response.language).toBe("zh");
    await expect(chinese.article.locator(".jjqa-answer-text").getAttribute("lang")).resolves.toBe("zh-CN");

    const related = await ask(page, "How will Jiangjin help young people find jobs?");
    expect(related.response.answerKind).toBe("related");
    await expect(related.article.getAttribute("data-answer-kind")).resolves.toBe("related");
    await expect(related.article.locator(".jjqa-badge-related").textContent()).resolves.toBe(en.relatedBadge);
    await expect(related.article.locator(".jjqa-answer-text").getAttribute("lang")).resolves.toBe("en");
    await expect(related.article.locator(".jjqa-answer-text").textContent()).resolves.toMatch(/^The report does not say this directly/u);
    expect(problems).toEqual([]);
  });
});
