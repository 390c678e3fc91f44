import type { AskResponse, Citation } from "../core/schemas/ask-response.js";
import type { Annotation, SearchResult } from "./openai-chat-schemas.js";
import { PASSAGE_PATH } from "./passage-page-route.js";

/** The answer as OpenAI clients read it: content with [n], an annotation per marker, the spans once each. */
export interface OpenAiAnswer {
  readonly content: string;
  /** One per marker occurrence, in content order (OpenAI's semantics: they locate text in the content). */
  readonly annotations: readonly Annotation[];
  /** Each cited span once, index i for marker [i + 1]. */
  readonly searchResults: readonly SearchResult[];
  /** The content cut into sentences, each with the annotations of the markers it holds: one stream chunk each. */
  readonly sentences: readonly { readonly text: string; readonly annotations: readonly Annotation[] }[];
}

/**
 * Where a citation opens: our passage page with the quoted span marked (passage-page-route.ts).
 * The span is in the URL, so two citations never share one — Open WebUI merges sources by URL,
 * and its [n] would then point at the wrong one.
 */
export function citationUrl(origin: string, citation: Pick<Citation, "source" | "quoteStart" | "quoteEnd">): string {
  const query = new URLSearchParams({ source: citation.source, start: String(citation.quoteStart), end: String(citation.quoteEnd) });
  return `${origin}${PASSAGE_PATH}?${query.toString()}`;
}

/** What a client shows for the link: the heading the quote sits under, and the quote. */
function citationTitle(citation: Citation): string {
  const heading = citation.section.at(-1) ?? citation.title;
  return `${heading}：“${citation.quote}”`;
}

function searchResult(origin: string, citation: Citation, response: AskResponse): SearchResult {
  return {
    url: citationUrl(origin, citation),
    title: citationTitle(citation),
    snippet: citation.quote,
    marker: citation.marker,
    source: citation.source,
    section: [...citation.section],
    quote: citation.quote,
    quoteStart: citation.quoteStart,
    quoteEnd: citation.quoteEnd,
    chunkId: citation.chunkId,
    // The extractive answer is the report's own words; a generated one was kept by the gate only where the span supports it.
    verdict: (response.answerMode ?? "extractive") === "extractive" ? "verbatim" : "supported",
  };
}

// A sentence ends at its closing punctuation (and quotation marks), with the markers and spaces
// after it: "…左右[1]。" and "…左右。[1]" both close after their marker.
const SENTENCE_END = /(?:[。！？!?；;…]+[”’」』)）]*|\.(?=\s|$))(?:\[\d+\])*\s*/gu;
const MARKER = /\[(\d+)\]/gu;

/** The content as consecutive sentences that join back to it exactly. */
export function sentenceSpans(content: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (const match of content.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end > start) spans.push({ start, end });
    start = end;
  }
  if (start < content.length) spans.push({ start, end: content.length });
  return spans;
}

/** An AskResponse in OpenAI's terms, its citations pointing at `origin`'s passage page. */
export function toOpenAiAnswer(response: AskResponse, origin: string): OpenAiAnswer {
  const content = response.answer;
  const byMarker = new Map(response.citations.map((citation) => [citation.marker, searchResult(origin, citation, response)]));
  const annotations: Annotation[] = [];
  for (const match of content.matchAll(MARKER)) {
    const result = byMarker.get(Number(match[1]));
    if (!result) continue; // never expected: every marker has its citation (ask-response.ts)
    const { snippet: _snippet, ...fields } = result;
    annotations.push({ type: "url_citation", url_citation: { ...fields, start_index: match.index, end_index: match.index + match[0].length } });
  }
  const sentences = sentenceSpans(content).map(({ start, end }) => ({
    text: content.slice(start, end),
    annotations: annotations.filter((annotation) => annotation.url_citation.start_index >= start && annotation.url_citation.start_index < end),
  }));
  return { content, annotations, searchResults: [...byMarker.values()].sort((left, right) => left.marker - right.marker), sentences };
}
