import type { ApiClient } from "./api-client.js";
import type { AskResponse, Citation } from "./api-types.js";
import { answerAsPlainText } from "./answer-plain-text.js";
import { splitAnswer } from "./answer-segments.js";
import { copyText } from "./clipboard.js";
import { button, element, screenReaderText, uniqueId } from "./dom.js";
import { actionStatus, feedbackControls } from "./feedback-controls.js";
import { icon } from "./icons.js";
import { renderPassage, revealHighlight } from "./passage-view.js";
import { refusalBadge } from "./refusal-badge.js";
import { formatSectionPath, lastSectionLabel, shortenQuote } from "./section-path.js";
import type { UiStrings } from "./ui-strings.js";

export interface AnswerViewContext {
  readonly strings: UiStrings;
  readonly api: ApiClient;
  /** Asks a follow-up (an abstention's suggestion). */
  readonly ask: (question: string) => void;
  /** Scrolls the conversation so the element is visible. */
  readonly reveal: (target: HTMLElement) => void;
  /** List the model's removed sentences under the answer, marked as not verified. */
  readonly showUnverified?: boolean;
}

/** One answer: text with marker buttons, the cited passage (opened on demand), the source list and actions. */
export function renderAnswer(response: AskResponse, context: AnswerViewContext): HTMLElement {
  const { strings } = context;
  const kindClass = response.abstained ? " jjqa-abstained" : response.answerKind === "related" ? " jjqa-related" : "";
  const article = element("article", { className: `jjqa-message jjqa-answer${kindClass}`, attributes: { "data-answer-kind": response.answerKind ?? (response.abstained ? "not-in-report" : "direct") } });
  const citations = new Map<number, Citation>(response.citations.map((citation) => [citation.marker, citation]));
  const passageSlot = element("div", { className: "jjqa-passage-slot", attributes: { id: uniqueId("passage") } });
  // Markers in the text and rows in the source list both open a passage: keep them in step.
  const openers: Array<{ marker: number; control: HTMLButtonElement }> = [];
  let openMarker: number | undefined;

  function setOpen(marker: number | undefined, returnFocus?: HTMLButtonElement): void {
    openMarker = marker;
    passageSlot.replaceChildren();
    const citation = marker === undefined ? undefined : citations.get(marker);
    if (citation) {
      const view = renderPassage(response, citation, strings, () => {
        setOpen(undefined);
        returnFocus?.focus();
      });
      passageSlot.append(view);
      revealHighlight(view);
      context.reveal(view);
    }
    for (const opener of openers) opener.control.setAttribute("aria-expanded", String(opener.marker === openMarker));
  }

  function opener(marker: number, control: HTMLButtonElement): HTMLButtonElement {
    control.setAttribute("aria-controls", passageSlot.id);
    control.setAttribute("aria-expanded", "false");
    control.addEventListener("click", () => setOpen(openMarker === marker ? undefined : marker, control));
    openers.push({ marker, control });
    return control;
  }

  article.append(screenReaderText(`${strings.assistant}：`));
  if (response.abstained) {
    article.append(element("p", { className: "jjqa-badge", text: refusalBadge(response, strings) }));
  } else if (response.answerKind === "related") {
    article.append(element("p", { className: "jjqa-badge jjqa-badge-related", text: strings.relatedBadge }));
  }
  // Answered from the model's rewrite of the question: the reader sees how the question was read.
  if (response.rewrite?.answered && response.rewrite.text) article.append(element("p", { className: "jjqa-note", text: strings.readAs(response.rewrite.text) }));

  // An English lead is followed by the report's Chinese quotes; a screen reader is told the answer's own language.
  const text = element("p", { className: "jjqa-answer-text", attributes: { lang: response.language === "en" ? "en" : "zh-CN" } });
  appendAnswerText(text, response.answer, new Set(citations.keys()), (marker) =>
    element("sup", { className: "jjqa-sup" }, [opener(marker, button({ className: "jjqa-marker", text: String(marker), attributes: { "aria-label": strings.sourceMarker(marker) } }))]),
  );
  article.append(text, passageSlot);
  if (response.answerMode === "generative" || response.answerMode === "mixed") {
    const removed = (response.sentences ?? []).filter((sentence) => sentence.action === "removed").length;
    article.append(element("p", { className: "jjqa-note", text: strings.verifiedNote(removed) }));
    // Shown only when the page asks: never in the answer, always marked, with the gate's reason.
    const unverified = context.showUnverified ? (response.sentences ?? []).filter((sentence) => sentence.action === "removed") : [];
    if (unverified.length > 0) {
      const items = unverified.map((sentence) =>
        element("li", {}, [element("del", { text: sentence.text }), element("span", { className: "jjqa-unverified-why", text: strings.unverifiedReason(sentence.verdict, sentence.reasons) })]),
      );
      article.append(element("ul", { className: "jjqa-unverified", attributes: { "aria-label": strings.unverifiedHeading } }, items));
    }
  }

  if (response.citations.length > 0) {
    const list = element("ol", { className: "jjqa-sources", attributes: { "aria-label": strings.sourcesHeading } });
    for (const citation of response.citations) {
      // The server names the document only over a corpus of several: a one-report row is as it was.
      const documentName = citation.document ? documentLabel(citation.document) : undefined;
      const row = button({ className: "jjqa-source" }, [
        element("span", { className: "jjqa-source-marker", text: String(citation.marker), attributes: { "aria-hidden": "true" } }),
        element("span", { className: "jjqa-source-body" }, [
          ...(documentName ? [element("span", { className: "jjqa-source-document", text: documentName })] : []),
          element("span", { className: "jjqa-source-path", text: formatSectionPath(citation.section) }),
          element("span", { className: "jjqa-source-quote", text: `“${shortenQuote(citation.quote)}”` }),
        ]),
      ]);
      row.setAttribute("aria-label", `${strings.sourceMarker(citation.marker)} · ${documentName ? `${documentName} · ` : ""}${formatSectionPath(citation.section)}`);
      list.append(element("li", {}, [opener(citation.marker, row)]));
    }
    article.append(list);
  }

  const suggestions = response.suggestions ?? [];
  if (response.abstained && suggestions.length > 0) {
    const list = element("ul", { className: "jjqa-chips jjqa-suggestions" });
    for (const suggestion of suggestions) {
      const label = lastSectionLabel(suggestion.section);
      if (!label) continue;
      const chip = button({ className: "jjqa-chip", text: label, attributes: { title: formatSectionPath(suggestion.section) } });
      chip.addEventListener("click", () => context.ask(strings.suggestionQuestion(label)));
      list.append(element("li", {}, [chip]));
    }
    article.append(element("p", { className: "jjqa-suggestions-heading", text: strings.suggestionsHeading }), list);
  }

  article.append(answerActions(response, context));
  return article;
}

