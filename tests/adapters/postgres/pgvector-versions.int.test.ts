import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { PgvectorStore } from "../../../src/adapters/postgres/pgvector-store.js";
import type { PgvectorVectorIndex } from "../../../src/adapters/postgres/pgvector-vector-index.js";
import { randomUnitVectors, records } from "../../contracts/vector-index-contract.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

const DIMENSIONS = 8;
const oldRecords = records(randomUnitVectors(300, DIMENSIONS, 1), "old");
const newRecords = records(randomUnitVectors(1_234, DIMENSIONS, 2), "new");
const queries = randomUnitVectors(5, DIMENSIONS, 3);

let server: PgliteServer;
let writer: PgvectorStore;
/** A second pool, as another server process reading the same database would have. */
let reader: PgvectorStore;

async function servedIds(store: PgvectorStore): Promise<{ version: string | undefined; prefixes: Set<string> }> {
  const index = await store.current();
  const prefixes = new Set<string>();
  for (const query of queries) for (const match of (await index?.search(query, 10)) ?? []) prefixes.add(match.chunkId.split("-")[0]!);
  return { version: index?.version, prefixes };
}

async function hnswIndexes(): Promise<string[]> {
  const rows = await writer.pool.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'jiangjin_qa' AND indexname LIKE 'vectors_hnsw_%'");
  return rows.rows.map((row) => row.indexname).sort();
}

beforeAll(async () => {
  server = await startPgliteServer();
  writer = await PgvectorStore.connect({ url: server.url });
  reader = await PgvectorStore.connect({ url: server.url });
  const first = await writer.createVersion("v1", DIMENSIONS);
  await first.upsert(oldRecords);
  await writer.publish("v1", oldRecords.length);
}, 60_000);

afterAll(async () => {
  await reader?.close();
  await writer?.close();
  await server?.stop();
});

describe("PgvectorStore versions", () => {
  it("keeps readers on the old version while a new one is written, and moves them over at the swap", async () => {
    const pinned = (await reader.current())!;
    expect(await servedIds(reader)).toEqual({ version: "v1", prefixes: new Set(["old"]) });
    const next = await writer.createVersion("v2", DIMENSIONS);
    // The writer's batches (each its own transaction) and the readers' searches interleave.
    const seenDuringIngest: { version: string | undefined; prefixes: Set<string> }[] = [];
    const writing = (async () => {
      for (let offset = 0; offset < newRecords.length; offset += 300) await next.upsert(newRecords.slice(offset, offset + 300));
    })();
    const reading = (async () => {
      for (let round = 0; round < 6; round++) seenDuringIngest.push(await servedIds(reader));
    })();
    await Promise.all([writing, reading]);
    expect(await next.size()).toBe(newRecords.length);
    for (const seen of [...seenDuringIngest, await servedIds(reader)]) expect(seen).toEqual({ version: "v1", prefixes: new Set(["old"]) });

    await writer.publish("v2", newRecords.length);
    expect(await servedIds(reader)).toEqual({ version: "v2", prefixes: new Set(["new"]) });
    // A reader that opened the old version finishes on it: the previous version is kept.
    expect((await pinned.search(queries[0]!, 3)).every((match) => match.chunkId.startsWith("old-"))).toBe(true);
  }, 60_000);

  it("leaves the served version serving when an ingest fails part-way, storing none of the failed batch", async () => {
    const served = await reader.currentVersion();
    // A pool whose connection fails on the second INSERT of a write: the fault of a server
    // that goes away mid-ingest, injected where the adapter sees it.
    const failing = new pg.Pool({ connectionString: server.url, max: 2 });
    let inserts = 0;
    const wrapped = new WeakSet<object>();
    const connect = failing.connect.bind(failing) as () => Promise<pg.PoolClient>;
    (failing as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
      const client = await connect();
      if (!wrapped.has(client)) {
        wrapped.add(client);
        const query = client.query.bind(client) as (...parts: unknown[]) => Promise<unknown>;
        (client as unknown as { query: (...parts: unknown[]) => Promise<unknown> }).query = (...parts: unknown[]) =>
          typeof parts[0] === "string" && parts[0].startsWith("INSERT INTO jiangjin_qa.vectors") && ++inserts === 2
            ? Promise.reject(Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" }))
            : query(...parts);
      }
      return client;
    };
    const failingStore = await PgvectorStore.attach(failing, "test-server");
    try {
      const broken = await failingStore.createVersion("v3-broken", DIMENSIONS);
      const error = await broken.upsert(newRecords).then(() => undefined, (caught: unknown) => caught);
      expect(error).toMatchObject({ code: "storage_unavailable" });
      expect((error as Error).message).toContain("test-server");
      expect(inserts).toBe(2);
      // The first batch of 500 was rolled back with the second.
      expect(await broken.size()).toBe(0);
      expect(await reader.currentVersion()).toBe(served);
      expect((await servedIds(reader)).prefixes).toEqual(new Set(["new"]));
      const before = await hnswIndexes();
      await writer.discard("v3-broken");
      expect((await hnswIndexes()).length).toBe(before.length - 1);
      await expect(reader.open("v3-broken")).rejects.toMatchObject({ code: "index_missing" });
    } finally {
      await failing.end();
    }
  }, 60_000);

  it("refuses to publish a version holding another number of vectors than written, keeping the old one", async () => {
    const short = await writer.createVersion("v4-short", DIMENSIONS);
    await short.upsert(oldRecords.slice(0, 10));
    await expect(writer.publish("v4-short", 11)).rejects.toMatchObject({ code: "index_corrupt" });
    expect(await reader.currentVersion()).toBe("v2");
    await writer.discard("v4-short");
  }, 30_000);

  it("refuses to discard the served version or to rewrite a published one, and restarts an abandoned one", async () => {
    await expect(writer.discard("v2")).rejects.toMatchObject({ code: "invalid_parameter" });
    await expect(writer.createVersion("v1", DIMENSIONS)).rejects.toMatchObject({ code: "invalid_parameter" });
    const abandoned = await writer.createVersion("v5", DIMENSIONS);
    await abandoned.upsert(oldRecords.slice(0, 5));
    const restarted = await writer.createVersion("v5", DIMENSIONS);
    expect(await restarted.size()).toBe(0);
    await writer.discard("v5");
    expect(await reader.currentVersion()).toBe("v2");
  }, 30_000);

  it("keeps a version replaced moments ago, beyond the newest two: a server polling for versions may still serve it", async () => {
    const third = await writer.createVersion("v6", DIMENSIONS);
    await third.upsert(oldRecords);
    await writer.publish("v6", oldRecords.length);
    // v1 was replaced by v2 a moment ago (this file's first test): within the grace period it stays.
    expect(await writer.prune(2)).toEqual([]);
    expect((await reader.open("v1")).version).toBe("v1");
  }, 30_000);

  it("prunes published versions beyond the newest two once replaced long enough ago, with their graphs, never the served one", async () => {
    expect(await writer.prune(2, 0)).toEqual(["v1"]);
    await expect(reader.open("v1")).rejects.toMatchObject({ code: "index_missing" });
    expect(await reader.currentVersion()).toBe("v6");
    expect((await reader.open("v2")).version).toBe("v2");
    expect(await hnswIndexes()).toHaveLength(2);
    expect(await writer.prune(1, 0)).toEqual(["v2"]);
    expect(await reader.currentVersion()).toBe("v6");
    const served: PgvectorVectorIndex = (await reader.current())!;
    expect(await served.size()).toBe(oldRecords.length);
  }, 30_000);
});
