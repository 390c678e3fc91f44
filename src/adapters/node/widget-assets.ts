import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { createStaticAsset, type StaticAsset } from "../../http/static-asset.js";

/** The widget bundles `npm run build` wrote to dist/widget/; missing ones are reported, not fatal. */
export async function readWidgetAssets(distDirectory: string, warn: (message: string) => void): Promise<{ widget?: StaticAsset; app?: StaticAsset }> {
  const read = async (name: string): Promise<StaticAsset | undefined> => {
    const file = path.join(distDirectory, "widget", name);
    const body = await readFile(file, "utf8").catch(() => undefined);
    if (body === undefined) warn(`${file} is missing: the chat page and widget need it. Run: npm run build`);
    return body === undefined ? undefined : createStaticAsset(body, "text/javascript; charset=utf-8");
  };
  const [widget, app] = await Promise.all([read("widget.js"), read("app.js")]);
  return { ...(widget ? { widget } : {}), ...(app ? { app } : {}) };
}
