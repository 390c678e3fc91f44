import { beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { TsvectorLexicalSearch } from "../../../src/adapters/postgres/tsvector-lexical-search.js";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { tokenize } from "../../../src/core/text/tokenize.js";
import { pgvectorSuite } from "../../support/pgvector-suite.js";

const database = pgvectorSuite();

let lexical: TsvectorLexicalSearch;

const tokens = (text: string): string[] => tokenize(normalizeText(text));
const chunk = (chunkId: string, text: string) => ({ chunkId, tokens: tokens(text) });

beforeAll(async () => {
  lexical = await TsvectorLexicalSearch.attach(database.store);
}, 60_000);

describe("TsvectorLexicalSearch in PostgreSQL", () => {
  it("stores our own tokens as the lexemes (no Postgres parser) and ranks by any query token", async () => {
    await database.store.createVersion("ranks", 2);
    await lexical.writeVersion("ranks", [
      chunk("roads", "建设水公铁综合交通枢纽"),
      chunk("gdp", "地区生产总值年均增长8.2%，达到1200亿元"),
      chunk("schools", "新建学校十所"),
    ]);
    const version = await lexical.open("ranks");
    for (const ranking of [{ function: "ts_rank", normalization: 0 }, { function: "ts_rank_cd", normalization: 0 }] as const) {
      // 水公铁 is in no dictionary: only bigram lexemes (水公, 公铁) can find it.
      const roads = await version.search(tokens("水公铁"), 10, ranking);
      expect(roads.map((hit) => hit.chunkId)).toEqual(["roads"]);
      expect(roads[0]!.score).toBeGreaterThan(0);
      // A number stays whole: 8.2 matches the chunk holding 8.2, and 8 alone matches nothing.
      expect((await version.search(tokens("增速8.2"), 10, ranking)).map((hit) => hit.chunkId)).toEqual(["gdp"]);
      expect(await version.search(["8"], 10, ranking)).toEqual([]);
      // OR: each chunk holding any token comes back, the one holding more of them first.
      const both = await version.search(tokens("学校 生产总值 增长"), 10, ranking);
      expect(both.map((hit) => hit.chunkId)).toEqual(["gdp", "schools"]);
      expect(both[0]!.score).toBeGreaterThan(both[1]!.score);
    }
    // The stored vector holds the tokens with their places in the token stream.
    const client = new pg.Client({ connectionString: database.server.url });
    await client.connect();
    try {
      const stored = await client.query<{ tokens: string }>(
        "SELECT tokens::text AS tokens FROM jiangjin_qa.lexical_tokens WHERE chunk_id = 'schools' AND version_key = $1",
        [version.versionKey],
      );
      // 新建学校十所 → 新 新建 建 建学 学 学校 校 校十 十 十所 所, at places 1–11.
      const lexemes = new Set(stored.rows[0]!.tokens.split(" "));
      expect(lexemes).toEqual(new Set(["'新':1", "'新建':2", "'建':3", "'建学':4", "'学':5", "'学校':6", "'校':7", "'校十':8", "'十':9", "'十所':10", "'所':11"]));
    } finally {
      await client.end();
    }
  }, 30_000);

  it("returns at most k, best first, ties broken by index position", async () => {
    await database.store.createVersion("ties", 2);
    await lexical.writeVersion("ties", [chunk("c0", "港口"), chunk("c1", "港口"), chunk("c2", "港口港口港口"), chunk("c3", "港口")]);
    const version = await lexical.open("ties");
    const top = await version.search(["港口"], 3, { function: "ts_rank", normalization: 0 });
    expect(top.map((hit) => hit.chunkId)).toEqual(["c2", "c0", "c1"]);
  }, 30_000);

  it("normalization by document length changes the order: a long chunk mentioning a term once falls behind a short one", async () => {
    await database.store.createVersion("lengths", 2);
    const long = `港口${"发展经济建设城市乡村振兴".repeat(20)}`;
    await lexical.writeVersion("lengths", [chunk("long", `${long}港口`), chunk("short", "港口")]);
    const version = await lexical.open("lengths");
    const plain = await version.search(["港口"], 2, { function: "ts_rank_cd", normalization: 0 });
    const byLength = await version.search(["港口"], 2, { function: "ts_rank_cd", normalization: 2 });
    expect(plain[0]!.chunkId).toBe("long");
    expect(byLength[0]!.chunkId).toBe("short");
  }, 30_000);

  it("rewriting a version replaces its rows, other versions untouched; discarding the version removes them", async () => {
    await database.store.createVersion("rewrite-a", 2);
    await database.store.createVersion("rewrite-b", 2);
    await lexical.writeVersion("rewrite-a", [chunk("old", "旧城改造")]);
    await lexical.writeVersion("rewrite-b", [chunk("other", "旧城改造")]);
    await lexical.writeVersion("rewrite-a", [chunk("new", "新城建设")]);
    const a = await lexical.open("rewrite-a");
    const ranking = { function: "ts_rank", normalization: 0 } as const;
    expect(await a.search(tokens("改造"), 10, ranking)).toEqual([]);
    expect((await a.search(tokens("建设"), 10, ranking)).map((hit) => hit.chunkId)).toEqual(["new"]);
    const b = await lexical.open("rewrite-b");
    expect((await b.search(tokens("改造"), 10, ranking)).map((hit) => hit.chunkId)).toEqual(["other"]);
    await database.store.discard("rewrite-a");
    const client = new pg.Client({ connectionString: database.server.url });
    await client.connect();
    try {
      const left = await client.query<{ count: number }>("SELECT count(*)::int AS count FROM jiangjin_qa.lexical_tokens WHERE version_key = $1", [a.versionKey]);
      expect(left.rows[0]?.count).toBe(0);
    } finally {
      await client.end();
    }
  }, 30_000);

  it("keeps tokens holding quotes and backslashes literally, and stores more chunks than one batch", async () => {
    await database.store.createVersion("escapes", 2);
    const many = Array.from({ length: 23 }, (_, index) => ({ chunkId: `c${index}`, tokens: [`word${index}`] }));
    await lexical.writeVersion("escapes", [{ chunkId: "quoted", tokens: ["it's", "a\\b", "x:1"] }, ...many], { batchSize: 5 });
    const version = await lexical.open("escapes");
    const ranking = { function: "ts_rank", normalization: 0 } as const;
    expect((await version.search(["it's"], 5, ranking)).map((hit) => hit.chunkId)).toEqual(["quoted"]);
    expect((await version.search(["a\\b"], 5, ranking)).map((hit) => hit.chunkId)).toEqual(["quoted"]);
    expect((await version.search(["x:1"], 5, ranking)).map((hit) => hit.chunkId)).toEqual(["quoted"]);
    expect((await version.search(["word22", "word0"], 5, ranking)).map((hit) => hit.chunkId).sort()).toEqual(["c0", "c22"]);
  }, 30_000);

  it("creates its table once however many processes attach at the same time, keeping what is stored", async () => {
    await database.store.createVersion("attach", 2);
    await lexical.writeVersion("attach", [chunk("kept", "港口")]);
    const again = await Promise.all([TsvectorLexicalSearch.attach(database.store), TsvectorLexicalSearch.attach(database.store)]);
    const version = await again[1].open("attach");
    expect((await version.search(["港口"], 5, { function: "ts_rank", normalization: 0 })).map((hit) => hit.chunkId)).toEqual(["kept"]);
  }, 30_000);

  it("answers bad input with a clear error and an empty query with no hits", async () => {
    await expect(lexical.open("no-such-version")).rejects.toMatchObject({ code: "index_missing" });
    await expect(lexical.writeVersion("no-such-version", [chunk("a", "港口")])).rejects.toMatchObject({ code: "index_missing" });
    await database.store.createVersion("inputs", 2);
    await expect(lexical.writeVersion("inputs", [chunk("a", "港口"), chunk("a", "码头")])).rejects.toMatchObject({ code: "invalid_parameter" });
    await expect(lexical.writeVersion("inputs", [chunk("a", "港口")], { batchSize: 0 })).rejects.toMatchObject({ code: "invalid_parameter" });
    await lexical.writeVersion("inputs", [chunk("a", "港口")]);
    const version = await lexical.open("inputs");
    const ranking = { function: "ts_rank", normalization: 0 } as const;
    await expect(version.search(["港口"], 0, ranking)).rejects.toMatchObject({ code: "invalid_parameter" });
    await expect(version.search(["港口"], 5, { function: "ts_rank", normalization: 64 })).rejects.toMatchObject({ code: "invalid_parameter" });
    await expect(version.search(["港口"], 5, { function: "drop table" as "ts_rank", normalization: 0 })).rejects.toMatchObject({ code: "invalid_parameter" });
    expect(await version.search([], 5, ranking)).toEqual([]);
    expect(await version.search(tokens("，。！"), 5, ranking)).toEqual([]);
  }, 30_000);
});
