import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeMachine } from "../../src/bench/machine.js";
import { BENCH_PARTS, parseBenchOptions } from "../../src/bench/options.js";
import { markdownTable, performanceDocument, type BenchResults } from "../../src/bench/report.js";
import type { PartResult } from "../../src/bench/results.js";
import { benchScalePostgres, type ScalePostgresMeasurement } from "../../src/bench/scale-postgres.js";
import { startBenchDatabase } from "../../src/bench/scale-postgres-database.js";
import { childEnvironment } from "../support/child-process.js";
import { projectRoot } from "../support/corpus.js";

const run = promisify(execFile);

describe("the scale-postgres bench part", () => {
  it("is a part of its own, run by --only scale-postgres at the largest --scales size", () => {
    expect(BENCH_PARTS).toContain("scale-postgres");
    expect([...parseBenchOptions(["--only", "scale-postgres", "--scales", "2,1"]).only]).toEqual(["scale-postgres"]);
  });

  it("refuses a BENCH_DATABASE_URL that is not a postgres:// URL, in words", async () => {
    await expect(startBenchDatabase({ BENCH_DATABASE_URL: "mysql://bench@127.0.0.1/bench" })).rejects.toThrow(/must start with postgres:\/\/ or postgresql:\/\//u);
    await expect(startBenchDatabase({ BENCH_DATABASE_URL: "not a url" })).rejects.toThrow(/DATABASE_URL is not a URL/u);
  });

  describe("at 1× against PGlite (or BENCH_DATABASE_URL)", () => {
    let work: string;
    let result: PartResult;
    let measurement: ScalePostgresMeasurement;

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), "scale-postgres-"));
      // The servers under load are the bundle `npm start` serves.
      await run(process.execPath, ["scripts/build-server.mjs"], { cwd: projectRoot, env: childEnvironment() });
      result = await benchScalePostgres({ scale: 1, rounds: 1, runs: 1, duration: 1, workDirectory: work, logPrefix: "scale-postgres-test" });
      measurement = result.details.measurement as ScalePostgresMeasurement;
    }, 120_000);

    afterAll(async () => {
      if (work) await rm(work, { recursive: true, force: true });
    });

    it("says which database it measured, and PGlite's caveat when it is PGlite", () => {
      const database = result.rows.find((row) => row.metric.endsWith(": database"))!;
      expect(database.value).toBe(process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite (WASM)");
      if (!process.env.BENCH_DATABASE_URL) expect(database.note).toMatch(/upper bound/u);
    });

    it("gives every timing as a real, positive number, the database beside the files", () => {
      const { ingest, query, load } = measurement;
      const timings = [
        ingest.filesSeconds,
        ingest.postgresSeconds,
        query.retrieveMs.files.p50,
        query.retrieveMs.files.p95,
        query.retrieveMs.postgres.p50,
        query.retrieveMs.postgres.p95,
        query.askMs.files.p50,
        query.askMs.postgres.p95,
        query.retrieveMs.ratio,
        query.askMs.ratio,
        load.files.requestsPerSecond,
        load.postgres.requestsPerSecond,
        load.files.p50,
        load.postgres.p95,
        load.postgres.p99,
      ];
      for (const value of timings) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThan(0);
      }
      expect(ingest.postgresReused).toBe(false);
      expect(query.chunks).toBeGreaterThan(0);
      expect(query.retrieveMs.files.p95).toBeGreaterThanOrEqual(query.retrieveMs.files.p50);
      expect(query.sameTopPassages).toBeGreaterThan(query.questions / 2);
    });

    it("measures pgvector's recall@10 against exact search, a share in [0, 1], beside hnswlib's", () => {
      const { pgvector, pgvectorAtMaxEf, hnswlib, recallQueries } = measurement.query;
      expect(recallQueries).toBeGreaterThan(200);
      expect(pgvectorAtMaxEf.efSearch).toBe(1000);
      for (const leg of [pgvector, pgvectorAtMaxEf, hnswlib]) expect(leg.searchMs).toBeGreaterThan(0);
      for (const recall of [pgvector.withTies, pgvector.strict, pgvector.goldWithTies, pgvectorAtMaxEf.withTies, hnswlib.withTies, hnswlib.strict]) {
        expect(recall).toBeGreaterThanOrEqual(0);
        expect(recall).toBeLessThanOrEqual(1);
      }
      // 57 chunks and ef_search 400: the graph search visits everything, so it finds the exact neighbours.
      expect(pgvector.withTies).toBeGreaterThan(0.95);
    });

    it("loads two servers on the database and one on files, every one answering 2xx with answers", () => {
      const { files, postgres } = measurement.load;
      expect(files.storage).toEqual(["files"]);
      expect(postgres.storage).toEqual(["postgres", "postgres"]);
      expect(files.okByServer).toHaveLength(1);
      expect(postgres.okByServer).toHaveLength(2);
      for (const count of [...files.okByServer, ...postgres.okByServer]) expect(count).toBeGreaterThan(0);
      for (const target of [files, postgres]) {
        expect(target.non2xx).toBe(0);
        expect(target.badBodies).toBe(0);
        expect(target.errors).toBe(0);
      }
    });

    it("puts its rows in the bench table and PERFORMANCE.md, with the ratios against the files", () => {
      const results: BenchResults = {
        startedAt: new Date().toISOString(),
        totalSeconds: result.seconds,
        machine: describeMachine(),
        options: { only: ["scale-postgres"], rounds: 1, runs: 1, duration: 1, scales: [1] },
        parts: [result],
      };
      const table = markdownTable(results);
      for (const metric of ["ingest --target postgres", "retrieval p50 / p95, vector leg pgvector", "ask() p50 / p95, database", "pgvector HNSW recall@10 vs exact brute force", "load: two servers sharing the database", "load: two database servers ÷ one file server"]) {
        expect(table).toContain(`| scale-postgres | 1× (${measurement.query.chunks} chunks, 1 documents): ${metric} |`);
      }
      expect(table).toMatch(/\| \d+(\.\d+)?× req\/s, \d+(\.\d+)?× p50 \|/u);
      expect(performanceDocument(results)).toContain("**Scale in PostgreSQL** (`--only scale-postgres`");
    });
  });
});
