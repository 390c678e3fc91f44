import type { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { z } from "zod";
import type { Chunk } from "../core/chunking/chunk.js";
import type { EngineSource } from "../core/pipeline/engine-holder.js";
import { errorBody } from "./error-response.js";
import { escapeHtml, pageHead } from "./html.js";

/** GET /passage?source=…&start=…&end=…: the passage of the report a citation's URL opens (openai-citations.ts). */
export const PASSAGE_PATH = "/passage";

const offset = z.coerce.number({ error: "start and end must be whole numbers" }).int("start and end must be whole numbers").nonnegative("start and end must not be negative");
export const spanQuerySchema = z
  .object({ source: z.string({ error: "source is required" }).min(1, "source is required").max(500), start: offset, end: offset })
  .refine((span) => span.end > span.start, { message: "end must be after start" });

/** The narrowest passage holding the whole span (chunks overlap by a sentence). */
function passageHolding(chunks: readonly Chunk[], source: string, start: number, end: number): Chunk | undefined {
  let best: Chunk | undefined;
  for (const chunk of chunks) {
    if (chunk.source !== source || start < chunk.start || end > chunk.end) continue;
    if (!best || chunk.end - chunk.start < best.end - best.start) best = chunk;
  }
  return best;
}

function passagePage(chunk: Chunk, start: number, end: number): string {
  const before = chunk.text.slice(0, start - chunk.start);
  const quote = chunk.text.slice(start - chunk.start, end - chunk.start);
  const after = chunk.text.slice(end - chunk.start);
  return `${pageHead(`${chunk.sectionPath.at(-1) ?? chunk.title} · ${chunk.title}`, "zh-CN")}
<style>body{font:18px/1.8 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#222}nav{color:#666;font-size:15px}mark{background:#ffe58f;padding:0 .1em}</style>
</head>
<body>
<h1>${escapeHtml(chunk.title)}</h1>
<nav>${chunk.sectionPath.map(escapeHtml).join(" › ")}</nav>
<p>${escapeHtml(before)}<mark>${escapeHtml(quote)}</mark>${escapeHtml(after)}</p>
<p><small>${escapeHtml(chunk.source)} ${start}–${end} · <a href="/">继续提问</a></small></p>
</body>
</html>
`;
}

/**
 * The cited span in its passage, marked: what a chat client opens when its reader clicks a
 * citation. Public like the chat page (the report is a public document); no script at all.
 */
export function registerPassagePageRoute(app: Hono, currentEngine: EngineSource): void {
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], imgSrc: ["data:"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'self'"] },
    referrerPolicy: "no-referrer",
    xFrameOptions: false,
    strictTransportSecurity: false,
  });
  app.get(PASSAGE_PATH, headers, (context) => {
    const parsed = spanQuerySchema.safeParse(context.req.query());
    if (!parsed.success) return context.json(errorBody("invalid_parameter", parsed.error.issues[0]?.message ?? "source, start and end are required"), 400);
    const { source, start, end } = parsed.data;
    const chunk = passageHolding(currentEngine().chunks, source, start, end);
    if (!chunk) return context.json(errorBody("not_found", `The served report has no passage holding ${source} ${start}–${end}.`), 404);
    return context.html(passagePage(chunk, start, end));
  });
}
