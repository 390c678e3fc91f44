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

/** GET /v1/models: the one model served, `created` the index's build time when known (Unix seconds), else 0. */
export function modelList(engine: QaEngine, builtAt: string | undefined): ModelList {
  const built = builtAt === undefined ? Number.NaN : Date.parse(builtAt);
  return {
    object: "list",
    data: [{ id: corpusModelId(engine), object: "model", created: Number.isFinite(built) ? Math.floor(built / 1000) : 0, owned_by: "jiangjin-report-qa" }],
  };
}
