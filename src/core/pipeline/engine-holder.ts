import type { QaEngine } from "./qa-engine.js";

/**
 * The engine being served, replaceable while serving (POST /api/admin/reindex). `T` carries
 * whatever belongs with the engine (build time, corpus check) so both are swapped together.
 */
export interface EngineHolder<T extends { readonly engine: QaEngine } = { readonly engine: QaEngine }> {
  get(): T;
  replace(next: T): void;
}

export function createEngineHolder<T extends { readonly engine: QaEngine }>(initial: T): EngineHolder<T> {
  let current = initial;
  return {
    get: () => current,
    replace: (next) => {
      current = next;
    },
  };
}

/**
 * A QaEngine whose every field reads the holder's current engine, for code that was handed
 * one engine at start-up (createApp and its routes). A request that reads the engine once
 * sees one engine; one in flight across a swap may read some fields from each (its answer
 * still quotes only passages it retrieved).
 */
export function servedEngine(holder: EngineHolder): QaEngine {
  return {
    get manifest() {
      return holder.get().engine.manifest;
    },
    get chunks() {
      return holder.get().engine.chunks;
    },
    get embedder() {
      return holder.get().engine.embedder;
    },
    get retriever() {
      return holder.get().engine.retriever;
    },
    get answerer() {
      return holder.get().engine.answerer;
    },
    get now() {
      return holder.get().engine.now;
    },
  };
}
