// Markdown text pieces shared by report.md, the split index and the grounding section: escaping,
// code spans and tables that line up in a terminal (CJK counted as two columns).

/**
 * Report text in Markdown: everything from the data can contain markup, so CommonMark's
 * backslash escapes turn it into literal text (`<img …>` stays visible, never an element).
 * Citation markers [1] stay as they are: they are no links without a link definition.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\n+\s*/gu, " ")
    .replace(/[\\`*_[\]<>#|~]/gu, (character) => `\\${character}`)
    .replace(/&(?=#?\w+;)/gu, "\\&")
    .replace(/\\\[(\d+)\\\]/gu, "[$1]");
}

/** An inline code span that survives backticks inside the text. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\s*\n+\s*/gu, " ");
  const longestRun = Math.max(0, ...(flat.match(/`+/gu) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Terminal columns a string takes: East Asian wide and full-width characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

export type Alignment = "left" | "right";

/** A GitHub table whose columns also line up in a monospace terminal. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], alignments: readonly Alignment[]): string {
  const cell = (text: string) => text.replace(/\|/gu, "\\|");
  const all = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, column) => Math.max(3, ...all.map((row) => displayWidth(row[column] ?? ""))));
  const pad = (text: string, column: number) => {
    const fill = " ".repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(text)));
    return alignments[column] === "right" ? `${fill}${text}` : `${text}${fill}`;
  };
  const line = (row: readonly string[]) => `| ${row.map((text, column) => pad(text, column)).join(" | ")} |`;
  const rule = `| ${widths.map((width, column) => (alignments[column] === "right" ? `${"-".repeat(width - 1)}:` : "-".repeat(width))).join(" | ")} |`;
  return [line(all[0] ?? []), rule, ...all.slice(1).map(line)].join("\n");
}
