import { button, element } from "./dom.js";
import { friendlyError } from "./error-messages.js";
import { icon } from "./icons.js";
import type { UiStrings } from "./ui-strings.js";

/**
 * A failed ask, shown in the conversation where the answer would have been: a polite
 * sentence and a retry button. With Retry-After (429/503) the button counts down and only
 * becomes active when waiting is over, so a retry does not just earn another 429.
 */
export function renderError(error: unknown, strings: UiStrings, retry: () => void): HTMLElement {
  const { message, waitSeconds } = friendlyError(error, strings);
  const label = element("span", { text: strings.retry });
  const retryButton = button({ className: "jjqa-text-button jjqa-retry" }, [icon("retry", 16), label]);
  retryButton.addEventListener("click", () => {
    if (retryButton.getAttribute("aria-disabled") === "true") return;
    retry();
  });

  if (waitSeconds) {
    let remaining = waitSeconds;
    retryButton.setAttribute("aria-disabled", "true");
    label.textContent = strings.retryIn(remaining);
    const timer = setInterval(() => {
      remaining -= 1;
      if (remaining > 0 && retryButton.isConnected) {
        label.textContent = strings.retryIn(remaining);
        return;
      }
      clearInterval(timer);
      retryButton.removeAttribute("aria-disabled");
      label.textContent = strings.retry;
    }, 1000);
  }

  return element("article", { className: "jjqa-message jjqa-error", attributes: { role: "alert" } }, [
    element("p", { className: "jjqa-error-text", text: message }),
    retryButton,
  ]);
}
