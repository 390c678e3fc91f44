import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadNodeEngine } from "../../../src/adapters/node/load-engine.js";
import { closeSharedPgvectorStores } from "../../../src/adapters/postgres/open-pgvector-index.js";
import { publishStoredIndex } from "../../../src/adapters/postgres/publish-stored-index.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import { runTypeScript, stackFrames } from "../../support/child-process.js";
import { buildIndexWorkspace, removeTempDirectory, type IndexWorkspace } from "../../support/index-workspace.js";
import { startPgliteServer, type PgliteServer } from "../../support/pglite-server.js";

const QUESTIONS = ["到2026年江津区地区生产总值的目标是多少?", "五大专项行动是哪五个", "森林覆盖率是多少", "乡村振兴", "How fast did the GDP grow per year over the past five years?"];

let server: PgliteServer;
let workspace: IndexWorkspace;

beforeAll(async () => {
  [server, workspace] = await Promise.all([startPgliteServer(), buildIndexWorkspace("pgvector-engine")]);
}, 60_000);

afterAll(async () => {
  await closeSharedPgvectorStores();
  await server?.stop();
  await removeTempDirectory(workspace?.root);
});

describe("DATABASE_URL: the vector leg in pgvector", () => {
  it("refuses to serve before the index's vectors are in the database, saying what to run", async () => {
    const loading = loadNodeEngine({ indexDirectory: workspace.indexDirectory, environment: {}, databaseUrl: server.url });
    await expect(loading).rejects.toMatchObject({ code: "index_missing" });
    await expect(loading).rejects.toThrow("npm run ingest -- --target postgres");
  }, 30_000);

  it("serves the same passages and answers from pgvector as from the files, once the vectors are written", async () => {
    const published = await publishStoredIndex(server.url, workspace.indexDirectory);
    expect(published).toMatchObject({ version: workspace.manifest.indexHash, count: workspace.manifest.chunkCount, reused: false });
    // The same build again is only made current, not rewritten.
    expect((await publishStoredIndex(server.url, workspace.indexDirectory)).reused).toBe(true);

    const fromDatabase = await loadNodeEngine({ indexDirectory: workspace.indexDirectory, environment: {}, databaseUrl: server.url });
    const fromFiles = await loadNodeEngine({ indexDirectory: workspace.indexDirectory, environment: {}, vectorIndex: "brute-force" });
    expect(fromDatabase.engine.retriever.description).toContain("pgvector");
    for (const question of QUESTIONS) {
      const searchText = fromFiles.engine.reader.read(question).searchText;
      const [database, files] = await Promise.all([fromDatabase.engine.retriever.retrieve(searchText, 6), fromFiles.engine.retriever.retrieve(searchText, 6)]);
      expect(database.map((passage) => passage.chunk.id)).toEqual(files.map((passage) => passage.chunk.id));
      database.forEach((passage, rank) => expect(passage.vectorSimilarity).toBeCloseTo(files[rank]!.vectorSimilarity, 5));
      expect((await ask(fromDatabase.engine, { question })).answer).toBe((await ask(fromFiles.engine, { question })).answer);
    }
  }, 60_000);
});

describe("npm run ingest -- --target postgres", () => {
  it("writes index/ and then the vectors to DATABASE_URL, as the version now served", async () => {
    const result = await runTypeScript(
      "src/cli/ingest.ts",
      ["--corpus", workspace.corpusDirectory, "--index", workspace.indexDirectory, "--target", "postgres"],
      { DATABASE_URL: server.url },
      60_000,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`(Wrote|PostgreSQL already held) ${workspace.manifest.chunkCount} vectors as version ${workspace.manifest.indexHash.slice(0, 12)}, now served`, "u"));
  }, 90_000);

  it("refuses --target postgres without DATABASE_URL, or with a malformed one, in one line and exit code 2", async () => {
    const environments: Record<string, string>[] = [{}, { DATABASE_URL: "mysql://db.example.org/qa" }];
    for (const environment of environments) {
      const result = await runTypeScript("src/cli/ingest.ts", ["--corpus", workspace.corpusDirectory, "--index", workspace.indexDirectory, "--target", "postgres"], environment);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/DATABASE_URL/u);
      expect(stackFrames(result.stderr)).toEqual([]);
    }
  }, 60_000);
});
