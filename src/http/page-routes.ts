import type { Context, Hono } from "hono";
import { errorBody } from "./error-response.js";
import type { AppOptions } from "./app-options.js";
import { pageHeaders } from "./page-headers.js";
import { chatPage, DEMO_STYLESHEET, demoPage } from "./pages.js";
import { createStaticAsset, serveAsset, type StaticAsset } from "./static-asset.js";

const demoStylesheet = createStaticAsset(DEMO_STYLESHEET, "text/css; charset=utf-8");

/** GET /, /demo and the widget bundles, with the headers each needs. */
export function registerPageRoutes(app: Hono, options: AppOptions): void {
  const pageSecurity = pageHeaders(options);
  const about = options.about ?? { title: "江津区第十五次党代会报告解读", author: null, published: null };

  app.get("/", pageSecurity, (context) => context.html(chatPage(about)));
  app.get("/demo", pageSecurity, (context) => context.html(demoPage()));
  app.get("/assets/demo.css", (context) => serveAsset(context, demoStylesheet));

  const bundle = (asset: StaticAsset | undefined, crossOrigin: boolean) => (context: Context) =>
    asset
      ? serveAsset(context, asset, crossOrigin ? { "Cross-Origin-Resource-Policy": "cross-origin", "Access-Control-Allow-Origin": "*" } : {})
      : context.json(errorBody("not_found", "The widget bundle is not built. Run: npm run build"), 404);
  // The embed script is meant for other sites' pages: it must load cross-origin.
  app.get("/widget.js", bundle(options.assets?.widget, true));
  app.get("/assets/app.js", bundle(options.assets?.app, false));
}
