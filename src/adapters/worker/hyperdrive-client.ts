import type pg from "pg";
import { QaError } from "../../core/errors.js";
import { postgresError } from "../postgres/postgres-connection.js";

/** What Cloudflare puts in a Worker's environment for a [[hyperdrive]] binding (the part we use). */
export interface HyperdriveBinding {
  /** A connection string to Hyperdrive's pool (credentials included): passed to pg, never shown. */
  readonly connectionString: string;
}

/** How every message names the database: by its binding, never by the connection string (it carries credentials). */
export const HYPERDRIVE_WHERE = "HYPERDRIVE (the Worker's Hyperdrive binding)";

export interface HyperdriveClientSettings {
  /** Longest wait for the connection: an unreachable database is an error in seconds, not at the runtime's limit. */
  readonly connectTimeoutMs?: number;
  /** Longest wait for any one statement. */
  readonly queryTimeoutMs?: number;
}

/** The binding checked to be one: a plain [vars] entry named HYPERDRIVE is a configuration mistake, named as such. */
export function checkedHyperdriveBinding(value: unknown): HyperdriveBinding {
  const connectionString = (value as { connectionString?: unknown } | null)?.connectionString;
  if (typeof connectionString !== "string" || !connectionString) {
    throw new QaError("invalid_parameter", "HYPERDRIVE is not a Hyperdrive binding (it has no connectionString): declare it under [[hyperdrive]] in wrangler.toml, not under [vars].");
  }
  return { connectionString };
}

/**
 * Runs `work` on a new pg.Client over the binding and closes it. One client per use, never kept:
 * a Worker may not use a socket opened for one request in another, and Hyperdrive pools the real
 * database connections on its side, so a new client is cheap (Cloudflare's advice for pg).
 * Failures become storage_unavailable errors naming the binding, without credentials.
 */
export async function withHyperdriveClient<T>(binding: HyperdriveBinding, work: (client: pg.Client) => Promise<T>, settings: HyperdriveClientSettings = {}): Promise<T> {
  // Loaded here, not at the top: a Worker without the binding never evaluates pg.
  const { default: postgres } = await import("pg");
  const client = new postgres.Client({
    connectionString: binding.connectionString,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 5_000,
    query_timeout: settings.queryTimeoutMs ?? 20_000,
  });
  // A connection dropped while idle is an 'error' event; unhandled it would be an uncaught exception.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    throw hyperdriveError(error, binding);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** postgresError's clear reason, with the binding as the place and the connection string's secrets removed from any driver text. */
function hyperdriveError(error: unknown, binding: HyperdriveBinding): QaError {
  const mapped = postgresError(error, HYPERDRIVE_WHERE);
  const secrets = secretsOf(binding.connectionString);
  const message = secrets.reduce((text, secret) => text.split(secret).join("…"), mapped.message);
  return message === mapped.message ? mapped : new QaError(mapped.code, message, { cause: mapped.cause });
}

/** The connection string itself and its password, the texts no message may carry. */
function secretsOf(connectionString: string): string[] {
  let password = "";
  try {
    password = decodeURIComponent(new URL(connectionString).password);
  } catch {
    // Not a URL: only the whole string is withheld.
  }
  return [connectionString, ...(password.length >= 4 ? [password] : [])];
}
