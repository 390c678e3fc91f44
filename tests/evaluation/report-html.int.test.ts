import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderReportHtml } from "../../src/core/evaluation/report-html.js";
import { launchBrowser } from "../support/browser.js";
import { projectRoot } from "../support/corpus.js";
import { SAMPLE_EVALUATION_REPORT as report } from "../fixtures/sample-evaluation-report.js";

// report.html as a person opens it: from disk, in Chromium, with every request outside the
// file itself refused and recorded. Screenshots go to test-artifacts/ (docs/screenshots/
// eval-report.png is a copy of eval-report-desktop.png).

const ARTIFACTS = path.join(projectRoot, "test-artifacts");
const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 375, height: 667 };

const failedWithEvidence = report.questions.find((question) => !question.passed && question.passages.some((passage) => passage.evidence.length > 0))!;
const markedPassage = failedWithEvidence.passages.find((passage) => passage.evidence.length > 0)!;
const goldEvidence = markedPassage.evidence.map((range) => markedPassage.text.slice(range.start, range.end));

let browser: Browser;
let directory: string;
let reportUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "jjqa-report-"));
  const file = path.join(directory, "report.html");
  await writeFile(file, renderReportHtml(report), "utf8");
  reportUrl = pathToFileURL(file).href;
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
}, 60_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

interface OpenedReport {
  readonly page: Page;
  /** Every request for anything but the report file itself, refused. */
  readonly outside: string[];
  readonly dialogs: string[];
  readonly problems: string[];
}

