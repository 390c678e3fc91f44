import { describe, expect, it } from "vitest";
import pg from "pg";
import { randomUnitVectors, records, testVectorIndex } from "../../contracts/vector-index-contract.js";
import { pgvectorSuite } from "../../support/pgvector-suite.js";

const database = pgvectorSuite();

let versions = 0;

// Each index of the contract is a fresh version in the same database, as ingest writes them.
testVectorIndex("PgvectorVectorIndex", async (dimensions) => database.store.createVersion(`contract-${++versions}`, dimensions), {
  exact: false,
  minimumRecall: 0.95,
  timeoutMs: 20_000,
});

describe("PgvectorVectorIndex in PostgreSQL", () => {
  it("serves a published version through that version's own HNSW graph, with hnsw.ef_search set for the search only", async () => {
    const index = await database.store.createVersion("graph-check", 8);
    await index.upsert(records(randomUnitVectors(2_000, 8, 5)));
    await database.store.publish("graph-check");
    const client = new pg.Client({ connectionString: database.server.url });
    await client.connect();
    try {
      const key = (await client.query<{ version_key: number }>("SELECT version_key FROM jiangjin_qa.vector_versions WHERE version = 'graph-check'")).rows[0]!.version_key;
      const indexes = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE schemaname = 'jiangjin_qa' AND indexname = $1", [`vectors_hnsw_${key}`]);
      expect(indexes.rows[0]?.indexdef).toMatch(/USING hnsw .*vector_cosine_ops.*WHERE \(version_key = \d+\)/u);
      const plan = await client.query(
        `EXPLAIN SELECT chunk_id FROM jiangjin_qa.vectors WHERE version_key = ${key} ORDER BY embedding::vector(8) <=> '[1,0,0,0,0,0,0,0]'::vector(8) LIMIT 5`,
      );
      expect(plan.rows.map((row: Record<string, string>) => Object.values(row)[0]).join("\n")).toContain(`vectors_hnsw_${key}`);
      // SET LOCAL lasted for the search's own statement only: the session keeps pgvector's default.
      await index.search(randomUnitVectors(1, 8, 6)[0]!, 3);
      expect((await client.query("SHOW hnsw.ef_search")).rows[0]).toEqual({ "hnsw.ef_search": "40" });
    } finally {
      await client.end();
    }
  }, 30_000);

  it("refuses a vector holding NaN before anything is written", async () => {
    const index = await database.store.createVersion("not-a-number", 2);
    await expect(index.upsert([{ id: "a", vector: [1, 0] }, { id: "b", vector: [Number.NaN, 0] }])).rejects.toMatchObject({ code: "invalid_parameter" });
    expect(await index.size()).toBe(0);
  }, 20_000);

  it("stores a batch larger than one INSERT in one transaction, every row once", async () => {
    const index = await database.store.createVersion("large-batch", 4);
    const stored = records(randomUnitVectors(1_234, 4, 9));
    await index.upsert(stored);
    expect(await index.size()).toBe(1_234);
    expect((await index.search(stored[1_200]!.vector, 1))[0]?.chunkId).toBe(stored[1_200]!.id);
  }, 30_000);
});
