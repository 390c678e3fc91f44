import type { AnswererChoice } from "../answerer-choice.js";
import { isHashingEmbedderId } from "../../core/embedding/hashing-embedder-state.js";
import { isQaError, QaError } from "../../core/errors.js";
import type { IndexManifest } from "../../core/index/manifest.js";
import type { EngineHolder } from "../../core/pipeline/engine-holder.js";
import type { Reindex, ReindexSummary } from "../../http/admin-routes.js";
import type { Environment } from "./embedder-factory.js";
import { ingestCorpus } from "./ingest.js";
import { IngestLockBusyError } from "./ingest-lock.js";
import { loadNodeEngine, type LoadedEngine, type VectorIndexChoice } from "./load-engine.js";

export interface NodeReindexOptions {
  readonly holder: EngineHolder<LoadedEngine>;
  readonly indexDirectory: string;
  readonly corpusDirectory: string;
  readonly environment: Environment;
  /** EMBEDDER as configured; unset: rebuild with the embedder of the index being served. */
  readonly embedder?: string;
  readonly vectorIndex?: VectorIndexChoice;
  /** DATABASE_URL: the new index's vectors are also written to PostgreSQL before the swap. */
  readonly databaseUrl?: string;
  /** The answerer the server was started with: a reindexed engine keeps it. */
  readonly answerer?: AnswererChoice;
  readonly requestTimeoutMs?: number;
  readonly warn?: (message: string) => void;
  /** Where the detail of a failure goes (it may name paths, so it never reaches the client). */
  readonly logError?: (error: unknown) => void;
  /** Monotonic milliseconds for the reported duration. */
  readonly now?: () => number;
}

/** The `npm run ingest -- --embedder` spec that rebuilds an index like this one. */
export function ingestSpecFor(manifest: IndexManifest): string {
  return isHashingEmbedderId(manifest.embedder.id) ? `hashing:${manifest.embedder.dimensions}` : manifest.embedder.id;
}

/**
 * corpus/ → index/ with the ingest code (and its lock), then loads the new index and swaps it
 * into the holder. Until the swap the old engine keeps serving; on any failure it stays.
 * One at a time in this process; an ingest running elsewhere (npm run ingest) also counts.
 */
export function createNodeReindex(options: NodeReindexOptions): Reindex {
  const now = options.now ?? (() => performance.now());
  let running = false;
  return async (): Promise<ReindexSummary> => {
    if (running) throw new QaError("reindex_in_progress", "A reindex is already running; try again when it has finished.");
    running = true;
    const started = now();
    const previous = options.holder.get();
    try {
      await ingestCorpus({
        corpusDirectory: options.corpusDirectory,
        indexDirectory: options.indexDirectory,
        embedder: options.embedder ?? ingestSpecFor(previous.engine.manifest),
        environment: options.environment,
        ...(options.warn ? { warn: options.warn } : {}),
      });
      if (options.databaseUrl) await (await import("../postgres/publish-stored-index.js")).publishStoredIndex(options.databaseUrl, options.indexDirectory);
      const loaded = await loadNodeEngine({
        indexDirectory: options.indexDirectory,
        corpusDirectory: options.corpusDirectory,
        environment: options.environment,
        ...(options.vectorIndex ? { vectorIndex: options.vectorIndex } : {}),
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        ...(options.embedder ? { embedder: options.embedder } : {}),
        ...(options.answerer ? { answerer: options.answerer } : {}),
        ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        checkUnusedFiles: true,
        ...(options.warn ? { warn: options.warn } : {}),
      });
      options.holder.replace(loaded);
      return {
        indexHash: loaded.engine.manifest.indexHash,
        previousIndexHash: previous.engine.manifest.indexHash,
        chunks: loaded.engine.chunks.length,
        embedder: loaded.engine.embedder.id,
        builtAt: loaded.builtAt.toISOString(),
        durationMs: Math.round(now() - started),
      };
    } catch (error) {
      if (error instanceof IngestLockBusyError) {
        throw new QaError("reindex_in_progress", "Another ingest is writing the index; try again when it has finished.");
      }
      options.logError?.(error);
      // Only the code reaches the client: messages of index and corpus errors name folders.
      const reason = isQaError(error) ? ` (${error.code})` : "";
      throw new QaError("reindex_failed", `Reindex failed${reason}; the previous index is still being served. The server log has details.`);
    } finally {
      running = false;
    }
  };
}
