/** The outline path of a passage, as the UI shows it: "重点工作 › (二)突出产业支撑…". */
export function formatSectionPath(section: readonly string[]): string {
  return section.map((part) => part.trim()).filter(Boolean).join(" › ");
}

/** The most specific heading, which names a section best in a follow-up question. */
export function lastSectionLabel(section: readonly string[]): string {
  for (let index = section.length - 1; index >= 0; index -= 1) {
    const part = section[index]?.trim();
    if (part) return part;
  }
  return "";
}

/** A short excerpt for the compact source list; the full quote is one click away. */
export function shortenQuote(quote: string, maxCharacters = 36): string {
  const flat = quote.replace(/\s+/gu, " ").trim();
  const characters = [...flat];
  return characters.length <= maxCharacters ? flat : `${characters.slice(0, maxCharacters).join("")}…`;
}
