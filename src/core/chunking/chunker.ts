import { splitSentences, type TextSpan } from "../text/sentences.js";
import { DEFAULT_CHUNKER_SETTINGS, type Chunk, type ChunkerSettings } from "./chunk.js";
import { parseOutline, type OutlineBlock } from "./outline-parser.js";
import type { SourceDocument } from "./source-document.js";
import { stableHashHex } from "./stable-hash.js";

/**
 * The chunk-id prefix of a document: its file name without the extension, so ids read
 * "jiangjin-15th-congress-report:…"; with the extension when another document of the corpus
 * shares the name (x.txt and x.md), so no two documents' chunk ids can collide.
 */
export function documentSlug(source: string, corpusSources: readonly string[] = [source]): string {
  const base = (path: string): string => (path.split("/").pop() ?? path).replace(/\.[^.]+$/u, "");
  const fileName = source.split("/").pop() ?? source;
  const shared = corpusSources.some((other) => other !== source && base(other) === base(source));
  return shared ? fileName : base(source);
}

/**
 * Greedy packing of whole sentences up to the size limit. When a paragraph needs more
 * than one chunk, the next chunk repeats the last sentence(s) so a fact that spans the
 * cut stays retrievable from either side.
 */
function packSentences(sentences: readonly TextSpan[], settings: ChunkerSettings): TextSpan[][] {
  const groups: TextSpan[][] = [];
  let current: TextSpan[] = [];
  let fresh = 0; // sentences in `current` that no earlier chunk holds
  const length = (group: readonly TextSpan[]): number =>
    group.length === 0 ? 0 : group[group.length - 1]!.end - group[0]!.start;
  for (const sentence of sentences) {
    const candidate = [...current, sentence];
    if (fresh > 0 && length(candidate) > settings.maxCharacters) {
      groups.push(current);
      const overlap = settings.overlapSentences > 0 ? current.slice(-settings.overlapSentences) : [];
      current = length([...overlap, sentence]) <= settings.maxCharacters ? [...overlap, sentence] : [sentence];
      fresh = 1;
    } else {
      current = candidate;
      fresh++;
    }
  }
  if (fresh > 0) groups.push(current);
  return groups;
}

/**
 * Splits a document along its outline into chunks that never cut a sentence. A heading
 * line joins the first chunk of the text under it, so a numbered heading that is a
 * sentence in its own right ("(一)坚持把政治建设摆在首位…") can be quoted.
 */
export function chunkDocument(document: SourceDocument, settings: ChunkerSettings = DEFAULT_CHUNKER_SETTINGS, slug = documentSlug(document.source)): Chunk[] {
  const blocks = parseOutline(document);
  const chunks: Chunk[] = [];
  const countPerSection = new Map<string, number>();
  const emit = (sectionPath: readonly string[], spans: readonly TextSpan[]): void => {
    const first = spans[0];
    const last = spans[spans.length - 1];
    if (!first || !last) return;
    const pathKey = sectionPath.join("\u0000");
    const ordinal = countPerSection.get(pathKey) ?? 0;
    countPerSection.set(pathKey, ordinal + 1);
    chunks.push({
      id: `${slug}:${stableHashHex(pathKey)}:${ordinal}`,
      source: document.source,
      title: document.title,
      sectionPath,
      start: first.start,
      end: last.end,
      text: document.text.slice(first.start, last.end),
    });
  };

  let pendingHeading: TextSpan | undefined;
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index]!;
    if (block.kind === "heading") {
      // A chapter heading directly above a section heading ("过去五年" / "综合实力持续增强")
      // joins it, so no line of the report is left out of every chunk.
      pendingHeading = pendingHeading
        ? { start: pendingHeading.start, end: block.span.end, text: document.text.slice(pendingHeading.start, block.span.end) }
        : block.span;
      index++;
      continue;
    }
    if (block.kind === "front-matter" || block.kind === "back-matter") {
      // The title block and a closing byline are short runs of lines: one chunk each.
      const run: OutlineBlock[] = [];
      while (blocks[index]?.kind === block.kind) run.push(blocks[index++]!);
      for (const group of packSentences(run.map((line) => line.span), settings)) emit(block.sectionPath, group);
      continue;
    }
    const sentences = splitSentences(document.text, block.span.start, block.span.end);
    const firstSentence = sentences[0];
    if (pendingHeading && firstSentence) {
      // Heading and first sentence travel together: a heading alone is no passage.
      sentences[0] = { start: pendingHeading.start, end: firstSentence.end, text: document.text.slice(pendingHeading.start, firstSentence.end) };
    }
    pendingHeading = undefined;
    for (const group of packSentences(sentences, settings)) emit(block.sectionPath, group);
    index++;
  }
  return chunks;
}

export function chunkDocuments(documents: readonly SourceDocument[], settings?: ChunkerSettings): Chunk[] {
  const sources = documents.map((document) => document.source);
  return documents.flatMap((document) => chunkDocument(document, settings, documentSlug(document.source, sources)));
}
