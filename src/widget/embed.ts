// widget.js: the embeddable chat. One tag on any page —
//   <script src="https://HOST/widget.js" data-api="https://HOST" data-title="江津党代会报告问答"
//           data-position="right" data-color="#b0262d" data-lang="zh" async></script>
// — adds a floating button that opens the chat panel. Everything lives in an open shadow root
// on a custom element, so host CSS cannot reach in and ours cannot leak out.
import { accentPalette } from "./accent-colour.js";
import { adoptStyles, applyTheme } from "./adopt-styles.js";
import { createApiClient } from "./api-client.js";
import { ChatPanel } from "./chat-panel.js";
import { button, element, uniqueId } from "./dom.js";
import { icon } from "./icons.js";
import { uiStrings } from "./ui-strings.js";
import { WIDGET_CSS } from "./widget-styles.js";
import { readWidgetConfig } from "./widget-config.js";

const HOST_TAG = "jiangjin-qa-widget";

/** The tag that loaded us: currentScript while this (async, classic) script runs; else find it by name. */
function findScriptTag(): HTMLScriptElement | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const candidates = document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]');
  return candidates[candidates.length - 1];
}

function scriptOrigin(script: HTMLScriptElement | undefined): string {
  try {
    return script?.src ? new URL(script.src, document.baseURI).origin : "";
  } catch {
    return "";
  }
}

function mount(script: HTMLScriptElement | undefined): void {
  // Loaded twice (a CMS template and an article both include it): one widget is enough.
  if (document.querySelector(HOST_TAG)) return;
  const config = readWidgetConfig(script?.dataset ?? {}, scriptOrigin(script));
  const strings = uiStrings(config.language);
  const title = config.title ?? strings.defaultTitle;

  const host = document.createElement(HOST_TAG);
  if (config.color) applyTheme(host, accentPalette(config.color));
  const shadow = host.attachShadow({ mode: "open" });
  adoptStyles(shadow, WIDGET_CSS);

  const root = element("div", { className: `jjqa-root jjqa-${config.position}`, attributes: { lang: strings.htmlLang } });
  const panelId = uniqueId("panel");
  const launcher = button({ className: "jjqa-launcher", attributes: { "aria-label": strings.openPanel(title), "aria-expanded": "false", "aria-controls": panelId } }, [
    icon("chat", 22),
    element("span", { text: strings.launcherText, attributes: { "aria-hidden": "true" } }),
  ]);

  let startersRequested = false;
  const api = createApiClient(config.api);
  const panel = new ChatPanel({ api, strings, title, variant: "floating", onClose: () => setOpen(false), showUnverified: config.unverified === "show" });
  panel.element.id = panelId;
  panel.element.hidden = true;

  function setOpen(open: boolean): void {
    panel.element.hidden = !open;
    root.classList.toggle("jjqa-open", open);
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      panel.focusInput();
      // Starters are fetched on first open, not on page load: most visitors of a host page never open the chat.
      if (!startersRequested) {
        startersRequested = true;
        api.meta().then(
          (meta) => panel.setStarters(meta.starters),
          () => (startersRequested = false),
        );
      }
    } else {
      // Closing stops an answer still on its way: its request is aborted.
      panel.cancel();
      launcher.focus();
    }
  }

  launcher.addEventListener("click", () => setOpen(panel.element.hidden));
  // Esc closes from anywhere in the widget (the panel or the launcher), not from the host page.
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.isComposing && !panel.element.hidden) {
      event.stopPropagation();
      setOpen(false);
    }
  });

  root.append(launcher, panel.element);
  shadow.append(root);
  document.body.appendChild(host);
}

const script = findScriptTag();
if (document.body) mount(script);
else document.addEventListener("DOMContentLoaded", () => mount(script), { once: true });
