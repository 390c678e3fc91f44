import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../support/corpus.js";
import { runTypeScript, stackFrames } from "../support/child-process.js";
import { makeTempDirectory, removeTempDirectory } from "../support/index-workspace.js";

let workspace: string;

beforeAll(async () => {
  workspace = await makeTempDirectory("eval-lexical-cli");
  // A small split of dev questions: seven with evidence and one unanswerable.
  const lines = (await readFile(`${projectRoot}eval/dev/questions.jsonl`, "utf8")).split("\n").filter(Boolean);
  const answerable = lines.filter((line) => JSON.parse(line).answerable === true).slice(0, 7);
  const unanswerable = lines.filter((line) => JSON.parse(line).answerable === false).slice(0, 1);
  await mkdir(join(workspace, "eval", "dev"), { recursive: true });
  await writeFile(join(workspace, "eval", "dev", "questions.jsonl"), `${[...answerable, ...unanswerable].join("\n")}\n`);
});
afterAll(() => removeTempDirectory(workspace));

interface Leg {
  leg: string;
  lexical: { questions: number; recall: Record<string, number>; mrrAt10: number };
  hybrid: { questions: number; recall: Record<string, number> };
  latencyMs: { p50: number; p95: number };
}

describe("npm run eval:lexical (BM25 against PostgreSQL ts_rank over our tokens)", () => {
  it("ranks the committed index's chunks every way, checks the tokens and the fusion against the served retriever, and names the dev winner", async () => {
    const result = await runTypeScript("src/cli/eval-lexical.ts", ["--eval-dir", join(workspace, "eval"), "--rounds", "1", "--json"], {}, 120_000);
    expect(stackFrames(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      database: string;
      checks: { tokensAgree: number; fusionAgrees: number; questions: number };
      best: { overall: string; tsRank: string; tsRankCd: string };
      splits: { split: string; questions: number; withoutEvidence: number; legs: Leg[] }[];
    };
    expect(summary.database).toMatch(/PGlite/u);
    expect(summary.checks).toEqual({ tokensAgree: 7, fusionAgrees: 7, questions: 7 });
    const [dev] = summary.splits;
    expect(dev).toMatchObject({ split: "dev", questions: 8, withoutEvidence: 1 });
    expect(dev!.legs.map((leg) => leg.leg)).toEqual([
      "bm25 (in memory, as served)",
      ...[0, 1, 2, 8, 16].map((bits) => `ts_rank norm ${bits}`),
      ...[0, 1, 2, 4, 8, 16].map((bits) => `ts_rank_cd norm ${bits}`),
    ]);
    for (const leg of dev!.legs) {
      expect(leg.lexical.questions).toBe(7);
      for (const value of [...Object.values(leg.lexical.recall), leg.lexical.mrrAt10, ...Object.values(leg.hybrid.recall)]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(leg.latencyMs.p50).toBeGreaterThan(0);
    }
    expect(summary.best.tsRank).toMatch(/^ts_rank norm/u);
    expect(summary.best.tsRankCd).toMatch(/^ts_rank_cd norm/u);
  }, 150_000);

  it("refuses bad options with a usage error, not a stack trace", async () => {
    const rounds = await runTypeScript("src/cli/eval-lexical.ts", ["--eval-dir", join(workspace, "eval"), "--rounds", "0"]);
    expect(rounds.code).toBe(2);
    expect(rounds.stderr).toMatch(/--rounds must be a whole number/u);
    const split = await runTypeScript("src/cli/eval-lexical.ts", ["--eval-dir", join(workspace, "eval"), "--split", "blind"]);
    expect(split.code).toBe(2);
    expect(split.stderr).toMatch(/--split blind: no such split \(found dev\)/u);
    const url = await runTypeScript("src/cli/eval-lexical.ts", ["--eval-dir", join(workspace, "eval"), "--database-url", "mysql://nope"]);
    expect(url.code).toBe(2);
    expect(stackFrames(url.stderr)).toEqual([]);
    expect(url.stderr).toMatch(/--database-url: must start with postgres:\/\/ or postgresql:\/\//u);
  }, 90_000);
});
