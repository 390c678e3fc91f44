import type { QaEngine } from "../../core/pipeline/qa-engine.js";
import { createEngineHolder, type EngineHolder } from "../../core/pipeline/engine-holder.js";
import type { WordSegmenter } from "../../core/ports/word-segmenter.js";
import type { ServiceInfo } from "../../http/app-options.js";
import type { PageAbout } from "../../http/pages.js";
import type { ModelParts } from "../generative-answerer-factory.js";
// Platform-neutral despite its folder (core types only): the same swap rule as a Node server's.
import { followPublishedVersion } from "../node/follow-published-version.js";
import { createDatabaseProbe } from "../postgres/database-probe.js";
import { withHyperdriveClient, type HyperdriveBinding } from "./hyperdrive-client.js";
import { pollOnRequests, type KeepAlive } from "./poll-on-requests.js";
import { readHyperdriveIndex, readPublishedVersion } from "./read-hyperdrive-index.js";
import { aboutFromManifest, workerEngine } from "./worker-engine.js";

/** An engine with the build time of the index it serves. */
export interface ServedIndex {
  readonly engine: QaEngine;
  readonly builtAt?: Date;
}

/** What the Worker's composition root serves from: the engine (swappable), what health reports, the page's byline. */
export interface WorkerIndexSource {
  readonly holder: EngineHolder<ServedIndex>;
  readonly info: ServiceInfo;
  readonly about: PageAbout;
  /** Called on every request: may start a version check under the request's waitUntil. */
  readonly onRequest: (keepAlive: KeepAlive) => void;
}

export interface HyperdriveIndexSourceOptions {
  readonly binding: HyperdriveBinding;
  /** DATABASE_POLL_MS: least milliseconds between version checks, made on requests; 0 never follows. */
  readonly pollMs: number;
  readonly segmenter: WordSegmenter;
  readonly modelParts: ModelParts;
  readonly warn?: (message: string) => void;
  readonly log?: (line: string) => void;
}

/**
 * The index as the database publishes it, through Hyperdrive: the current version's manifest and
 * files read and verified once per isolate (a new pg.Client each time, closed after), its
 * vectors searched in memory — no database round trip per question, and questions keep being
 * answered while the database is away. At most every `pollMs`, a request starts a check of
 * current_version in the background; a new version is loaded whole and only then swapped in,
 * as a Node server following DATABASE_URL does (followPublishedVersion). A failed first load
 * rejects (the Worker answers 503 and tries again on the next request).
 */
export async function hyperdriveIndexSource(options: HyperdriveIndexSourceOptions): Promise<WorkerIndexSource> {
  const { binding } = options;
  const load = async (): Promise<ServedIndex> => {
    const index = await withHyperdriveClient(binding, (client) => readHyperdriveIndex(client));
    return { engine: workerEngine(index.manifest, index.files, options.segmenter, options.modelParts), builtAt: index.builtAt };
  };
  const holder = createEngineHolder(await load());
  const follower = followPublishedVersion({
    holder,
    intervalMs: 0, // No timer: requests drive the checks (pollOnRequests).
    readCurrentVersion: () => withHyperdriveClient(binding, (client) => readPublishedVersion(client)),
    load,
    ...(options.warn ? { warn: options.warn } : {}),
    onSwap: (next, previous) =>
      options.log?.(JSON.stringify({ time: new Date().toISOString(), level: "info", event: "index_followed", indexHash: next.engine.manifest.indexHash, previousIndexHash: previous.engine.manifest.indexHash })),
  });
  const manifest = () => holder.get().engine.manifest;
  return {
    holder,
    info: {
      vectorIndex: "brute-force",
      storage: "postgres",
      get builtAt() {
        return holder.get().builtAt?.toISOString();
      },
      // A statement Hyperdrive cannot answer from its cache (clock_timestamp() is volatile), so "ok" means the database answered.
      database: createDatabaseProbe(() => withHyperdriveClient(binding, (client) => client.query("SELECT clock_timestamp()"), { connectTimeoutMs: 1_000, queryTimeoutMs: 1_000 })),
    },
    about: {
      get title() {
        return aboutFromManifest(manifest()).title;
      },
      get author() {
        return aboutFromManifest(manifest()).author;
      },
      get published() {
        return aboutFromManifest(manifest()).published;
      },
    },
    onRequest: pollOnRequests({ intervalMs: options.pollMs, check: () => follower.check() }),
  };
}
