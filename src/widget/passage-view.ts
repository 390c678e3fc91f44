import type { AskResponse, Citation } from "./api-types.js";
import { button, element } from "./dom.js";
import { icon } from "./icons.js";
import { locateQuote } from "./quote-location.js";
import { formatSectionPath } from "./section-path.js";
import type { UiStrings } from "./ui-strings.js";

/** The corpus separates headings and paragraphs with blank lines; one line break reads better in a small box. */
function tightenBlankLines(text: string): string {
  return text.replace(/[ \t]*\n(?:[ \t]*\n)+/gu, "\n");
}

/**
 * Chunks start with their headings ("过去五年\n\n综合实力持续增强\n\n…"), which the path line above
 * already shows; leading lines that are exactly a heading of the path are dropped from the display.
 */
function withoutLeadingHeadings(text: string, section: readonly string[]): string {
  const headings = new Set(section.map((part) => part.trim()));
  const lines = text.split("\n");
  let first = 0;
  while (first < lines.length - 1 && (lines[first]?.trim() === "" || headings.has(lines[first]?.trim() ?? ""))) first += 1;
  return lines.slice(first).join("\n");
}

/**
 * The cited passage for one marker: its section path, then the passage text with the quoted
 * sentence in a <mark>. The passage is the retrieved chunk with the citation's chunkId; when
 * the response lacks it, the quote alone is shown (still marked, with a note).
 */
export function renderPassage(response: AskResponse, citation: Citation, strings: UiStrings, onClose: () => void): HTMLElement {
  const passage = response.passages.find((candidate) => candidate.chunkId === citation.chunkId);
  const body = element("blockquote", { className: "jjqa-passage-text", attributes: { lang: "zh-CN" } });
  let note: HTMLElement | undefined;
  const range = passage ? locateQuote(passage.text, passage.start, citation) : undefined;
  if (passage && range) {
    body.append(
      document.createTextNode(tightenBlankLines(withoutLeadingHeadings(passage.text.slice(0, range.start), passage.section))),
      element("mark", { className: "jjqa-highlight", text: passage.text.slice(range.start, range.end) }),
      document.createTextNode(tightenBlankLines(passage.text.slice(range.end))),
    );
  } else {
    body.append(element("mark", { className: "jjqa-highlight", text: citation.quote }));
    note = element("p", { className: "jjqa-passage-note", text: strings.quoteOnlyNote });
  }

  const close = button({ className: "jjqa-icon-button jjqa-passage-close", attributes: { "aria-label": strings.closePassage, title: strings.closePassage } }, [icon("close", 16)]);
  close.addEventListener("click", onClose);

  const view = element("div", { className: "jjqa-passage", attributes: { role: "region", "aria-label": strings.passageLabel(citation.marker) } }, [
    element("div", { className: "jjqa-passage-head" }, [
      element("span", { className: "jjqa-passage-marker", text: String(citation.marker), attributes: { "aria-hidden": "true" } }),
      element("p", { className: "jjqa-passage-path", text: formatSectionPath(citation.section), attributes: { lang: "zh-CN" } }),
      close,
    ]),
    body,
    note,
  ]);
  return view;
}

/** Scrolls the passage box so the highlighted sentence is in view (long passages scroll inside the box). */
export function revealHighlight(view: HTMLElement): void {
  const body = view.querySelector<HTMLElement>(".jjqa-passage-text");
  const mark = view.querySelector<HTMLElement>(".jjqa-highlight");
  if (!body || !mark) return;
  const markTop = mark.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
  if (markTop < body.scrollTop || markTop > body.scrollTop + body.clientHeight - 24) body.scrollTop = Math.max(0, markTop - 24);
}
