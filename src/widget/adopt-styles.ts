/**
 * Puts CSS into a shadow root (or the document). Constructable stylesheets first: they are
 * shared, parsed once, and not subject to a page's style-src CSP the way a <style> element is.
 * Browsers without them (Safari < 16.4) get a <style> element in the shadow root instead.
 */
export function adoptStyles(target: ShadowRoot | Document, cssText: string): void {
  if ("adoptedStyleSheets" in target && typeof CSSStyleSheet !== "undefined" && "replaceSync" in CSSStyleSheet.prototype) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText);
      target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
      return;
    } catch {
      // Fall through to a <style> element.
    }
  }
  const style = document.createElement("style");
  style.textContent = cssText;
  (target instanceof Document ? target.head : target).appendChild(style);
}

/** Sets the theme's custom properties on the host element (CSSOM, so no inline-style CSP issue). */
export function applyTheme(host: HTMLElement, palette: { accent: string; soft: string; strong: string }): void {
  host.style.setProperty("--jjqa-accent", palette.accent);
  host.style.setProperty("--jjqa-accent-soft", palette.soft);
  host.style.setProperty("--jjqa-accent-strong", palette.strong);
}
