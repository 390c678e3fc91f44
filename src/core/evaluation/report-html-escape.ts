/**
 * The one escape every piece of report data goes through on its way into report.html, in text
 * and in attribute values alike (quotes included), and in the inline SVG charts.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => HTML_ENTITIES[character] ?? character);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
