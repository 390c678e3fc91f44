import type { QaEngine } from "../core/pipeline/qa-engine.js";
import type { ModelList } from "./openai-chat-schemas.js";

/** Up to this many documents, the corpus's model id names each; more would make an id no client can type. */
export const MAX_NAMED_DOCUMENTS = 3;
/** The whole corpus's model id over more documents: short, and stable as documents come and go. */
export const LARGE_CORPUS_MODEL_ID = "corpus";

/**
 * The model id an engine answers to: its corpus, named after the corpus file(s) without folder
 * or extension ("corpus/jiangjin-15th-congress-report.txt" → "jiangjin-15th-congress-report").
 * A chat client picks its "model" from GET /v1/models; the id says which report answers, which
 * is what the choice means here. Two or three documents: their names joined by "+"; more:
 * "corpus". A configured id (CORPUS_MODEL_ID) replaces either, so clients keep one id however
 * the corpus changes.
 */
export function corpusModelId(engine: QaEngine, configured?: string): string {
  if (configured) return configured;
  const names = engine.manifest.corpus.documents.map((document) => (document.source.split("/").at(-1) ?? document.source).replace(/\.[^.]+$/u, ""));
  // A document of that name keeps its own model id ("corpus"); the whole corpus then takes another.
  if (names.length > MAX_NAMED_DOCUMENTS) return engine.documents.some((document) => document.id === LARGE_CORPUS_MODEL_ID) ? `${LARGE_CORPUS_MODEL_ID}-all` : LARGE_CORPUS_MODEL_ID;
  return names.length > 0 ? names.join("+") : `corpus-${engine.manifest.indexHash.slice(0, 12)}`;
}

/** A model a chat client may pick, and the documents filter it stands for (none: the whole corpus). */
export interface ServedModel {
  readonly id: string;
  readonly documents?: readonly string[];
}

/**
 * The models served: the whole corpus, and over a corpus of several documents one model per
 * document, named by its id ("jiangjin-15th-congress-report"), which answers from it alone.
 */
export function servedModels(engine: QaEngine, configuredCorpusId?: string): ServedModel[] {
  const corpus: ServedModel = { id: corpusModelId(engine, configuredCorpusId) };
  if (engine.documents.length <= 1) return [corpus];
  return [corpus, ...engine.documents.map((document) => ({ id: document.id, documents: [document.source] }))];
}

/** GET /v1/models: the models served, `created` the index's build time when known (Unix seconds), else 0. */
export function modelList(engine: QaEngine, builtAt: string | undefined, configuredCorpusId?: string): ModelList {
  const built = builtAt === undefined ? Number.NaN : Date.parse(builtAt);
  const created = Number.isFinite(built) ? Math.floor(built / 1000) : 0;
  return { object: "list", data: servedModels(engine, configuredCorpusId).map((model) => ({ id: model.id, object: "model", created, owned_by: "jiangjin-report-qa" })) };
}
