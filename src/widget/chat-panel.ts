import type { ApiClient } from "./api-client.js";
import type { AskResponse, StarterQuestion } from "./api-types.js";
import { answerWithoutMarkers } from "./answer-segments.js";
import { renderAnswer, type AnswerViewContext } from "./answer-view.js";
import { historyFrom } from "./conversation-history.js";
import { button, element, screenReaderText, uniqueId } from "./dom.js";
import { renderError } from "./error-view.js";
import { icon } from "./icons.js";
import type { UiStrings } from "./ui-strings.js";

const MAX_QUESTION_CHARACTERS = 1000;

export interface ChatPanelOptions {
  readonly api: ApiClient;
  readonly strings: UiStrings;
  readonly title: string;
  /** "inline": part of a page, the page scrolls. "floating": a fixed panel with its own scroller and a close button. */
  readonly variant: "inline" | "floating";
  /** Shown above the starters while the conversation is empty; null for none (the page has its own intro). */
  readonly intro?: Node | null;
  /** Floating only: the close button and Esc call this. */
  readonly onClose?: () => void;
  /** Lists the sentences the gate removed from a model's answer, marked as not verified (data-unverified="show"). */
  readonly showUnverified?: boolean;
}

/**
 * The conversation: welcome and starter questions, the messages, the composer, and a polite
 * live region that reads each new answer. The full page and the embedded panel both use it.
 */
export class ChatPanel {
  readonly element: HTMLElement;
  private readonly options: ChatPanelOptions;
  private readonly welcome: HTMLElement;
  private readonly starters: HTMLElement;
  private readonly messages: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly live: HTMLElement;
  private readonly answered: AskResponse[] = [];
  /** The question being answered: aborting it stops its request. */
  private current: AbortController | undefined;

  constructor(options: ChatPanelOptions) {
    this.options = options;
    const { strings } = options;
    const titleId = uniqueId("title");
    const inputId = uniqueId("input");
    const hintId = uniqueId("hint");

    this.starters = element("ul", { className: "jjqa-chips jjqa-starters" });
    this.welcome = element("div", { className: "jjqa-welcome" }, [
      options.intro === undefined ? element("p", { className: "jjqa-welcome-text", text: strings.welcome }) : options.intro,
      element("p", { className: "jjqa-starters-heading", text: strings.startersHeading, attributes: { hidden: "" } }),
      this.starters,
    ]);
    // With no intro of its own, the welcome box only appears once there are starters to show.
    this.welcome.hidden = options.intro === null;
    this.messages = element("div", { className: "jjqa-messages", attributes: { role: "region", "aria-label": strings.conversationLabel, tabindex: "-1" } }, [this.welcome]);
    this.live = element("div", { className: "jjqa-sr-only", attributes: { "aria-live": "polite", "aria-atomic": "true" } });

    this.input = element("textarea", {
      className: "jjqa-input",
      attributes: { id: inputId, rows: "1", maxlength: String(MAX_QUESTION_CHARACTERS), placeholder: strings.inputPlaceholder, "aria-describedby": hintId, enterkeyhint: "send", autocomplete: "off" },
    });
    this.sendButton = element("button", { className: "jjqa-send", attributes: { type: "submit", "aria-label": strings.send, title: strings.send } }, [icon("send", 20)]);
    const form = element("form", { className: "jjqa-composer" }, [
      element("label", { className: "jjqa-sr-only", text: strings.inputLabel, attributes: { for: inputId } }),
      element("div", { className: "jjqa-composer-box" }, [this.input, this.sendButton]),
      element("p", { className: "jjqa-hint", text: strings.inputHint, attributes: { id: hintId } }),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submitInput();
    });
    this.input.addEventListener("keydown", (event) => {
      // Enter sends; Shift+Enter is a newline; Enter while an IME is composing picks a candidate and must not send.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.submitInput();
      }
    });
    this.input.addEventListener("input", () => this.fitInput());

    const header =
      options.variant === "floating"
        ? element("header", { className: "jjqa-panel-header" }, [
            element("span", { className: "jjqa-panel-logo", text: "津", attributes: { "aria-hidden": "true" } }),
            element("h2", { className: "jjqa-panel-title", text: options.title, attributes: { id: titleId } }),
            this.closeButton(),
          ])
        : element("h2", { className: "jjqa-sr-only", text: options.title, attributes: { id: titleId } });

