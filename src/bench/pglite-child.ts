/**
 * PGlite + pgvector over the Postgres wire protocol, in a process of its own, for the
 * scale-postgres bench when no BENCH_DATABASE_URL is given:
 *
 *   node --import tsx src/bench/pglite-child.ts
 *
 * Prints one JSON line `{"url": "postgres://…"}` once it listens, then serves until SIGTERM.
 * Its own process so that the database's single WASM thread neither competes with the bench's
 * load generator on one event loop nor is measured as part of the bench's memory. The starter
 * is the tests' (tests/support/pglite-server.ts), imported as is: it holds the pglite-socket
 * fix-up (extended queries kept whole) that several connections need.
 */
import { startPgliteServer } from "../../tests/support/pglite-server.js";

async function main(): Promise<void> {
  const server = await startPgliteServer();
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // The bench going away (its end of stdin closes) ends the database too, so none is left behind.
  process.stdin.on("end", stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`pglite-child: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
