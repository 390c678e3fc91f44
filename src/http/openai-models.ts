import type { QaEngine } from "../core/pipeline/qa-engine.js";
import type { ModelList } from "./openai-chat-schemas.js";

/**
 * The model id an engine answers to: its corpus, named after the corpus file(s) without folder
 * or extension ("corpus/jiangjin-15th-congress-report.txt" → "jiangjin-15th-congress-report").
 * A chat client picks its "model" from GET /v1/models; the id says which report answers, which
 * is what the choice means here. Several documents in one corpus: their names joined by "+".
 */
export function corpusModelId(engine: QaEngine): string {
  const names = engine.manifest.corpus.documents.map((document) => (document.source.split("/").at(-1) ?? document.source).replace(/\.[^.]+$/u, ""));
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
export function servedModels(engine: QaEngine): ServedModel[] {
  const corpus: ServedModel = { id: corpusModelId(engine) };
  if (engine.documents.length <= 1) return [corpus];
  return [corpus, ...engine.documents.map((document) => ({ id: document.id, documents: [document.source] }))];
}

/** GET /v1/models: the models served, `created` the index's build time when known (Unix seconds), else 0. */
export function modelList(engine: QaEngine, builtAt: string | undefined): ModelList {
  const built = builtAt === undefined ? Number.NaN : Date.parse(builtAt);
  const created = Number.isFinite(built) ? Math.floor(built / 1000) : 0;
  return { object: "list", data: servedModels(engine).map((model) => ({ id: model.id, object: "model", created, owned_by: "jiangjin-report-qa" })) };
}