    this.element = element(
      "section",
      {
        className: `jjqa-panel jjqa-panel-${options.variant}`,
        attributes: { "aria-labelledby": titleId, lang: strings.htmlLang, ...(options.variant === "floating" ? { role: "dialog" } : {}) },
      },
      [header, this.messages, form, this.live],
    );
  }

  /** Shows the starter questions (from /api/meta) as one-click buttons. */
  setStarters(starters: readonly StarterQuestion[]): void {
    this.starters.replaceChildren();
    for (const starter of starters) {
      const chip = button({ className: "jjqa-chip", text: starter.question });
      chip.addEventListener("click", () => {
        void this.ask(starter.question);
        // The floating panel hides the starters once asked: keep focus inside the panel, not on <body>.
        if (this.welcome.hidden) this.keepFocusInPanel();
      });
      this.starters.append(element("li", {}, [chip]));
    }
    this.starters.previousElementSibling?.toggleAttribute("hidden", starters.length === 0);
    if (this.options.intro === null && this.answered.length === 0) this.welcome.hidden = starters.length === 0;
  }

  /**
   * After the focused control disappears (a hidden starter, a removed error), focus the
   * conversation itself: Esc and Tab keep working, and a phone keyboard does not pop up.
   */
  private keepFocusInPanel(): void {
    this.messages.focus({ preventScroll: true });
  }

  focusInput(): void {
    this.input.focus({ preventScroll: this.options.variant === "inline" });
  }

  /**
   * Asks a question as if typed: shows it, then the answer or a friendly error with a retry.
   * An answer still streaming for an earlier question is stopped first.
   */
  async ask(rawQuestion: string): Promise<void> {
    const question = rawQuestion.trim().slice(0, MAX_QUESTION_CHARACTERS);
    if (!question) return;
    this.cancel();
    if (this.options.variant === "floating") this.welcome.hidden = true;
    this.messages.append(element("article", { className: "jjqa-message jjqa-question", attributes: { lang: "zh-CN" } }, [screenReaderText(`${this.options.strings.you}：`), question]));
    await this.attempt(question);
  }

  /** Stops the answer being fetched or streamed, if any: its request is aborted (a new question, a closed panel). */
  cancel(): void {
    if (!this.current) return;
    this.current.abort();
    this.current = undefined;
    this.setBusy(false);
  }

  private async attempt(question: string): Promise<void> {
    const { strings, api } = this.options;
    this.cancel();
    const controller = new AbortController();
    this.current = controller;
    this.setBusy(true);
    const pending = element("div", { className: "jjqa-message jjqa-pending", attributes: { "aria-busy": "true" } }, [
      element("span", { className: "jjqa-dots", attributes: { "aria-hidden": "true" } }, [element("span"), element("span"), element("span")]),
      strings.searching,
    ]);
    this.messages.append(pending);
    this.reveal(pending);
    this.live.textContent = strings.searching;
    // The text as it streams in: plain text, no marker (markers become buttons only with the
    // final answer's citations). Not in the live region: the final answer is announced once.
    const draft = element("p", { className: "jjqa-answer-text jjqa-draft-text", attributes: { lang: "zh-CN" } });
    let streamed = "";
    const show = (text: string): void => {
      streamed = text;
      const plain = answerWithoutMarkers(text);
      if (controller.signal.aborted || !plain.trim()) return;
      draft.textContent = plain;
      if (!draft.isConnected) {
        pending.className = "jjqa-message jjqa-draft";
        pending.replaceChildren(screenReaderText(`${strings.assistant}：`), draft);
        this.reveal(pending);
      }
    };
    try {
      const response = await api.ask(
        { question, history: historyFrom(this.answered) },
        { signal: controller.signal, onDelta: (text) => show(streamed + text), onReplace: show },
      );
      if (controller.signal.aborted) throw new Error("stopped");
      const view = renderAnswer(response, this.answerContext());
      pending.replaceWith(view);
      this.answered.push(response);
      this.live.textContent = strings.newAnswer(answerWithoutMarkers(response.answer));
      this.reveal(view, "start");
    } catch (error) {
      if (controller.signal.aborted) {
        // Unverified text does not stay on the page: only a quiet note where the answer was.
        pending.replaceWith(element("p", { className: "jjqa-message jjqa-stopped", text: strings.stopped }));
        return;
      }
      const view = renderError(error, strings, () => {
        view.remove();
        this.keepFocusInPanel();
        void this.attempt(question);
      });
      pending.replaceWith(view);
      // The error view is role="alert" and is announced by itself.
      this.live.textContent = "";
      this.reveal(view);
    } finally {
      if (this.current === controller) {
        this.current = undefined;
        this.setBusy(false);
      }
    }
  }

  private answerContext(): AnswerViewContext {
    return {
      strings: this.options.strings,
      api: this.options.api,
      ask: (question) => void this.ask(question),
      reveal: (target) => this.reveal(target),
      showUnverified: this.options.showUnverified ?? false,
    };
  }

  private submitInput(): void {
    const question = this.input.value.trim();
    if (!question) return;
    this.input.value = "";
    this.fitInput();
    void this.ask(question);
  }

  /** While an answer is on its way the conversation is aria-busy; sending stays possible (a new question stops it). */
  private setBusy(busy: boolean): void {
    this.messages.setAttribute("aria-busy", String(busy));
  }

  /** Grows the textarea with its content, up to a few lines, then it scrolls. */
  private fitInput(): void {
    this.input.style.setProperty("height", "auto");
    this.input.style.setProperty("height", `${Math.min(this.input.scrollHeight, 132)}px`);
  }

  /**
   * Brings an element into view. The floating panel scrolls its own message list (never the
   * host page); the inline page scrolls the document, keeping clear of the sticky composer.
   */
  private reveal(target: HTMLElement, align: "start" | "nearest" = "nearest"): void {
    if (this.options.variant === "floating") {
      const scroller = this.messages;
      const top = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      const bottom = top + target.offsetHeight;
      if (align === "start" || target.offsetHeight > scroller.clientHeight) scroller.scrollTop = Math.max(0, top - 12);
      else if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight + 12;
      else if (top < scroller.scrollTop) scroller.scrollTop = top - 12;
      return;
    }
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ block: align === "start" && target.offsetHeight < window.innerHeight * 0.6 ? "nearest" : align, behavior: smooth ? "smooth" : "auto" });
  }

  private closeButton(): HTMLButtonElement {
    const close = button({ className: "jjqa-icon-button jjqa-close", attributes: { "aria-label": this.options.strings.closePanel, title: this.options.strings.closePanel } }, [icon("close", 20)]);
    close.addEventListener("click", () => this.options.onClose?.());
    return close;
  }
}
