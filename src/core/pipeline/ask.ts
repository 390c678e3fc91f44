import type { AnswerEvent, AnswerInput, AnswerPiece } from "../answering/answer-draft.js";
import type { AskRequest } from "../schemas/ask-request.js";
import type { AbstentionReason, AskResponse, Citation, Passage, Suggestion } from "../schemas/ask-response.js";
import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";
import type { QuestionReading } from "../understanding/question-reader.js";
import type { QaEngine } from "./qa-engine.js";
import { mergeRankings, rewriteKeepsTheQuestion } from "./rewritten-retrieval.js";
import { resolveDocumentFilter, type CorpusDocument } from "./corpus-documents.js";
import { retrieveFromDocuments } from "./document-retrieval.js";

export const DEFAULT_TOP_K = 5;
/** Passages retrieved at least, whatever topK asks to return: the answerer's sentences compete across them. */
const ANSWERER_MINIMUM_PASSAGES = 6;
/**
 * Refusals a rewrite may overturn: the question's words matched nothing, or could not be read
 * (pinyin, another language). Refusals on positive evidence — another year, place or level, a
 * figure or person the report does not give — stand whatever the rewrite says.
 */
const READ_AGAIN: ReadonlySet<AbstentionReason | undefined> = new Set(["not-covered", "unreadable-language"]);
const round = (value: number): number => Number(value.toFixed(4));
const milliseconds = (value: number): number => Number(value.toFixed(2));

export function toPassage(passage: RetrievedPassage): Passage {
  const { chunk } = passage;
  return { chunkId: chunk.id, source: chunk.source, section: [...chunk.sectionPath], text: chunk.text, start: chunk.start, end: chunk.end, score: round(passage.score) };
}

function toCitation(piece: AnswerPiece, marker: number, documents: ReadonlyMap<string, CorpusDocument>): Citation {
  const { chunk } = piece;
  const document = documents.get(chunk.source);
  return {
    marker,
    chunkId: chunk.id,
    source: chunk.source,
    title: chunk.title,
    // Which document, only over a corpus of several (the widget shows it then): a one-report answer is as it was.
    ...(document && documents.size > 1 ? { document: { id: document.id, shortTitle: document.shortTitle, ...(document.published ? { published: document.published } : {}) } } : {}),
    section: [...chunk.sectionPath],
    quote: piece.quote,
    quoteStart: piece.quoteStart,
    quoteEnd: piece.quoteEnd,
    chunkStart: chunk.start,
    chunkEnd: chunk.end,
    score: piece.score,
  };
}

/** Nearest distinct sections, offered as follow-ups when the report does not answer. */
function suggestionsFrom(passages: readonly RetrievedPassage[]): Suggestion[] {
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const { chunk } of passages) {
    const key = chunk.sectionPath.join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    suggestions.push({ section: [...chunk.sectionPath], chunkId: chunk.id });
    if (suggestions.length === 3) break;
  }
  return suggestions;
}

/** Retrieve, answer, cite: one question in, one AskResponse out. */
/** What a streaming client is told, in order: the sources, then the answerer's events. */
export type AskEvent = AnswerEvent | { readonly type: "sources"; readonly passages: readonly Passage[] };

export interface AskOptions {
  /** Streaming: told of the answer as it is written (POST /api/ask/stream). */
  readonly onEvent?: (event: AskEvent) => void;
  /** A cancelled question: aborts the model call of a generative answerer. */
  readonly signal?: AbortSignal;
}

