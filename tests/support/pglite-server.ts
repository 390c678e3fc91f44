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
 * connection is inside an explicit transaction the others wait for it to end. It does not keep
 * an extended-protocol query (Parse, Bind, Describe, Execute … Sync) together, so two
 * connections querying with parameters at once would run each other's unnamed portals ("portal
 * does not exist") — which a real server, one session per connection, never does.
 * `keepExtendedQueriesWhole` makes a sequence wait for its Sync like a transaction.
 */
export async function startPgliteServer(options: { readonly vector?: boolean } = {}): Promise<PgliteServer> {
  const database = await PGlite.create(options.vector === false ? {} : { extensions: { vector } });
  const server = new PGLiteSocketServer({ db: database, host: "127.0.0.1", port: 0, maxConnections: 32 });
  keepExtendedQueriesWhole(server);
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

/** Extended-protocol messages that leave a query unfinished until Sync (frontend message types). */
const UNTIL_SYNC = new Set(["P", "B", "D", "E", "C", "H"].map((letter) => letter.charCodeAt(0)));

/**
 * pglite-socket's queue serves the connection that ran the last message first while the
 * database reports a transaction; reporting one also from a Parse to its Sync gives an
 * extended query the same treatment. Reaches into the queue's private database handle: the
 * package has no option for this (0.2.17).
 */
function keepExtendedQueriesWhole(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: { db: PGlite } }).queryQueue;
  const database = queue.db;
  let midQuery = false;
  queue.db = new Proxy(database, {
    get(target, property) {
      if (property === "isInTransaction") return () => target.isInTransaction() || midQuery;
      if (property === "execProtocolRawStream") {
        return (message: Uint8Array, options: Parameters<PGlite["execProtocolRawStream"]>[1]) => {
          midQuery = UNTIL_SYNC.has(message[0] ?? 0);
          return target.execProtocolRawStream(message, options);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
