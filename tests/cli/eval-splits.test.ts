import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSplits, selectSplits, splitPath } from "../../src/cli/eval-splits.js";
import { makeTempDirectory, removeTempDirectory } from "../support/index-workspace.js";

let root: string;
beforeAll(async () => {
  root = await makeTempDirectory("eval-splits");
  for (const name of ["zeta", "blind", "dev", "no questions", ".hidden"]) await mkdir(join(root, name), { recursive: true });
  for (const name of ["zeta", "blind", "dev", ".hidden"]) await writeFile(join(root, name, "questions.jsonl"), "");
  await writeFile(join(root, "questions.jsonl"), "");
});
afterAll(() => removeTempDirectory(root));

describe("the gold set's splits", () => {
  it("are the folders holding a questions.jsonl: dev first, then blind, then the rest by name", async () => {
    const splits = await findSplits(root);
    expect(splits.map((split) => split.name)).toEqual(["dev", "blind", "zeta"]);
    expect(splits[1]!.questionFile).toBe(join(root, "blind", "questions.jsonl"));
  });

  it("are selected by --split in the order given; an unknown name is a usage error", async () => {
    const splits = await findSplits(root);
    const usage = (message: string) => new Error(message);
    expect(selectSplits(splits, "blind, dev,blind", usage).map((split) => split.name)).toEqual(["blind", "dev"]);
    expect(selectSplits(splits, undefined, usage)).toHaveLength(3);
    expect(() => selectSplits(splits, "test", usage)).toThrow("--split test: no such split (found dev, blind, zeta).");
  });

  it("name their own files by a {split} pattern", () => {
    expect(splitPath("eval/{split}/baseline.json", "blind")).toBe("eval/blind/baseline.json");
  });
});
