import type { TextSpan } from "../text/sentences.js";
import type { SourceDocument } from "./source-document.js";

export type BlockKind = "front-matter" | "heading" | "paragraph" | "bullet" | "back-matter";

/** A run of the document with its place in the outline. */
export interface OutlineBlock {
  readonly kind: BlockKind;
  readonly span: TextSpan;
  /** Outline path of the section the block belongs to (for a heading: including itself). */
  readonly sectionPath: readonly string[];
}

export const FRONT_MATTER_SECTION = "标题与署名";
export const BACK_MATTER_SECTION = "附记";

const numberedHeading = /^[(（]?[一二三四五六七八九十百]+[)）、]/u;
const bulletMarker = /^[●•◆■▪○◇]\s*/u;
const markdownHeading = /^(#{1,6})\s+(.+)$/u;
const sentencePunctuation = /[。！？；!?;]/u;
const maximumHeadingLength = 32;

type LineKind = "numbered" | "bullet" | "markdown" | "heading" | "paragraph";
interface Line extends TextSpan {
  readonly kind: LineKind;
  readonly markdownLevel?: number;
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  const linePattern = /[^\r\n]+/gu;
  for (let match = linePattern.exec(text); match; match = linePattern.exec(text)) {
    const leading = match[0].length - match[0].trimStart().length;
    const content = match[0].trim();
    if (!content) continue;
    const start = match.index + leading;
    const span = { text: content, start, end: start + content.length };
    const markdown = markdownHeading.exec(content);
    if (markdown) lines.push({ ...span, kind: "markdown", markdownLevel: markdown[1]!.length });
    else if (numberedHeading.test(content) && content.length <= 64) lines.push({ ...span, kind: "numbered" });
    else if (bulletMarker.test(content)) lines.push({ ...span, kind: "bullet" });
    else if (content.length <= maximumHeadingLength && !sentencePunctuation.test(content)) lines.push({ ...span, kind: "heading" });
    else lines.push({ ...span, kind: "paragraph" });
  }
  return lines;
}

/** Heading text as shown in a section path: without markdown marks or a closing full stop. */
function headingLabel(line: Line): string {
  const text = line.kind === "markdown" ? line.text.replace(markdownHeading, "$2") : line.text;
  return text.replace(/[。.;；]+$/u, "").trim();
}

/** A bullet's label is its lead sentence: "●做大做强工业。坚持…" → "做大做强工业". */
function bulletLabel(line: Line): string {
  const body = line.text.replace(bulletMarker, "");
  const lead = body.split(/[。！？；!?;]/u)[0] ?? body;
  return lead.length <= maximumHeadingLength ? lead.trim() : `${lead.slice(0, maximumHeadingLength - 1).trim()}…`;
}

const isBody = (line: Line | undefined): boolean => line !== undefined && (line.kind === "paragraph" || line.kind === "bullet");
const isHeading = (line: Line | undefined): boolean =>
  line !== undefined && (line.kind === "heading" || line.kind === "numbered" || line.kind === "markdown");

/**
 * Reads a report's outline from its layout: the title block, short unpunctuated
 * heading lines, numbered sections ((一)…(八) or 一、), ● bullets, paragraphs and a
 * trailing byline. Plain headings are top level when listed in the document's
 * `topLevelHeadings`, or, without that list, when a heading follows directly.
 */
export function parseOutline(document: SourceDocument): OutlineBlock[] {
  const lines = readLines(document.text);
  const topLevel = document.topLevelHeadings ? new Set(document.topLevelHeadings) : undefined;
  const firstBodyIndex = lines.findIndex((line, index) =>
    topLevel ? topLevel.has(headingLabel(line)) : isHeading(line) && isBody(lines[index + 1]),
  );
  let lastBodyIndex = -1;
  lines.forEach((line, index) => {
    if (isBody(line)) lastBodyIndex = index;
  });

  const blocks: OutlineBlock[] = [];
  let topHeading: string | undefined;
  let subHeading: string | undefined;
  const currentPath = (): string[] => [topHeading, subHeading].filter((part): part is string => part !== undefined);

  lines.forEach((line, index) => {
    if (firstBodyIndex < 0 || index < firstBodyIndex) {
      blocks.push({ kind: "front-matter", span: line, sectionPath: [FRONT_MATTER_SECTION] });
      return;
    }
    if (index > lastBodyIndex && !isBody(line)) {
      blocks.push({ kind: "back-matter", span: line, sectionPath: [BACK_MATTER_SECTION] });
      return;
    }
    switch (line.kind) {
      case "markdown": {
        const label = headingLabel(line);
        if ((line.markdownLevel ?? 1) <= 1 || topHeading === undefined) [topHeading, subHeading] = [label, undefined];
        else subHeading = label;
        break;
      }
      case "heading": {
        const label = headingLabel(line);
        const isTop = topLevel ? topLevel.has(label) : topHeading === undefined || isHeading(lines[index + 1]);
        if (isTop) [topHeading, subHeading] = [label, undefined];
        else subHeading = label;
        break;
      }
      case "numbered":
        subHeading = headingLabel(line);
        break;
      case "bullet":
        blocks.push({ kind: "bullet", span: line, sectionPath: [...currentPath(), bulletLabel(line)] });
        return;
      case "paragraph":
        blocks.push({ kind: "paragraph", span: line, sectionPath: currentPath() });
        return;
    }
    blocks.push({ kind: "heading", span: line, sectionPath: currentPath() });
  });
  return blocks;
}