// Punctuation that must not begin a line (CJK line-breaking rules); a marker button would otherwise let "。" wrap alone.
// Written as escapes (。，、；：！？）》」』”’) because esbuild leaves regular-expression literals unescaped
// and the bundle must stay ASCII.
const CLOSING_PUNCTUATION = /^[\u3002\uff0c\u3001\uff1b\uff1a\uff01\uff1f\uff09\u300b\u300d\u300f\u201d\u2019.,;:!?)\]]+/u;

/**
 * The answer text with its markers. Each marker is glued (white-space: nowrap) to the character
 * before it and the punctuation after it, so a line never starts with a lone marker or "。".
 */
function appendAnswerText(paragraph: HTMLElement, answer: string, cited: ReadonlySet<number>, marker: (marker: number) => HTMLElement): void {
  const segments = splitAnswer(answer, cited);
  let group: HTMLElement | undefined;
  let carried = "";
  segments.forEach((segment, index) => {
    if (segment.kind === "marker") {
      if (!group) {
        group = element("span", { className: "jjqa-nowrap" }, [carried]);
        carried = "";
        paragraph.append(group);
      }
      group.append(marker(segment.marker));
      return;
    }
    let rest = segment.text;
    if (group) {
      const punctuation = CLOSING_PUNCTUATION.exec(rest)?.[0] ?? "";
      group.append(punctuation);
      rest = rest.slice(punctuation.length);
      group = undefined;
    }
    if (segments[index + 1]?.kind === "marker") {
      const characters = [...rest];
      carried = characters.pop() ?? "";
      rest = characters.join("");
    }
    if (rest) paragraph.append(rest);
  });
}

function answerActions(response: AskResponse, context: AnswerViewContext): HTMLElement {
  const { strings } = context;
  const status = actionStatus();
  const copy = button({ className: "jjqa-text-button" }, [icon("copy", 16), element("span", { text: strings.copy })]);
  copy.addEventListener("click", async () => {
    const copied = await copyText(answerAsPlainText(response, strings), copy);
    status.classList.toggle("jjqa-status-error", !copied);
    status.textContent = copied ? strings.copied : strings.copyFailed;
  });
  return element("div", { className: "jjqa-actions" }, [copy, ...feedbackControls(response, context.api, strings, status), status]);
}

/** "江津区第十五次党代会报告解读 · 2021-12-29": the document a source row quotes. */
function documentLabel(document: NonNullable<Citation["document"]>): string {
  return document.published ? `${document.shortTitle} · ${document.published}` : document.shortTitle;
}
