import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { parseDatabaseUrl } from "../../../src/adapters/postgres/database-url.js";
import { PgvectorStore } from "../../../src/adapters/postgres/pgvector-store.js";
import { QaError } from "../../../src/core/errors.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

async function failure(promise: Promise<unknown>): Promise<QaError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(QaError);
  return error as QaError;
}

/** A loopback port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("DATABASE_URL and the PostgreSQL server, when they are wrong", () => {
  it("refuses a DATABASE_URL that is not a postgres:// URL with a host, saying what is expected", async () => {
    for (const url of ["not a url", "http://db.example.org/qa", "postgres://"]) {
      expect(() => parseDatabaseUrl(url)).toThrow(QaError);
      const error = await failure(PgvectorStore.connect({ url }));
      expect(error.code).toBe("invalid_parameter");
      expect(error.message).toContain("DATABASE_URL");
    }
  });

  it("says nothing is listening at an unreachable server, naming host, port and database but not the password", async () => {
    const port = await closedPort();
    const error = await failure(PgvectorStore.connect({ url: `postgres://qa:secret-password@127.0.0.1:${port}/reports`, connectTimeoutMs: 2_000 }));
    expect(error.code).toBe("storage_unavailable");
    expect(error.message).toBe(`Cannot use the PostgreSQL database at 127.0.0.1:${port}/reports: nothing is listening there (is PostgreSQL running?).`);
    expect(error.message).not.toContain("secret-password");
  });

  describe("a database without the vector extension", () => {
    let server: PgliteServer;
    beforeAll(async () => {
      server = await startPgliteServer({ vector: false });
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    it("is refused with how to get pgvector, and none of our tables is left behind", async () => {
      const error = await failure(PgvectorStore.connect({ url: server.url }));
      expect(error.code).toBe("feature_unavailable");
      expect(error.message).toContain(`The PostgreSQL database at 127.0.0.1:${server.port}/postgres has no pgvector extension`);
      expect(error.message).toContain("https://github.com/pgvector/pgvector");
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        expect((await client.query("SELECT to_regnamespace('jiangjin_qa') AS schema")).rows[0]).toEqual({ schema: null });
      } finally {
        await client.end();
      }
    }, 30_000);
  });
});
