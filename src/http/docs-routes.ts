import type { Hono } from "hono";
import type { AppOptions } from "./app-options.js";
import { docsPage } from "./openapi/docs-page.js";
import { DOCS_STYLESHEET } from "./openapi/docs-stylesheet.js";
import { openApiDocument } from "./openapi/openapi-document.js";
import { pageHeaders } from "./page-headers.js";
import { createStaticAsset, serveAsset, type StaticAsset } from "./static-asset.js";

const STYLESHEET_PATH = "/assets/docs.css";

interface DocsAssets {
  readonly json: StaticAsset;
  readonly page: StaticAsset;
  readonly stylesheet: StaticAsset;
}

let assets: DocsAssets | undefined;
/** Built on first use, once per process: the document does not change while the app runs, and startup stays as fast as before. */
function docsAssets(): DocsAssets {
  if (!assets) {
    const document = openApiDocument();
    assets = {
      json: createStaticAsset(JSON.stringify(document), "application/json; charset=utf-8"),
      page: createStaticAsset(docsPage(document, STYLESHEET_PATH), "text/html; charset=utf-8"),
      stylesheet: createStaticAsset(DOCS_STYLESHEET, "text/css; charset=utf-8"),
    };
  }
  return assets;
}

/**
 * GET /openapi.json (the description of every route, OpenAPI 3.1), GET /docs (it as a page,
 * with the pages' CSP) and its stylesheet. Cacheable as the other assets are: ETag, 5 minutes.
 */
export function registerDocsRoutes(app: Hono, options: AppOptions): void {
  app.get("/openapi.json", (context) => serveAsset(context, docsAssets().json));
  app.get("/docs", pageHeaders(options), (context) => serveAsset(context, docsAssets().page));
  app.get(STYLESHEET_PATH, (context) => serveAsset(context, docsAssets().stylesheet));
}
