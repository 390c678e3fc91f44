/**
 * Copies text: the async Clipboard API where the page allows it (secure context, permission),
 * else the old hidden-textarea + execCommand("copy") route, which still works on plain-http
 * intranet portals. Resolves false when neither worked, so the UI can say so.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: try the fallback below.
  }
  return copyWithTextarea(text);
}

function copyWithTextarea(text: string): boolean {
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  // Off-screen rather than display:none, which cannot be selected.
  textarea.style.setProperty("position", "fixed");
  textarea.style.setProperty("top", "-1000px");
  textarea.style.setProperty("opacity", "0");
  const previousFocus = document.activeElement;
  document.body.appendChild(textarea);
  textarea.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  textarea.remove();
  if (previousFocus instanceof HTMLElement) previousFocus.focus();
  return copied;
}
