/**
 * How Open WebUI reads an OpenAI-compatible stream's citations, rewritten in TypeScript for
 * tests (no browser, no Python). Two steps, as Open WebUI does them:
 *
 * 1. The backend (backend/open_webui/utils/middleware.py, stream_body_handler): each line that
 *    starts with "data:" is JSON-parsed (anything else, and `[DONE]`, is skipped); a chunk with
 *    `usage` reports it; a chunk without `choices` reports its `error`, if any, and is otherwise
 *    skipped; of `choices[0].delta`, every `annotations` entry of type "url_citation" becomes a
 *    source event `{source: {name: title, url}, document: [title], metadata: [{source: url, name:
 *    title}]}`, and `content` is appended to the message.
 * 2. The frontend (src/lib/components/chat/Messages/Citations.svelte): sources are grouped into
 *    citations by `metadata.source` (else `source.id`), in the order they arrived, and a
 *    message's `[n]` opens citation n − 1.
 */

export interface OpenWebUiSource {
  readonly source: { readonly name: string; readonly url: string };
  readonly document: readonly string[];
  readonly metadata: readonly { readonly source: string; readonly name: string }[];
}

export interface OpenWebUiCitation {
  readonly id: string;
  readonly source: { readonly name: string; readonly url: string };
  readonly document: string[];
}

export interface OpenWebUiMessage {
  readonly content: string;
  readonly sources: readonly OpenWebUiSource[];
  /** What the citation list under the message shows; `[n]` in the content opens citations[n - 1]. */
  readonly citations: readonly OpenWebUiCitation[];
  readonly usage: unknown;
  readonly error: unknown;
}

type Json = Record<string, any>;

export function consumeAsOpenWebUi(streamText: string): OpenWebUiMessage {
  let content = "";
  let usage: unknown;
  let error: unknown;
  const sources: OpenWebUiSource[] = [];
  for (const line of streamText.split("\n")) {
    if (!line.trim() || !line.startsWith("data:")) continue;
    let data: Json;
    try {
      data = JSON.parse(line.slice("data:".length).trim()) as Json;
    } catch {
      continue; // "[DONE]" and anything unparsable, as Open WebUI skips them
    }
    const choices = (data.choices ?? []) as Json[];
    if (data.usage) usage = data.usage;
    if (choices.length === 0) {
      if (data.error) error = data.error;
      continue;
    }
    const delta = (choices[0]?.delta ?? {}) as Json;
    for (const annotation of (delta.annotations ?? []) as Json[]) {
      if (annotation.type !== "url_citation" || !("url_citation" in annotation)) continue;
      const url = String(annotation.url_citation.url ?? "");
      const title = String(annotation.url_citation.title ?? url);
      sources.push({ source: { name: title, url }, document: [title], metadata: [{ source: url, name: title }] });
    }
    if (delta.content) content += String(delta.content);
  }
  return { content, sources, citations: groupCitations(sources), usage, error };
}

function groupCitations(sources: readonly OpenWebUiSource[]): OpenWebUiCitation[] {
  const citations: OpenWebUiCitation[] = [];
  for (const source of sources) {
    source.document.forEach((document, index) => {
      const id = source.metadata[index]?.source ?? "N/A";
      const existing = citations.find((citation) => citation.id === id);
      if (existing) existing.document.push(document);
      else citations.push({ id, source: { ...source.source }, document: [document] });
    });
  }
  return citations;
}
