import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.js";
import { launchBrowser } from "../support/browser.js";
import { projectRoot, reportText } from "../support/corpus.js";
import { reportEngine } from "../support/engine.js";
import { listen, type LocalServer } from "../support/local-server.js";
import { consumeAsOpenWebUi, type OpenWebUiMessage } from "../support/open-webui-consumer.js";

// What a chat front end shows for an answer from /v1/chat/completions: the stream read the way
// Open WebUI reads it (tests/support/open-webui-consumer.ts), drawn as its message with the
// citation list under it, each [n] linked to its citation, in Chromium. The screenshot
// (test-artifacts/openai-client-citations.png, copied to docs/screenshots/) is the README's.

const ARTIFACTS = path.join(projectRoot, "test-artifacts");
const MODEL = "jiangjin-15th-congress-report";
const QUESTION = "江津有哪些国家级的荣誉";

let server: LocalServer;
let browser: Browser;

beforeAll(async () => {
  server = await listen(createApp(await reportEngine(), { vectorIndex: "brute-force" }, { answerCacheEntries: 0 }));
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const escape = (text: string): string => text.replace(/[&<>"']/gu, (character) => `&#${character.charCodeAt(0)};`);

/** The message as a chat front end lays it out: [n] as a link to citation n, the citations listed with what they quote. */
function messageHtml(question: string, message: OpenWebUiMessage): string {
  const content = escape(message.content).replace(/\[(\d+)\]/gu, (_, n: string) => `<a class="ref" href="#c${n}">${n}</a>`);
  const citations = message.citations
    .map((citation, index) => `<li id="c${index + 1}"><span class="n">${index + 1}</span><div><div class="name">${escape(citation.source.name)}</div><div class="doc">${escape(citation.document[0] ?? "")}</div><a class="url" href="${escape(citation.source.url)}">${escape(citation.source.url)}</a></div></li>`)
    .join("");
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
body { font: 15px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; background: #f4f5f7; margin: 0; padding: 24px; color: #1f2328; }
.chat { max-width: 760px; margin: 0 auto; }
.user { background: #e7f0ff; border-radius: 14px; padding: 10px 14px; margin: 0 0 14px auto; width: fit-content; }
.assistant { background: #fff; border: 1px solid #d8dee4; border-radius: 14px; padding: 14px 16px; }
.model { font-size: 12px; color: #57606a; margin-bottom: 6px; }
.ref { display: inline-block; font-size: 11px; background: #ddf4ff; color: #0550ae; border-radius: 8px; padding: 0 6px; margin: 0 2px; text-decoration: none; vertical-align: super; }
h3 { font-size: 13px; color: #57606a; margin: 14px 0 6px; }
ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
li { display: grid; grid-template-columns: 22px 1fr; gap: 8px; border: 1px solid #d8dee4; border-radius: 10px; padding: 8px 10px; font-size: 13px; }
.n { background: #0550ae; color: #fff; border-radius: 50%; width: 20px; height: 20px; text-align: center; font-size: 12px; line-height: 20px; }
.name { font-weight: 600; } .doc { color: #424a53; } .url { color: #57606a; font-size: 11px; word-break: break-all; }
</style><div class="chat"><div class="user">${escape(question)}</div><div class="assistant"><div class="model">${MODEL} · /v1/chat/completions</div><div>${content}</div>
<h3>引用 (${message.citations.length}) · sources from the stream's url_citation annotations</h3><ol>${citations}</ol></div></div></html>`;
}

describe("an answer from /v1/chat/completions in a chat front end", () => {
  it("links every [n] to the citation that quotes its report span, and the screenshot shows them", async () => {
    const response = await fetch(`${server.baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: QUESTION }], stream: true }),
    });
    const message = consumeAsOpenWebUi(await response.text());
    expect(message.citations.length).toBeGreaterThan(1);
    const page = await (await browser.newContext({ viewport: { width: 900, height: 700 }, deviceScaleFactor: 1 })).newPage();
    await page.setContent(messageHtml(QUESTION, message));
    const references = await page.locator(".ref").allTextContents();
    expect(references.length).toBeGreaterThanOrEqual(message.citations.length);
    for (const reference of references) {
      // Each [n] opens a citation whose text is in the report, and whose URL opens that passage.
      const citation = message.citations[Number(reference) - 1]!;
      expect(citation.document[0]!.length).toBeGreaterThan(0);
      const span = new URL(citation.source.url);
      const quote = reportText.slice(Number(span.searchParams.get("start")), Number(span.searchParams.get("end")));
      expect(citation.document[0]).toContain(quote);
    }
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "openai-client-citations.png"), fullPage: true });
  });
});
