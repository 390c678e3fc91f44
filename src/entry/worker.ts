import bundle from "jiangjin-index-bundle";
// jieba-wasm's web build's .wasm: wrangler resolves the file path itself (the package's exports do not
// list it) and imports it as a compiled WebAssembly.Module (its default rule for .wasm).
import jiebaWasm from "jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm";
import type { Hono } from "hono";
import { z } from "zod";
import { parseSettings, sharedSettingsShape } from "../http/settings.js";
import { answererChoiceShape, readAnswererChoice } from "../adapters/answerer-choice.js";
import { modelPartsFor, type ModelParts } from "../adapters/generative-answerer-factory.js";
import { isQaError, QaError } from "../core/errors.js";
import { parseIndexManifest, type IndexFileRole } from "../core/index/manifest.js";
import { verifyIndexFiles, type IndexFiles } from "../core/index/verify-index-files.js";
import { createEngineHolder, currentEngine } from "../core/pipeline/engine-holder.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import type { WordSegmenter } from "../core/ports/word-segmenter.js";
import { loadJiebaWebSegmenter } from "../adapters/worker/jieba-web-segmenter.js";
import { starterQuestions, type StarterQuestion } from "../core/pipeline/starter-questions.js";
import { checkedHyperdriveBinding } from "../adapters/worker/hyperdrive-client.js";
import { hyperdriveIndexSource, type WorkerIndexSource } from "../adapters/worker/hyperdrive-index-source.js";
import type { KeepAlive } from "../adapters/worker/poll-on-requests.js";
import { checkWorkerEmbedder, workerEngine } from "../adapters/worker/worker-engine.js";
import { createApp, DEFAULT_REQUEST_TIMEOUT_MS } from "../http/create-app.js";
import { createStaticAsset } from "../http/static-asset.js";
import { errorBody } from "../http/error-response.js";

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * The Workers composition root: the hashing embedder and exact search (no native modules, no
 * model runtime) over the bundled index — or, with a Hyperdrive binding HYPERDRIVE, over the
 * version the PostgreSQL database publishes, followed as it changes. Built once per isolate,
 * on the first request.
 */
async function buildService(environment: WorkerEnvironment): Promise<WorkerService> {
  const settings = readWorkerSettings(environment);
  const answererChoice = readAnswererChoice(settings);
  // Checked before the index loads: a configuration that cannot work here fails first and by name.
  if (answererChoice.kind === "generative" && answererChoice.provider === "transformers") {
    throw new QaError(
      "invalid_parameter",
      "Invalid setting LLM_PROVIDER: transformers (a model run inside the server) is not available in Workers; use an OpenAI-compatible " +
        "endpoint such as Workers AI (LLM_PROVIDER=openai-compatible, LLM_BASE_URL=https://api.cloudflare.com/client/v4/accounts/<account id>/ai/v1).",
    );
  }
  const hyperdrive = environment.HYPERDRIVE === undefined ? undefined : checkedHyperdriveBinding(environment.HYPERDRIVE);
  // Instantiating the WASM is asynchronous in the web build: awaited here, once per isolate.
  const segmenter = await loadJiebaWebSegmenter(jiebaWasm);
  // ANSWERER=generative with LLM_BASE_URL / LLM_MODEL (vars) and LLM_API_KEY (a secret), as in Node.
  const modelParts = modelPartsFor(answererChoice, DEFAULT_REQUEST_TIMEOUT_MS);
  const source = hyperdrive
    ? await hyperdriveIndexSource({
        binding: hyperdrive,
        pollMs: settings.DATABASE_POLL_MS,
        segmenter,
        modelParts,
        warn: (message) => console.warn(message),
        log: (line) => console.log(line),
      })
    : await bundledIndexSource(segmenter, modelParts);
  const engine = currentEngine(source.holder);
  // Computed once per served engine (again after a newly published version is swapped in).
  let starters: { engine: QaEngine; questions: Promise<readonly StarterQuestion[]> } | undefined;
  const javascript = "text/javascript; charset=utf-8";
  const app = createApp(engine, source.info, {
    about: source.about,
    compress: false,
    starters: () => {
      const served = engine();
      if (starters?.engine !== served) starters = { engine: served, questions: starterQuestions(served) };
      return starters.questions;
    },
    assets: {
      ...(bundle.widget.widget ? { widget: createStaticAsset(bundle.widget.widget, javascript) } : {}),
      ...(bundle.widget.app ? { app: createStaticAsset(bundle.widget.app, javascript) } : {}),
    },
    // Workers keep no files: feedback needs a store binding, which this deployment does not configure.
    allowedOrigins: (environment.ALLOWED_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean),
    // The same Bearer check as Node: /api/* except /api/health needs API_KEY when it is set.
    ...(settings.API_KEY ? { apiKey: settings.API_KEY } : {}),
    // The same token bucket as Node, per client address as Cloudflare reports it. Best effort
    // only: each isolate keeps its own buckets (a client spread over isolates or locations gets
    // more, and an evicted isolate forgets). For a hard limit in production, put Cloudflare's
    // Rate Limiting binding (or a WAF rate-limiting rule) in front of the Worker.
    rateLimitPerMinute: settings.RATE_LIMIT_PER_MINUTE,
    rateLimitBurst: settings.RATE_LIMIT_BURST,
    ...(settings.CORPUS_MODEL_ID ? { corpusModelId: settings.CORPUS_MODEL_ID } : {}),
    clientKey: (context) => context.req.header("CF-Connecting-IP"),
    // No admin routes here (no ADMIN_KEY, no files to export or rebuild): they answer 403 admin_disabled.
  });
  return { app, onRequest: source.onRequest };
}

