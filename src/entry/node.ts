import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { fileURLToPath } from "node:url";
import { readConfiguration } from "../adapters/node/configuration.js";
import { createFileFeedbackStore } from "../adapters/node/file-feedback-store.js";
import { loadNodeEngine } from "../adapters/node/load-engine.js";
import { readWidgetAssets } from "../adapters/node/widget-assets.js";
import { isQaError } from "../core/errors.js";
import { starterQuestions, type StarterQuestion } from "../core/pipeline/starter-questions.js";
import { createApp } from "../http/create-app.js";

/** The Node composition root: the only place that wires Node adapters into the app. */
async function main(): Promise<void> {
  const configuration = readConfiguration(process.env);
  const warn = (message: string): void => void process.stderr.write(`warning: ${message}\n`);
  const { engine, documents, builtAt, corpusMatches } = await loadNodeEngine({
    indexDirectory: configuration.indexDirectory,
    corpusDirectory: configuration.corpusDirectory,
    environment: process.env,
    vectorIndex: configuration.vectorIndex,
    ...(configuration.embedder ? { embedder: configuration.embedder } : {}),
    warn,
  });
  const vectorIndex = engine.retriever.description.includes("hnsw") ? "hnsw" : "brute-force";
  // dist/server.mjs (npm start) or src/entry/node.ts (npm run dev): either way the
  // widget bundles are in the project's dist/widget/.
  const distDirectory = fileURLToPath(new URL(import.meta.url.includes("/dist/") ? "./" : "../../dist/", import.meta.url));
  const first = documents[0];
  let starters: Promise<readonly StarterQuestion[]> | undefined;
  const app = createApp(
    engine,
    { builtAt: builtAt.toISOString(), vectorIndex, ...(corpusMatches === undefined ? {} : { corpusMatches }) },
    {
      about: { title: first?.title ?? engine.chunks[0]?.title ?? "", author: first?.author ?? null, published: first?.published ?? null },
      starters: () => (starters ??= starterQuestions(engine)),
      feedbackStore: createFileFeedbackStore(configuration.dataDirectory),
      assets: await readWidgetAssets(distDirectory, warn),
      allowedOrigins: configuration.allowedOrigins,
      frameAncestors: configuration.frameAncestors,
      maxBodyBytes: configuration.maxBodyBytes,
      rateLimitPerMinute: configuration.rateLimitPerMinute,
      rateLimitBurst: configuration.rateLimitBurst,
      // The socket's peer address; behind a reverse proxy every request shares the proxy's bucket.
      clientKey: (context) => getConnInfo(context).remote.address,
      maxInFlight: configuration.maxInFlight,
      requestTimeoutMs: configuration.requestTimeoutMs,
      ...(configuration.apiKey ? { apiKey: configuration.apiKey } : {}),
      logger: (line) => void process.stderr.write(`${line}\n`),
    },
  );
  const server = serve({ fetch: app.fetch, port: configuration.port, hostname: configuration.host }, (address) => {
    process.stderr.write(`Jiangjin Report Q&A listening on http://${configuration.host}:${address.port} (${engine.chunks.length} chunks, ${engine.embedder.id}, ${vectorIndex})\n`);
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    process.stderr.write(`Cannot listen on ${configuration.host}:${configuration.port}: ${error.code === "EADDRINUSE" ? "the port is in use (set PORT)" : error.message}\n`);
    process.exit(1);
  });
  // Stop accepting, let requests in flight finish, then exit cleanly. Keep-alive connections
  // would hold close() open: drop them whenever they are idle (between requests), until closed.
  const shutdown = (): void => {
    server.close(() => process.exit(0));
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

main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${isQaError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