async function openReport(options: BrowserContextOptions = {}): Promise<OpenedReport> {
  const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce", locale: "zh-CN", ...options });
  contexts.push(context);
  const outside: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === reportUrl) return route.continue();
    outside.push(url);
    return route.abort("blockedbyclient");
  });
  context.on("request", (request) => {
    if (request.url() !== reportUrl && !outside.includes(request.url())) outside.push(request.url());
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // A CSP violation (an injected script or handler, or a stale script hash) shows up here.
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.goto(reportUrl);
  return { page, outside, dialogs, problems };
}

function expectClean(opened: OpenedReport): void {
  expect(opened.outside, "requests outside the file").toEqual([]);
  expect(opened.dialogs, "dialogs (XSS)").toEqual([]);
  expect(opened.problems).toEqual([]);
}

const row = (page: Page, id: string) => page.locator(`details#q-${id}`);

describe("report.html in Chromium", () => {
  it("shows the summary cards and the baseline diff, expands a failed question and highlights its gold evidence", async () => {
    const opened = await openReport();
    const { page } = opened;

    await expect(page.title()).resolves.toContain("评测报告");
    const cards = page.locator(".cards .card");
    expect(await cards.count()).toBe(7);
    for (const card of await cards.all()) expect(await card.isVisible()).toBe(true);
    expect(await page.locator('.card[data-metric="factRecall"] .card-value').textContent()).toBe("92.6%");

    const newlyFailing = page.locator("#baseline .newly-failing");
    expect(await newlyFailing.isVisible()).toBe(true);
    expect(await newlyFailing.textContent()).toContain(report.baseline!.newlyFailing[0]!);
    const baselineTop = (await page.locator("#baseline").boundingBox())!.y;
    expect(baselineTop).toBeLessThan((await page.locator("#summary").boundingBox())!.y);
    expect(baselineTop).toBeLessThan(DESKTOP.height);

    // Three charts, drawn.
    const charts = page.locator("svg.chart");
    expect(await charts.count()).toBe(3);
    for (const chart of await charts.all()) expect((await chart.boundingBox())!.height).toBeGreaterThan(100);

    // Closed rows keep their content hidden; a click opens the row.
    const failed = row(page, failedWithEvidence.id);
    const mark = failed.locator(`li.passage[data-rank="${markedPassage.rank}"] .passage-text mark`);
    expect(await mark.first().isVisible()).toBe(false);
    await failed.locator("summary").click();
    expect(await failed.getAttribute("open")).not.toBeNull();
    await mark.first().waitFor({ state: "visible" });
    expect(await mark.allTextContents()).toEqual(goldEvidence);
    expect(await failed.locator(".answer").textContent()).toBe(failedWithEvidence.answer);

    // The injected answer is text on the page, and nothing in it ran or loaded.
    const injected = report.questions.find((question) => question.answer.includes("<img"))!;
    await row(page, injected.id).locator("summary").click();
    expect(await row(page, injected.id).locator(".answer").textContent()).toBe(injected.answer);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);

    // The screenshot: failed questions only, the expanded one under the table's header.
    await page.locator("#only-failed").check();
    await page.evaluate(() => {
      const target = document.getElementById("questions")!;
      window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY - 20);
    });
    await page.screenshot({ path: path.join(ARTIFACTS, "eval-report-desktop.png") });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, "eval-report-desktop-top.png") });
    expectClean(opened);
  });

  it("opens a newly failing question from the baseline diff, and filters to failed questions", async () => {
    const opened = await openReport();
    const { page } = opened;
    const id = report.baseline!.newlyFailing[0]!;
    await page.locator(`#baseline .newly-failing a[href="#q-${id}"]`).click();
    await expect.poll(() => row(page, id).getAttribute("open")).not.toBeNull();
    expect(await row(page, id).locator(".q-body").isVisible()).toBe(true);

    // The toolbar's script-only button is there, so the inline script ran under the page's CSP.
    expect(await page.locator("#toggle-all").isVisible()).toBe(true);
    await page.locator("#toggle-all").click();
    expect(await page.locator("details.q[open]").count()).toBe(report.questions.length);

    await page.locator("#only-failed").check();
    const failed = report.questions.filter((question) => !question.passed);
    const passed = report.questions.find((question) => question.passed)!;
    expect(await row(page, passed.id).isVisible()).toBe(false);
    for (const question of failed) expect(await row(page, question.id).isVisible()).toBe(true);
    expectClean(opened);
  });

  it("works without JavaScript: rows still expand and the evidence is still marked", async () => {
    const opened = await openReport({ javaScriptEnabled: false });
    const { page } = opened;
    expect(await page.locator(".cards .card").first().isVisible()).toBe(true);
    const failed = row(page, failedWithEvidence.id);
    await failed.locator("summary").click();
    const mark = failed.locator(`li.passage[data-rank="${markedPassage.rank}"] .passage-text mark`);
    await mark.first().waitFor({ state: "visible" });
    expect(await mark.allTextContents()).toEqual(goldEvidence);
    expectClean(opened);
  });

  it("fits a 375px phone without sideways scrolling, the question table as stacked cards", async () => {
    const opened = await openReport({ viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const { page } = opened;
    const fits = () => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    let size = await fits();
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    expect(size.innerWidth).toBe(MOBILE.width);

    expect(await page.locator(".q-header").isVisible()).toBe(false);
    const summary = row(page, failedWithEvidence.id).locator("summary");
    const status = (await summary.locator(".q-status").boundingBox())!;
    const question = (await summary.locator(".q-text").boundingBox())!;
    expect(question.y).toBeGreaterThanOrEqual(status.y + status.height - 1);
    expect(question.width).toBeGreaterThan(MOBILE.width * 0.7);

    await page.screenshot({ path: path.join(ARTIFACTS, "eval-report-mobile.png") });
    await summary.tap();
    await row(page, failedWithEvidence.id).locator(".passage-text mark").first().waitFor({ state: "visible" });
    size = await fits();
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.locator(`details#q-${failedWithEvidence.id}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "eval-report-mobile-expanded.png") });
    expectClean(opened);
  });

  it("prints the summary and the failing questions' full content, without the interactive chrome", async () => {
    const opened = await openReport();
    const { page } = opened;
    expect(await page.locator("#failed-print").isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });

    expect(await page.locator("#failed-print").isVisible()).toBe(true);
    expect(await page.locator(".cards .card").first().isVisible()).toBe(true);
    expect(await page.locator(".toolbar").isVisible()).toBe(false);
    expect(await page.locator(".toc").isVisible()).toBe(false);
    const failed = report.questions.filter((question) => !question.passed);
    for (const question of failed) {
      const article = page.locator(`#failed-print article[data-id="${question.id}"]`);
      expect(await article.isVisible()).toBe(true);
      expect(await article.locator(".answer").isVisible()).toBe(true);
    }
    const printed = page.locator(`#failed-print article[data-id="${failedWithEvidence.id}"] li.passage[data-rank="${markedPassage.rank}"] mark`);
    expect(await printed.first().isVisible()).toBe(true);
    expect(await printed.allTextContents()).toEqual(goldEvidence);
    const passed = report.questions.find((question) => question.passed)!;
    expect(await page.locator(`#failed-print article[data-id="${passed.id}"]`).count()).toBe(0);

    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await writeFile(path.join(ARTIFACTS, "eval-report.pdf"), pdf);
    expectClean(opened);
  });
});