export async function ask(engine: QaEngine, request: AskRequest, options: AskOptions = {}): Promise<AskResponse> {
  const started = engine.now();
  const topK = request.topK ?? DEFAULT_TOP_K;
  const history = request.history ?? [];
  const count = Math.max(topK, ANSWERER_MINIMUM_PASSAGES);
  const allowed = request.documents ? resolveDocumentFilter(engine.documents, request.documents) : undefined;
  // Understanding first, once: retrieval searches the reading (report vocabulary, typos
  // corrected, an elliptical follow-up joined to the conversation) and the answerer answers it.
  const reading = engine.reader.read(request.question, history);
  // A model's rewrite runs while the question's own reading is searched.
  const rewriting = engine.rewriter?.rewrite(request.question, history, options.signal);
  const own = await retrieveFromDocuments(engine, reading.searchText, reading, count, allowed);
  const rewrite = await rewriting;
  const rewriteReading = rewrite?.status === "rewritten" && rewrite.text ? engine.reader.read(rewrite.text) : undefined;
  const retrieved = rewriteReading ? mergeRankings(own, await retrieveFromDocuments(engine, rewriteReading.searchText, rewriteReading, count, allowed), count) : own;
  const retrievedAt = engine.now();
  options.onEvent?.({ type: "sources", passages: retrieved.slice(0, topK).map(toPassage) });
  const conversation = history.map((turn) => turn.content).join("\n");
  const scope = allowed ? { documents: allowed } : {};
  const answered = rewriteReading !== undefined && rewriteKeepsTheQuestion(reading, rewriteReading, conversation) && (await rewriteAnswersBetter(engine, { question: request.question, history, passages: retrieved, ...scope }, reading, rewriteReading));
  // The answerer reads the rewrite in the asker's language: an English question still gets an English answer.
  const draft = await engine.answerer.invoke({
    question: request.question,
    history,
    passages: retrieved,
    ...scope,
    reading: answered ? { ...rewriteReading!, language: reading.language } : reading,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const answeredAt = engine.now();
  return {
    question: request.question,
    answer: draft.answer,
    abstained: draft.abstained,
    answerKind: draft.answerKind,
    ...(draft.language ? { language: draft.language } : {}),
    ...(draft.lead ? { lead: draft.lead } : {}),
    ...(draft.abstentionReason ? { abstentionReason: draft.abstentionReason } : {}),
    ...(draft.refusalPlaces ? { refusalPlaces: draft.refusalPlaces.map((place) => ({ ...place })) } : {}),
    ...(draft.support !== undefined ? { support: draft.support } : {}),
    answerMode: draft.answerMode ?? "extractive",
    ...(draft.sentences ? { sentences: [...draft.sentences] } : {}),
    ...(draft.generation ? { generation: draft.generation } : {}),
    ...(rewrite ? { rewrite: answered ? { ...rewrite, answered } : rewrite } : {}),
    citations: draft.pieces.map((piece, index) => toCitation(piece, index + 1, documentsBySource(engine))),
    passages: retrieved.slice(0, topK).map(toPassage),
    ...(draft.abstained && draft.abstentionReason !== "unreadable-language" ? { suggestions: suggestionsFrom(retrieved) } : {}),
    engine: {
      embedder: engine.embedder.id,
      retriever: engine.retriever.description,
      answerer: engine.answerer.getName(),
      ...(draft.generation ? { model: `${draft.generation.provider}:${draft.generation.model}` } : {}),
      indexHash: engine.manifest.indexHash,
    },
    timings: {
      retrieveMs: milliseconds(retrievedAt - started),
      answerMs: milliseconds(answeredAt - retrievedAt),
      totalMs: milliseconds(answeredAt - started),
    },
  };
}

/**
 * Whether the rewrite answers where the question's own reading does not: the extractive
 * answerer (milliseconds, no model) tries both over the same passages. The rewrite wins only
 * over a refusal it may overturn (READ_AGAIN) or a related-only answer, and only with a
 * direct answer of its own — or any answer, over a refusal.
 */
async function rewriteAnswersBetter(engine: QaEngine, input: Omit<AnswerInput, "reading">, own: QuestionReading, rewrite: QuestionReading): Promise<boolean> {
  const first = await engine.extractive.invoke({ ...input, reading: own });
  const refused = first.abstained && READ_AGAIN.has(first.abstentionReason);
  if (!refused && first.answerKind !== "related") return false;
  const second = await engine.extractive.invoke({ ...input, reading: { ...rewrite, language: own.language } });
  return !second.abstained && (refused || second.answerKind === "direct");
}

/** Ranked passages for a query (GET /api/search, npm run search), from some documents only when `documents` names them (ids or sources). */
export async function search(engine: QaEngine, query: string, k: number, documents?: readonly string[]): Promise<Passage[]> {
  const filter = documents ? { sources: new Set(resolveDocumentFilter(engine.documents, documents)) } : undefined;
  return (await engine.retriever.retrieve(query, k, filter)).map(toPassage);
}

/** The engine's documents by source, built once per engine. */
const bySource = new WeakMap<QaEngine, ReadonlyMap<string, CorpusDocument>>();
function documentsBySource(engine: QaEngine): ReadonlyMap<string, CorpusDocument> {
  let map = bySource.get(engine);
  if (!map) {
    map = new Map(engine.documents.map((document) => [document.source, document]));
    bySource.set(engine, map);
  }
  return map;
}
