/**
 * Copies text: the async Clipboard API where the page allows it (secure context, permission),
 * else the old hidden-textarea + execCommand("copy") route, which still works on plain-http
 * intranet portals. Resolves false when neither worked, so the UI can say so.
 */
export async function copyText(text: string, returnFocusTo?: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: try the fallback below.
  }
  return copyWithTextarea(text, returnFocusTo);
}

function copyWithTextarea(text: string, returnFocusTo: HTMLElement | undefined): boolean {
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  // Off-screen rather than display:none, which cannot be selected.
  textarea.style.setProperty("position", "fixed");
  textarea.style.setProperty("top", "-1000px");
  textarea.style.setProperty("opacity", "0");
  document.body.appendChild(textarea);
  textarea.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  textarea.remove();
  // Selecting the textarea moved focus out of the widget (maybe out of its shadow root): put it back.
  returnFocusTo?.focus();
  return copied;
}
