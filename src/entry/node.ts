import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import * as v8 from "node:v8";
import { readConfiguration } from "../adapters/node/configuration.js";
import { openFeedbackStore } from "../adapters/node/open-feedback-store.js";
import { httpServerOptions } from "../adapters/node/http-server-options.js";
import { createBatchedLineWriter } from "../adapters/node/log-writer.js";
import { checkCorpus, loadNodeEngine, type CorpusCheck } from "../adapters/node/load-engine.js";
import { createNodeReindex } from "../adapters/node/reindex.js";
import { followPublishedVersion } from "../adapters/node/follow-published-version.js";
import { holdServedVersion } from "../adapters/node/hold-served-version.js";
import { versionLease } from "../adapters/postgres/version-leases.js";
import { createDatabaseProbe, type DatabaseStatus } from "../adapters/postgres/database-probe.js";
import { createTurnScheduler } from "../adapters/node/turn-scheduler.js";
import { readWidgetAssets } from "../adapters/node/widget-assets.js";
import { isQaError } from "../core/errors.js";
import { createEngineHolder, currentEngine } from "../core/pipeline/engine-holder.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { starterQuestions, type StarterQuestion } from "../core/pipeline/starter-questions.js";
import { createApp } from "../http/create-app.js";

/** The Node composition root: the only place that wires Node adapters into the app. */
async function main(): Promise<void> {
  const configuration = readConfiguration(process.env);
  const warn = (message: string): void => void process.stderr.write(`warning: ${message}\n`);
  const loadOptions = {
    indexDirectory: configuration.indexDirectory,
    environment: process.env,
    vectorIndex: configuration.vectorIndex,
    answerer: configuration.answerer,
    requestTimeoutMs: configuration.requestTimeoutMs,
    ...(configuration.embedder ? { embedder: configuration.embedder } : {}),
    ...(configuration.databaseUrl ? { databaseUrl: configuration.databaseUrl } : {}),
    warn,
  };
  // The corpus is checked against the index once serving (checkCorpus below), not before.
  const loaded = await loadNodeEngine({
    ...loadOptions,
    // The files the chosen search does not read are hashed once loaded; health reports the outcome.
    checkUnusedFiles: true,
  });
  // Under sustained load V8 lets the old generation grow to ~5× the live heap before collecting
  // (measured: 33 MB live, 175 MB committed, RSS still climbing 20 s into a soak). Growing by
  // 1.5× at most keeps RSS flat under the same load at the same throughput (docs/DECISIONS.md).
  // Set once the index is loaded: while loading, that cap would mean a full GC every few MB.
  v8.setFlagsFromString("--heap-growing-percent=50");
  // POST /api/admin/reindex swaps what the holder serves; the app reads it once per request through `engine`.
  const holder = createEngineHolder(loaded);
  const engine = currentEngine(holder);
  // Until the check ends, health reports corpusMatchesIndex null and the page the chunk title.
  let corpus: CorpusCheck = { documents: [], corpusMatches: undefined };
  const vectorIndexOf = (served: QaEngine): string => {
    const description = served.retriever.description;
    return description.includes("pgvector") ? "pgvector" : description.includes("hnsw") ? "hnsw" : "brute-force";
  };
  const vectorIndex = vectorIndexOf(loaded.engine);
  const info = {
    get builtAt() {
      return holder.get().builtAt.toISOString();
    },
    get corpusMatches() {
      // A re-indexed engine was checked while loading; the one served since start-up, afterwards.
      const current = holder.get();
      return current === loaded ? corpus.corpusMatches : current.corpusMatches;
    },
    get vectorIndex() {
      return vectorIndexOf(holder.get().engine);
    },
    get indexFiles() {
      return holder.get().unusedFiles?.status();
    },
    get storage() {
      return holder.get().storage;
    },
    ...(configuration.databaseUrl ? { database: await databaseProbe(configuration.databaseUrl) } : {}),
  };
  // dist/server.mjs (npm start) or src/entry/node.ts (npm run dev): either way the
  // widget bundles are in the project's dist/widget/.
  const distDirectory = fileURLToPath(new URL(import.meta.url.includes("/dist/") ? "./" : "../../dist/", import.meta.url));
  // Computed once per served engine (again after a reindex).
  let starters: { engine: QaEngine; questions: Promise<readonly StarterQuestion[]> } | undefined;
  const log = createBatchedLineWriter((text) => void process.stderr.write(text));
  // DATA_DIR's files, or with DATABASE_URL its feedback table (FEEDBACK_STORE). Only feedback needs it: one
  // that cannot be written is a warning, not a refusal to start; posts retry it (503 meanwhile).
  const feedbackStore = await openFeedbackStore(configuration, warn);
  const app = createApp(
    engine,
    info,
    {
      about: {
        // One report: its meta file's title, author and date. Several: their short titles, and no one author or date.
        get title() {
          const documents = engine().documents;
          if (documents.length > 1) return documents.map((document) => document.shortTitle).join(" · ");
          return corpus.documents[0]?.title ?? engine().chunks[0]?.title ?? "";
        },
        get author() {
          return engine().documents.length > 1 ? null : (corpus.documents[0]?.author ?? null);
        },
        get published() {
          return engine().documents.length > 1 ? null : (corpus.documents[0]?.published ?? null);
        },
      },
      starters: () => {
        const current = holder.get().engine;
        if (starters?.engine !== current) starters = { engine: current, questions: starterQuestions(current) };
        return starters.questions;
      },
      feedbackStore,
      assets: await readWidgetAssets(distDirectory, warn),
      allowedOrigins: configuration.allowedOrigins,
      ...(configuration.allowedHosts ? { allowedHosts: configuration.allowedHosts } : {}),
      frameAncestors: configuration.frameAncestors,
      maxBodyBytes: configuration.maxBodyBytes,
      rateLimitPerMinute: configuration.rateLimitPerMinute,
      rateLimitBurst: configuration.rateLimitBurst,
      ...(configuration.corpusModelId ? { corpusModelId: configuration.corpusModelId } : {}),
      // The socket's peer address; behind a reverse proxy every request shares the proxy's bucket.
      // Behind TRUST_PROXY reverse proxies the client is read from X-Forwarded-For instead.
      clientKey: (context) => getConnInfo(context).remote.address,
      trustProxy: configuration.trustProxy,
      maxInFlight: configuration.maxInFlight,
      requestTimeoutMs: configuration.requestTimeoutMs,
      answerCacheEntries: configuration.answerCacheEntries,
      scheduleAnswer: createTurnScheduler(),
      ...(configuration.apiKey ? { apiKey: configuration.apiKey } : {}),
      ...(configuration.adminKey ? { adminKey: configuration.adminKey } : {}),
      reindex: createNodeReindex({
        holder,
        indexDirectory: configuration.indexDirectory,
        corpusDirectory: configuration.corpusDirectory,
        environment: process.env,
        vectorIndex: configuration.vectorIndex,
        ...(configuration.databaseUrl ? { databaseUrl: configuration.databaseUrl } : {}),
        answerer: configuration.answerer,
        requestTimeoutMs: configuration.requestTimeoutMs,
        ...(configuration.embedder ? { embedder: configuration.embedder } : {}),
        warn,
        logError: (error) =>
          log(JSON.stringify({ time: new Date().toISOString(), level: "error", event: "reindex_failed", error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined })),
      }),
      logger: log,
    },
  );
  // Several servers on one database: each follows the version the others (or an ingest) publish.
  let releaseLease = async (): Promise<void> => undefined;
  if (configuration.databaseUrl) {
    const { sharedPgvectorStore } = await import("../adapters/postgres/open-pgvector-index.js");
    const store = await sharedPgvectorStore(configuration.databaseUrl);
    // While this server runs, no ingest prunes the version it serves, however slowly it polls.
    const hold = holdServedVersion({ holder, lease: versionLease(store, `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`), warn });
    releaseLease = hold.release;
    followPublishedVersion({
      holder,
      intervalMs: configuration.databasePollMs,
      readCurrentVersion: () => store.currentVersion(),
      load: () => loadNodeEngine({ ...loadOptions, corpusDirectory: configuration.corpusDirectory }),
      warn,
      onSwap: (next, previous) => {
        void hold.renew();
        log(JSON.stringify({ time: new Date().toISOString(), level: "info", event: "index_followed", indexHash: next.engine.manifest.indexHash, previousIndexHash: previous.engine.manifest.indexHash }));
      },
    });
  }
  // Node's own limits on receiving a request (slow headers, a dribbled body): see http-server-options.ts.
  const server = serve({ fetch: app.fetch, port: configuration.port, hostname: configuration.host, serverOptions: httpServerOptions() }, (address) => {
    process.stderr.write(`Jiangjin Report Q&A listening on http://${configuration.host}:${address.port} (${loaded.engine.chunks.length} chunks, ${loaded.engine.embedder.id}, ${vectorIndex}, index from ${loaded.storage === "postgres" ? "PostgreSQL" : configuration.indexDirectory})\n`);
    checkCorpus(configuration.corpusDirectory, loaded.engine.manifest, warn).then(
      (result) => {
        corpus = result;
      },
      (error: unknown) => warn(`the corpus could not be checked against the index: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    process.stderr.write(`Cannot listen on ${configuration.host}:${configuration.port}: ${error.code === "EADDRINUSE" ? "the port is in use (set PORT)" : error.message}\n`);
    process.exit(1);
  });
  // Stop accepting, let requests in flight finish, then exit cleanly. Keep-alive connections
  // would hold close() open: drop them whenever they are idle (between requests), until closed.
  const shutdown = (): void => {
    // The lease goes once requests in flight are done (released at most once: releasing twice is harmless).
    server.close(() => void releaseLease().finally(() => process.exit(0)));
    const closeIdle = (): void => {
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    };
    closeIdle();
    setInterval(closeIdle, 100).unref();
    // Requests are bounded by REQUEST_TIMEOUT_MS; past that plus a margin, stop waiting.
    setTimeout(() => {
      process.stderr.write("warning: requests still running at the end of the shutdown grace period were cut off\n");
      if ("closeAllConnections" in server) server.closeAllConnections();
      process.exit(1);
    }, Math.max(configuration.requestTimeoutMs, 5_000) + 5_000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/** /api/health's database check: SELECT 1 on the server's pool, bounded in time and reused for a moment. */
async function databaseProbe(url: string): Promise<() => Promise<DatabaseStatus>> {
  const { sharedPgvectorStore } = await import("../adapters/postgres/open-pgvector-index.js");
  const store = await sharedPgvectorStore(url);
  return createDatabaseProbe(() => store.pool.query("SELECT 1"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${isQaError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
