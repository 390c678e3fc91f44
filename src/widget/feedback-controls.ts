import type { ApiClient } from "./api-client.js";
import type { AskResponse, FeedbackRating, FeedbackRequest } from "./api-types.js";
import { button, element } from "./dom.js";
import { icon } from "./icons.js";
import type { UiStrings } from "./ui-strings.js";

/** The feedback body: what was asked and answered, the engine receipt and which passages were cited. */
export function feedbackRequest(response: AskResponse, rating: FeedbackRating): FeedbackRequest {
  return {
    question: response.question,
    answer: response.answer,
    rating,
    engine: response.engine,
    // The server keeps at most 10 cited spans per vote; answers cite far fewer.
    citations: response.citations.slice(0, 10).map(({ marker, chunkId, quoteStart, quoteEnd }) => ({ marker, chunkId, quoteStart, quoteEnd })),
  };
}

/**
 * Thumbs up / down for one answer. One vote per answer: after a successful post both buttons
 * are disabled and a small thank-you shows; a failed post re-enables them with a polite note.
 */
export function feedbackControls(response: AskResponse, api: ApiClient, strings: UiStrings, status: HTMLElement): HTMLElement[] {
  const up = button({ className: "jjqa-icon-button", attributes: { "aria-label": strings.helpful, title: strings.helpful, "aria-pressed": "false" } }, [icon("thumbUp", 17)]);
  const down = button({ className: "jjqa-icon-button", attributes: { "aria-label": strings.notHelpful, title: strings.notHelpful, "aria-pressed": "false" } }, [icon("thumbDown", 17)]);

  // aria-disabled rather than disabled: a disabled button drops keyboard focus to <body>.
  let locked = false;
  function lock(value: boolean): void {
    locked = value;
    for (const control of [up, down]) control.setAttribute("aria-disabled", String(value));
  }

  async function send(rating: FeedbackRating, pressed: HTMLButtonElement): Promise<void> {
    if (locked) return;
    lock(true);
    pressed.setAttribute("aria-pressed", "true");
    status.textContent = "";
    status.classList.remove("jjqa-status-error");
    try {
      await api.feedback(feedbackRequest(response, rating));
      status.textContent = strings.feedbackThanks;
    } catch {
      pressed.setAttribute("aria-pressed", "false");
      lock(false);
      status.classList.add("jjqa-status-error");
      status.textContent = strings.feedbackFailed;
    }
  }

  up.addEventListener("click", () => void send("up", up));
  down.addEventListener("click", () => void send("down", down));
  return [up, down];
}

/** The small status line beside the actions (copy and feedback confirmations), read politely. */
export function actionStatus(): HTMLElement {
  return element("span", { className: "jjqa-action-status", attributes: { role: "status" } });
}
