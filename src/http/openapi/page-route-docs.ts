import { PASSAGE_PATH, spanQuerySchema } from "../passage-page-route.js";
import type { ResponseDoc, RouteDoc } from "./route-doc.js";

const page = (description: string): ResponseDoc => ({ description, content: { "text/html": {} } });

/** A file served with an ETag: 200 with it, 304 when the browser already holds this version (If-None-Match). */
const asset = (mediaType: string, description: string): Record<number, ResponseDoc> => ({
  200: {
    description,
    headers: { ETag: { description: "The version; send it back in If-None-Match.", schema: { type: "string" } } },
    content: { [mediaType]: {} },
  },
  304: { description: "Not modified: the version named in If-None-Match is current." },
});

/**
 * The routes of page-routes.ts, passage-page-route.ts and docs-routes.ts. Pages are documented like the API (the rule
 * the "every route documented" test enforces has no exceptions); they are public and carry the
 * pages' Content-Security-Policy.
 */
export const pageRouteDocs: readonly RouteDoc[] = [
  {
    method: "GET",
    path: "/",
    operationId: "chatPage",
    summary: "The full-page chat",
    description: "An HTML shell mounted by /assets/app.js: starter questions, answers with clickable citations, copy, thumbs up/down.",
    tag: "Pages",
    access: "public",
    responses: { 200: page("The chat page.") },
  },
  {
    method: "GET",
    path: "/demo",
    operationId: "demoPage",
    summary: "A mock news article with the widget embedded",
    description: "Embeds /widget.js the way a third-party site would.",
    tag: "Pages",
    access: "public",
    responses: { 200: page("The demo page.") },
  },
  {
    method: "GET",
    path: "/assets/demo.css",
    operationId: "demoStylesheet",
    summary: "The demo page's stylesheet",
    description: "Cached for 5 minutes, then revalidated.",
    tag: "Pages",
    access: "public",
    responses: asset("text/css", "The stylesheet."),
  },
  {
    method: "GET",
    path: "/widget.js",
    operationId: "widgetScript",
    summary: "The embeddable chat widget",
    description: "Meant for other sites' pages: served with `Cross-Origin-Resource-Policy: cross-origin` and `Access-Control-Allow-Origin: *`. 404 `not_found` when the bundle is not built (npm run build).",
    tag: "Pages",
    access: "public",
    responses: asset("text/javascript", "The widget bundle."),
    errors: [404],
  },
  {
    method: "GET",
    path: "/assets/app.js",
    operationId: "chatPageScript",
    summary: "The chat page's script",
    description: "404 `not_found` when the bundle is not built (npm run build).",
    tag: "Pages",
    access: "public",
    responses: asset("text/javascript", "The chat page bundle."),
    errors: [404],
  },
  {
    method: "GET",
    path: PASSAGE_PATH,
    operationId: "passagePage",
    summary: "A cited span in its passage, marked",
    description: "What a chat client opens when its reader clicks a citation URL of /v1/chat/completions. 404 `not_found` when the served report has no passage holding the span.",
    tag: "Pages",
    access: "public",
    query: {
      schema: spanQuerySchema,
      descriptions: { source: "The corpus file, as a citation's `source` names it.", start: "The span's start offset into the file.", end: "The span's end offset (exclusive), after start." },
      examples: { source: "corpus/jiangjin-15th-congress-report.txt", start: 2727, end: 2749 },
    },
    responses: { 200: page("The passage, the span marked.") },
    errors: [400, 404],
  },
  {
    method: "GET",
    path: "/openapi.json",
    operationId: "openApiDocument",
    summary: "This description, OpenAPI 3.1",
    description: "Generated from the zod schemas the routes validate with. Cached for 5 minutes, then revalidated.",
    tag: "Documentation",
    access: "public",
    responses: asset("application/json", "The OpenAPI 3.1 document."),
  },
  {
    method: "GET",
    path: "/docs",
    operationId: "apiReference",
    summary: "This description as a page",
    description: "Rendered on the server from /openapi.json; loads nothing from other hosts and runs no script.",
    tag: "Documentation",
    access: "public",
    responses: asset("text/html", "The API reference."),
  },
  {
    method: "GET",
    path: "/assets/docs.css",
    operationId: "apiReferenceStylesheet",
    summary: "The API reference's stylesheet",
    description: "Cached for 5 minutes, then revalidated.",
    tag: "Documentation",
    access: "public",
    responses: asset("text/css", "The stylesheet."),
  },
];
