import * as path from "node:path";
import { z } from "zod";
import { LOOPBACK_HOSTS } from "../../http/host-guard.js";
import { QaError } from "../../core/errors.js";
import { headerSecret, parseSettings, sharedSettingsShape } from "../../http/settings.js";
import { DEFAULT_FEEDBACK_KEEP_FILES, DEFAULT_FEEDBACK_MAX_BYTES } from "./file-feedback-store.js";
import { answererChoiceShape, readAnswererChoice, type AnswererChoice } from "../answerer-choice.js";
import { parseDatabaseUrl } from "../postgres/database-url.js";

const configurationSchema = z.object({
  ...sharedSettingsShape,
  /** ANSWERER, LLM_PROVIDER, LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS, LLM_REWRITE. */
  ...answererChoiceShape,
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  INDEX_DIR: z.string().min(1).default("index"),
  CORPUS_DIR: z.string().min(1).default("corpus"),
  /** Expected embedder; unset means "whatever built the index". */
  EMBEDDER: z.string().min(1).optional(),
  VECTOR_INDEX: z.enum(["auto", "hnsw", "brute-force"]).default("auto"),
  /** postgres://…: the vector leg searches pgvector in this database (see load-engine.ts); unset: index/ alone. */
  DATABASE_URL: z.string().min(1).optional(),
  /** With DATABASE_URL: milliseconds between polls of the database's current version (a server follows versions others publish); 0 = off. */
  DATABASE_POLL_MS: z.coerce.number().int().min(0).max(86_400_000).default(10_000),
  /** Comma-separated origins whose pages may call the API (the embedded widget); "*" for any. */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Comma-separated host names the server answers to (".example.org" for its subdomains, "*" any); default: the loopback names when HOST is loopback, else any. */
  ALLOWED_HOSTS: z.string().default(""),
  /** Comma-separated CSP frame-ancestors for the pages; default only this origin. */
  FRAME_ANCESTORS: z.string().default(""),
  /** Where feedback and other runtime data are written. */
  DATA_DIR: z.string().min(1).default("data"),
  /** Size in bytes at which DATA_DIR/feedback.jsonl is rotated to feedback.jsonl.1 (≥ 64 KiB: a record is tens of KB at most). */
  FEEDBACK_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(DEFAULT_FEEDBACK_MAX_BYTES),
  /** Rotated feedback files kept (feedback.jsonl.1 … .N) besides feedback.jsonl; 0 drops a full file. */
  FEEDBACK_KEEP_FILES: z.coerce.number().int().min(0).max(100).default(DEFAULT_FEEDBACK_KEEP_FILES),
  /** Where feedback goes: "database" (the default with DATABASE_URL, shared by every server on it) or "files" (DATA_DIR). */
  FEEDBACK_STORE: z.enum(["files", "database"], { error: 'must be "files" or "database"' }).optional(),
  /** /api/* requests at work at once; beyond it 503. 0 = no bound. */
  MAX_IN_FLIGHT: z.coerce.number().int().min(0).default(256),
  /** Milliseconds an /api/* request may take before 503 `timeout`; 0 = none. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Answers kept in memory for repeated questions (an LRU, also bounded to 16 M characters); 0 = no cache. */
  ANSWER_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  /** Largest accepted request body in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1).default(64 * 1024),
  /**
   * When set, enables /api/admin/* behind Authorization: Bearer <ADMIN_KEY> (API_KEY never grants it).
   * At least 16 characters: it guards reindexing and the feedback export.
   */
  ADMIN_KEY: headerSecret
    .min(16, "must be at least 16 characters (e.g. openssl rand -hex 32)")
    .optional(),
  /**
   * Reverse proxies in front of the server: 0 (default) keys the rate limit on the socket address and
   * ignores X-Forwarded-For; N takes the N-th address from the right of X-Forwarded-For.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

const list = (value: string): string[] =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export interface Configuration {
  readonly port: number;
  readonly host: string;
  readonly indexDirectory: string;
  readonly corpusDirectory: string;
  readonly embedder: string | undefined;
  readonly vectorIndex: "auto" | "hnsw" | "brute-force";
  /** DATABASE_URL, checked to be a postgres:// URL; undefined: no database. */
  readonly databaseUrl: string | undefined;
  /** DATABASE_POLL_MS: how often a server with a database looks for a newly published version; 0 = never. */
  readonly databasePollMs: number;
  readonly allowedOrigins: readonly string[];
  /** Host names answered to; undefined: any (a server bound to a public address, ALLOWED_HOSTS unset). */
  readonly allowedHosts: readonly string[] | undefined;
  readonly frameAncestors: readonly string[];
  readonly dataDirectory: string;
  readonly feedbackMaxBytes: number;
  readonly feedbackKeepFiles: number;
  /** FEEDBACK_STORE: the feedback table of DATABASE_URL, or JSONL files in DATA_DIR. */
  readonly feedbackStore: "files" | "database";
  readonly rateLimitPerMinute: number;
  readonly rateLimitBurst: number;
  /** CORPUS_MODEL_ID: the whole corpus's model id on /v1, when set. */
  readonly corpusModelId: string | undefined;
  readonly maxInFlight: number;
  readonly requestTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly answerCacheEntries: number;
  readonly apiKey: string | undefined;
  readonly adminKey: string | undefined;
  readonly trustProxy: number;
  /** Extractive (default), or generative over an OpenAI-compatible model server. */
  readonly answerer: AnswererChoice;
}

/** Settings from the environment, validated once at start-up; paths are resolved against the working directory. */
export function readConfiguration(environment: Record<string, string | undefined>): Configuration {
  const settings = parseSettings(configurationSchema, environment);
  // Otherwise every holder of the API key would also hold the admin key.
  if (settings.ADMIN_KEY !== undefined && settings.ADMIN_KEY === settings.API_KEY) {
    throw new QaError("invalid_parameter", "Invalid setting ADMIN_KEY: must differ from API_KEY");
  }
  return {
    port: settings.PORT,
    host: settings.HOST,
    indexDirectory: path.resolve(settings.INDEX_DIR),
    corpusDirectory: path.resolve(settings.CORPUS_DIR),
    embedder: settings.EMBEDDER,
    vectorIndex: settings.VECTOR_INDEX,
    databaseUrl: checkedDatabaseUrl(settings.DATABASE_URL),
    databasePollMs: settings.DATABASE_POLL_MS,
    allowedOrigins: list(settings.ALLOWED_ORIGINS),
    allowedHosts: allowedHosts(settings.HOST, list(settings.ALLOWED_HOSTS)),
    frameAncestors: list(settings.FRAME_ANCESTORS),
    dataDirectory: path.resolve(settings.DATA_DIR),
    feedbackMaxBytes: settings.FEEDBACK_MAX_BYTES,
    feedbackKeepFiles: settings.FEEDBACK_KEEP_FILES,
    feedbackStore: feedbackStoreChoice(settings.FEEDBACK_STORE, settings.DATABASE_URL),
    rateLimitPerMinute: settings.RATE_LIMIT_PER_MINUTE,
    rateLimitBurst: settings.RATE_LIMIT_BURST,
    corpusModelId: settings.CORPUS_MODEL_ID,
    maxInFlight: settings.MAX_IN_FLIGHT,
    requestTimeoutMs: settings.REQUEST_TIMEOUT_MS,
    maxBodyBytes: settings.MAX_BODY_BYTES,
    answerCacheEntries: settings.ANSWER_CACHE_ENTRIES,
    apiKey: settings.API_KEY,
    adminKey: settings.ADMIN_KEY,
    trustProxy: settings.TRUST_PROXY,
    answerer: readAnswererChoice(settings),
  };
}

/** DATABASE_URL refused at start-up in words when malformed (it is only connected to later). */
function checkedDatabaseUrl(value: string | undefined): string | undefined {
  if (value !== undefined) parseDatabaseUrl(value);
  return value;
}

/** With a database, feedback goes there unless FEEDBACK_STORE=files; without one, "database" cannot be honoured. */
function feedbackStoreChoice(value: "files" | "database" | undefined, databaseUrl: string | undefined): "files" | "database" {
  if (value === "database" && databaseUrl === undefined) {
    throw new QaError("invalid_parameter", 'Invalid setting FEEDBACK_STORE: "database" needs DATABASE_URL (postgres://user:password@host:5432/database); unset it to store feedback in DATA_DIR');
  }
  return value ?? (databaseUrl === undefined ? "files" : "database");
}

/**
 * The Host names to answer to: ALLOWED_HOSTS when set; on loopback the loopback names (a
 * rebinding page's own name is refused); elsewhere any, since the operator's proxy or DNS
 * names are not known here.
 */
function allowedHosts(host: string, configured: readonly string[]): readonly string[] | undefined {
  if (configured.length > 0) return configured;
  const loopback = host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(host);
  return loopback ? [...new Set([...LOOPBACK_HOSTS, host])] : undefined;
}
