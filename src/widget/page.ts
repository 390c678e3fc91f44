// app.js: the full-page chat served at GET /. Mounts into <main id="jiangjin-qa-app" data-api="">:
// the report's title, author and date (from /api/meta), a short intro, the starter questions,
// and the chat inline. Same panel, same shadow-root isolation as the embed.
import { accentPalette } from "./accent-colour.js";
import { adoptStyles, applyTheme } from "./adopt-styles.js";
import { createApiClient } from "./api-client.js";
import type { ReportMeta } from "./api-types.js";
import { ChatPanel } from "./chat-panel.js";
import { element } from "./dom.js";
import { DOCUMENT_CSS, PAGE_CSS } from "./page-styles.js";
import { uiStrings, type UiStrings } from "./ui-strings.js";
import { WIDGET_CSS } from "./widget-styles.js";
import { readWidgetConfig } from "./widget-config.js";

const INTRO = {
  zh: "这份报告是江津区第十五次党代会报告的解读，讲过去五年的成绩、未来五年建设“五地一城”的目标、八个方面的重点工作和全面从严治党。用中文提问，回答会逐句引用报告原文，点击角标即可看到原文段落。",
  en: "An interpretation of the Jiangjin District 15th Party Congress report: five years of results, the “five places, one city” goals for the next five, eight areas of key work and Party discipline. Ask in Chinese; every answer quotes the report, and each marker opens the passage it came from.",
} as const;

function byline(meta: ReportMeta, strings: UiStrings): string {
  const parts = [meta.author, meta.published].filter((part): part is string => Boolean(part));
  const count = strings.htmlLang === "en" ? `${meta.chunkCount} passages indexed` : `共 ${meta.chunkCount} 段可检索`;
  return [...parts, ...(meta.chunkCount > 0 ? [count] : [])].join(" · ");
}

function mountPage(mount: HTMLElement): void {
  // The chat page also takes ?unverified=show in its address: an analyst's switch, no page edit needed.
  const unverified = new URLSearchParams(location.search).get("unverified") ?? undefined;
  const config = readWidgetConfig({ ...(unverified ? { unverified } : {}), ...mount.dataset }, "");
  const strings = uiStrings(config.language);
  const appName = config.title ?? strings.defaultTitle;
  const language = config.language;

  adoptStyles(document, DOCUMENT_CSS);
  if (config.color) applyTheme(mount, accentPalette(config.color));
  const shadow = mount.attachShadow({ mode: "open" });
  adoptStyles(shadow, WIDGET_CSS);
  adoptStyles(shadow, PAGE_CSS);

  const reportTitle = element("h1", { className: "jjqa-report-title", text: appName, attributes: { lang: "zh-CN" } });
  const reportByline = element("p", { className: "jjqa-byline", text: "" });
  const hero = element("section", { className: "jjqa-hero", attributes: { "aria-label": appName } }, [
    element("p", { className: "jjqa-kicker", text: language === "en" ? "The report" : "报告解读" }),
    reportTitle,
    reportByline,
    element("p", { className: "jjqa-intro", text: INTRO[language] }),
  ]);

  const api = createApiClient(config.api);
  const panel = new ChatPanel({
    api,
    strings,
    title: appName,
    variant: "inline",
    intro: null,
    showUnverified: config.unverified === "show",
  });

  const page = element("div", { className: "jjqa-root jjqa-page", attributes: { lang: strings.htmlLang } }, [
    element("header", { className: "jjqa-topbar" }, [
      element("div", { className: "jjqa-topbar-inner" }, [
        element("span", { className: "jjqa-brand-mark", text: "津", attributes: { "aria-hidden": "true" } }),
        element("p", { className: "jjqa-brand-name", text: appName }),
        element("p", { className: "jjqa-brand-note", text: language === "en" ? "Every answer quotes the report" : "每句回答都标注原文出处" }),
      ]),
    ]),
    element("div", { className: "jjqa-main" }, [hero, panel.element]),
    element("footer", { className: "jjqa-footer", text: language === "en" ? "Every answer cites the report's own text, and each sentence is checked against it." : "每个回答都标注报告原文出处，并逐句对照原文核对。" }),
  ]);
  shadow.append(page);

  api.meta().then(
    (meta) => {
      reportTitle.textContent = meta.title;
      reportByline.textContent = byline(meta, strings);
      panel.setStarters(meta.starters);
    },
    () => {
      // Without /api/meta the page still works: asking needs only /api/ask.
      reportByline.textContent = "";
    },
  );
  // No autofocus: screen-reader users should meet the page from its header, not mid-form.
}

const mount = document.getElementById("jiangjin-qa-app");
if (mount) mountPage(mount);
