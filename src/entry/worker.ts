import bundle from "jiangjin-index-bundle";
// jieba-wasm's web build's .wasm: wrangler resolves the file path itself (the package's exports do not
// list it) and imports it as a compiled WebAssembly.Module (its default rule for .wasm).
import jiebaWasm from "jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm";
import type { Hono } from "hono";
import { z } from "zod";
import { parseSettings, sharedSettingsShape } from "../http/settings.js";
import { answererChoiceShape, readAnswererChoice } from "../adapters/answerer-choice.js";
import { modelPartsFor } from "../adapters/generative-answerer-factory.js";
import { hashingEmbedderFromStoredState, isHashingEmbedderId } from "../core/embedding/hashing-embedder-state.js";
import { isQaError, QaError } from "../core/errors.js";
import { parseIndexManifest, type IndexFileRole } from "../core/index/manifest.js";
import { readIndexContents } from "../core/index/read-index-contents.js";
import { verifyIndexFiles, type IndexFiles } from "../core/index/verify-index-files.js";
import { createEngine } from "../core/pipeline/create-engine.js";
import { loadJiebaWebSegmenter } from "../adapters/worker/jieba-web-segmenter.js";
import { BruteForceVectorIndex } from "../core/retrieval/brute-force-vector-index.js";
import { starterQuestions } from "../core/pipeline/starter-questions.js";
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
 * The Workers composition root: the bundled index, the hashing embedder and exact search
 * (no native modules, no model runtime). Built once per isolate, on the first request.
 */
async function buildApp(environment: WorkerEnvironment): Promise<Hono> {
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
  const manifest = parseIndexManifest(JSON.parse(bundle.manifest), "The bundled index manifest");
  if (!isHashingEmbedderId(manifest.embedder.id)) {
    throw new QaError("embedder_unavailable", `Workers run the default hashing embedder only; this index uses ${manifest.embedder.id}. Rebuild it with: npm run ingest`);
  }
  const files: IndexFiles = {};
  for (const [role, encoded] of Object.entries(bundle.files)) files[role as IndexFileRole] = decodeBase64(encoded);
  // The HNSW graph is for the native index and is not bundled; Workers search exactly.
  await verifyIndexFiles(manifest, files, (entry) => `bundled ${entry.path}`, ["hnsw"]);
  const { chunks, vectors, lexicon } = readIndexContents(manifest, files);
  const embedder = hashingEmbedderFromStoredState(files.embedderState, manifest.embedder.id);
  // Instantiating the WASM is asynchronous in the web build: awaited here, once per isolate.
  const segmenter = await loadJiebaWebSegmenter(jiebaWasm);
  // ANSWERER=generative with LLM_BASE_URL / LLM_MODEL (vars) and LLM_API_KEY (a secret), as in Node.
  const modelParts = modelPartsFor(answererChoice, DEFAULT_REQUEST_TIMEOUT_MS);
  const engine = createEngine({
    manifest,
    chunks,
    embedder,
    segmenter,
    lexicon,
    vectorIndex: new BruteForceVectorIndex(manifest.embedder.dimensions, { ids: chunks.map((chunk) => chunk.id), vectors }),
    ...modelParts,
  });
  let starters: ReturnType<typeof starterQuestions> | undefined;
  const javascript = "text/javascript; charset=utf-8";
  return createApp(
    engine,
    { vectorIndex: "brute-force" },
    {
      about: bundle.about,
      compress: false,
      starters: () => (starters ??= starterQuestions(engine)),
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
    },
  );
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
}

function readWorkerSettings(environment: WorkerEnvironment) {
  const { API_KEY, RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST, CORPUS_MODEL_ID, ANSWERER, LLM_PROVIDER, LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS, LLM_REWRITE } = environment;
  return parseSettings(z.object({ ...sharedSettingsShape, ...answererChoiceShape }), {
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
  });
}

let app: Promise<Hono> | undefined;

export default {
  async fetch(request: Request, environment: WorkerEnvironment, context: unknown): Promise<Response> {
    app ??= buildApp(environment);
    try {
      return await (await app).fetch(request, environment, context as never);
    } catch (error) {
      app = undefined;
      const message = isQaError(error) ? error.message : "The service could not load its index.";
      return Response.json(errorBody(isQaError(error) ? error.code : "internal", message), { status: 503 });
    }
  },
};
