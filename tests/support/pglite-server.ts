import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface PgliteServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres — what DATABASE_URL would be. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL (PGlite, Postgres compiled to WASM, in this process) served over the
 * Postgres wire protocol on a free loopback port, so adapters under test connect with the
 * ordinary `pg` client exactly as they would to a managed database. With `vector: false` it
 * lacks pgvector (the "database without the extension" case).
 *
 * PGlite is one backend: pglite-socket queues the connections' messages, and while one
 * connection is inside an explicit transaction the others wait for it to end.
 */
export async function startPgliteServer(options: { readonly vector?: boolean } = {}): Promise<PgliteServer> {
  const database = await PGlite.create(options.vector === false ? {} : { extensions: { vector } });
  const server = new PGLiteSocketServer({ db: database, host: "127.0.0.1", port: 0, maxConnections: 32 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`pglite-socket reported ${server.getServerConn()}, not a port.`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await server.stop();
      await database.close();
    },
  };
}