/** The index packed into the script at build time (dist/worker-index.mjs), verified as index/ is. */
async function bundledIndexSource(segmenter: WordSegmenter, modelParts: ModelParts): Promise<WorkerIndexSource> {
  const manifest = parseIndexManifest(JSON.parse(bundle.manifest), "The bundled index manifest");
  checkWorkerEmbedder(manifest);
  const files: IndexFiles = {};
  for (const [role, encoded] of Object.entries(bundle.files)) files[role as IndexFileRole] = decodeBase64(encoded);
  // The HNSW graph is for the native index and is not bundled; Workers search exactly.
  await verifyIndexFiles(manifest, files, (entry) => `bundled ${entry.path}`, ["hnsw"]);
  return {
    holder: createEngineHolder({ engine: workerEngine(manifest, files, segmenter, modelParts) }),
    info: { vectorIndex: "brute-force" },
    about: bundle.about,
    onRequest: () => undefined,
  };
}

interface WorkerService {
  readonly app: Hono;
  readonly onRequest: (keepAlive: KeepAlive) => void;
}

/** Settings from wrangler.toml [vars], secrets (`npx wrangler secret put API_KEY`) or the dashboard. */
interface WorkerEnvironment {
  readonly ALLOWED_ORIGINS?: string;
  readonly API_KEY?: string;
  readonly RATE_LIMIT_PER_MINUTE?: string;
  readonly RATE_LIMIT_BURST?: string;
  readonly CORPUS_MODEL_ID?: string;
  readonly ANSWERER?: string;
  readonly LLM_PROVIDER?: string;
  readonly LLM_BASE_URL?: string;
  readonly LLM_MODEL?: string;
  readonly LLM_API_KEY?: string;
  readonly LLM_TIMEOUT_MS?: string;
  readonly LLM_REWRITE?: string;
  /** With HYPERDRIVE: least milliseconds between checks for a newly published version (made on requests); 0 = never. */
  readonly DATABASE_POLL_MS?: string;
  /** A [[hyperdrive]] binding (wrangler.toml): serve the index PostgreSQL publishes instead of the bundled one. */
  readonly HYPERDRIVE?: unknown;
}

/** The part of Workers' ExecutionContext used here (tests call fetch without one). */
interface WorkerContext {
  waitUntil?(promise: Promise<unknown>): void;
}

function readWorkerSettings(environment: WorkerEnvironment) {
  const { API_KEY, RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST, CORPUS_MODEL_ID, ANSWERER, LLM_PROVIDER, LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS, LLM_REWRITE, DATABASE_POLL_MS } = environment;
  return parseSettings(z.object({ ...sharedSettingsShape, ...answererChoiceShape, DATABASE_POLL_MS: databasePollShape }), {
    API_KEY,
    RATE_LIMIT_PER_MINUTE,
    RATE_LIMIT_BURST,
    CORPUS_MODEL_ID,
    ANSWERER,
    LLM_PROVIDER,
    LLM_BASE_URL,
    LLM_MODEL,
    LLM_API_KEY,
    LLM_TIMEOUT_MS,
    LLM_REWRITE,
    DATABASE_POLL_MS,
  });
}

/** As a Node server's DATABASE_POLL_MS (10 s by default). */
const databasePollShape = z.coerce.number().int().min(0).max(86_400_000).default(10_000);

let service: Promise<WorkerService> | undefined;

export default {
  async fetch(request: Request, environment: WorkerEnvironment, executionContext: unknown): Promise<Response> {
    const context = executionContext as WorkerContext | undefined;
    const building = (service ??= buildService(environment));
    // The first load outlives a client that gives up: requests arriving meanwhile wait for the same one.
    context?.waitUntil?.(building.catch(() => undefined));
    try {
      const built = await building;
      if (context?.waitUntil) built.onRequest((work) => context.waitUntil!(work));
      return await built.app.fetch(request, environment, context as never);
    } catch (error) {
      // Not remembered: the next request tries again (a database back up, a version now published).
      if (service === building) service = undefined;
      const message = isQaError(error) ? error.message : "The service could not load its index.";
      return Response.json(errorBody(isQaError(error) ? error.code : "internal", message), { status: 503 });
    }
  },
};
