import { describe, expect, it } from "vitest";

interface BuiltBundle {
  readonly outfile: string;
  readonly contents: Uint8Array;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly budget?: number;
}

interface BuildWidgetModule {
  readonly WIDGET_BUDGET_GZIP_BYTES: number;
  buildWidgetBundles(): Promise<BuiltBundle[]>;
}

// The build script is plain .mjs (it runs before anything is compiled); a non-literal
// specifier keeps TypeScript from asking for its declarations.
const buildScript = "../../scripts/build-widget.mjs";

describe("widget bundles (built in memory exactly as npm run build builds them)", () => {
  it("keeps widget.js within 35 KB gzipped, self-contained and ASCII-only", async () => {
    const { buildWidgetBundles, WIDGET_BUDGET_GZIP_BYTES } = (await import(buildScript)) as BuildWidgetModule;
    expect(WIDGET_BUDGET_GZIP_BYTES).toBe(35 * 1024);
    const bundles = await buildWidgetBundles();
    const widget = bundles.find((bundle) => bundle.outfile.endsWith("widget.js"));
    const app = bundles.find((bundle) => bundle.outfile.endsWith("app.js"));
    expect(widget && app).toBeTruthy();
    expect(widget!.gzipBytes).toBeLessThanOrEqual(35 * 1024);
    for (const bundle of [widget!, app!]) {
      const source = new TextDecoder().decode(bundle.contents);
      // ASCII keeps the Chinese UI strings intact on GBK host pages; no CDN, no module loading at run time.
      expect(/[^\x00-\x7f]/u.test(source)).toBe(false);
      expect(source).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/u);
      expect(source).not.toContain("innerHTML");
      expect(source).not.toMatch(/\bimport\(/u);
    }
  });
});
