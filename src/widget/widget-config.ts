import type { UiLanguage } from "./ui-strings.js";

/** Settings read from the embedding tag's data attributes (or the page's mount element). */
export interface WidgetConfig {
  /** API origin ("" = same origin as the page). */
  readonly api: string;
  readonly title: string | undefined;
  readonly position: "left" | "right";
  readonly color: string | undefined;
  readonly language: UiLanguage;
  /** What a model wrote that the gate removed: hidden (the default), or listed under the answer, marked as not verified. */
  readonly unverified: "hide" | "show";
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * data-api, data-title, data-position, data-color, data-lang, data-unverified ("show"). A missing data-api means the
 * server that served the script (its origin is the fallback), since that is where the API lives.
 */
export function readWidgetConfig(dataset: DOMStringMap, fallbackApi: string): WidgetConfig {
  const language = (nonEmpty(dataset.lang) ?? "zh").toLowerCase().startsWith("en") ? "en" : "zh";
  return {
    api: dataset.api === undefined ? fallbackApi : dataset.api.trim(),
    title: nonEmpty(dataset.title),
    position: nonEmpty(dataset.position)?.toLowerCase() === "left" ? "left" : "right",
    color: nonEmpty(dataset.color),
    language,
    unverified: nonEmpty(dataset.unverified)?.toLowerCase() === "show" ? "show" : "hide",
  };
}
