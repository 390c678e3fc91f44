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

/** The engine to serve now: the HTTP app calls it once per request and uses that engine throughout. */
export type EngineSource = () => QaEngine;

/**
 * The holder's current engine, read when called: what createApp is given where the engine
 * can be swapped. A request reads it once, so it sees one engine from start to end (a
 * request in flight across a swap finishes on the old one), and anything cached per engine
 * object (verify's report numbers, the chunks' clause units) belongs to the engine it came from.
 */
export function currentEngine(holder: EngineHolder): EngineSource {
  return () => holder.get().engine;
}
