import { afterAll, beforeAll } from "vitest";
import { PgvectorStore } from "../../src/adapters/postgres/pgvector-store.js";
import { startPgliteServer, type PgliteServer } from "./pglite-server.js";

/** A PGlite Postgres with pgvector and one PgvectorStore on it, for a whole test file. */
export interface PgvectorSuite {
  readonly server: PgliteServer;
  readonly store: PgvectorStore;
}

/**
 * Starts the database and connects a store before the file's tests, and closes both after
 * them (registered as the file's beforeAll/afterAll hooks). Read its fields inside tests or
 * later hooks: they are set once the first hook has run.
 */
export function pgvectorSuite(): PgvectorSuite {
  let server: PgliteServer | undefined;
  let store: PgvectorStore | undefined;
  beforeAll(async () => {
    server = await startPgliteServer();
    store = await PgvectorStore.connect({ url: server.url });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("pgvectorSuite: the database is not started yet (read it inside a test or hook)");
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get store() {
      return started(store);
    },
  };
}
