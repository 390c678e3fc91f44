/**
 * What every HTML page the app serves starts with (the chat and demo pages, /docs, /passage):
 * one escape for text and attribute values, quotes included, and one document head.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => `&#${character.charCodeAt(0)};`);
}

/** `<!doctype html>` … `<title>`, left open for the page's own stylesheet lines and `</head>`. */
export function pageHead(title: string, lang: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>`;
}
