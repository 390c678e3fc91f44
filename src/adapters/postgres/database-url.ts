import { QaError } from "../../core/errors.js";

/**
 * DATABASE_URL checked without loading the Postgres client, so configuration can refuse a bad
 * one at start-up while the default file-backed path never imports `pg`.
 */
export function parseDatabaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new QaError("invalid_parameter", "DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database.");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new QaError("invalid_parameter", `DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}//.`);
  }
  if (!url.hostname) throw new QaError("invalid_parameter", "DATABASE_URL names no host; expected postgres://user:password@host:5432/database.");
  return url;
}

/** host:port/database of a URL, without its user or password: what error messages name. */
export function describeDatabase(url: URL): string {
  return `${url.hostname}:${url.port || "5432"}${url.pathname.length > 1 ? url.pathname : "/"}`;
}
