import { readdir, stat } from "node:fs/promises";
import * as path from "node:path";
import { QaError } from "../core/errors.js";

/**
 * The gold set's splits: every DIR/<split>/questions.jsonl (eval/dev is tuned on, eval/blind is
 * held out). A split's baseline and thresholds sit beside its questions, so per-split files
 * are named by a path pattern in which {split} stands for the split's name.
 */
export interface Split {
  readonly name: string;
  readonly questionFile: string;
}

export const SPLIT_PLACEHOLDER = "{split}";

// Split names become directory and link names in the report folder: keep them plain.
const SPLIT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/u;
// The split one tunes on first, then the held-out one; any other split after them, by name.
const SPLIT_ORDER = ["dev", "blind"];
const rank = (name: string): number => (SPLIT_ORDER.includes(name) ? SPLIT_ORDER.indexOf(name) : SPLIT_ORDER.length);

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Every split under `directory`, dev first, then blind, then the rest by name. */
export async function findSplits(directory: string): Promise<Split[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    throw new QaError("invalid_parameter", `Split directory ${directory} cannot be read.`);
  }
  const splits: Split[] = [];
  for (const entry of entries) {
    const questionFile = path.join(directory, entry.name, "questions.jsonl");
    if (entry.isDirectory() && SPLIT_NAME.test(entry.name) && (await isFile(questionFile))) splits.push({ name: entry.name, questionFile });
  }
  return splits.sort((left, right) => rank(left.name) - rank(right.name) || left.name.localeCompare(right.name));
}

/** The splits `--split a,b` names (all of them without it), in the order given; an unknown name is a usage error. */
export function selectSplits(found: readonly Split[], wanted: string | undefined, usage: (message: string) => Error): Split[] {
  if (wanted === undefined) return [...found];
  const names = [...new Set(wanted.split(",").map((name) => name.trim()).filter(Boolean))];
  if (names.length === 0) throw usage("--split needs at least one split name.");
  return names.map((name) => {
    const split = found.find((candidate) => candidate.name === name);
    if (!split) throw usage(`--split ${name}: no such split (found ${found.map((candidate) => candidate.name).join(", ") || "none"}).`);
    return split;
  });
}

/** A per-split file from its pattern: eval/{split}/baseline.json → eval/blind/baseline.json. */
export function splitPath(pattern: string, split: string): string {
  return pattern.replaceAll(SPLIT_PLACEHOLDER, split);
}
