import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { ingestCorpus } from "../../src/adapters/node/ingest.js";
import type { IndexManifest } from "../../src/core/index/manifest.js";
import type { AskResponse } from "../../src/core/schemas/ask-response.js";
import { projectRoot, reportText } from "./corpus.js";

export const REPORT_SOURCE = "corpus/jiangjin-15th-congress-report.txt";
const CORPUS_FILE = /\.(txt|md|meta\.json|outline\.json|lexicon\.json)$/u;

export function makeTempDirectory(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `jiangjin-${label}-`));
}

export async function removeTempDirectory(directory: string | undefined): Promise<void> {
  if (directory) await rm(directory, { recursive: true, force: true });
}

/** Copies the report with its .meta.json, .outline.json and .lexicon.json sidecars into `target`; never touches corpus/. */
export async function copyCorpus(target: string): Promise<string> {
  const source = join(projectRoot, "corpus");
  for (const name of await readdir(source)) {
    if (CORPUS_FILE.test(name)) await cp(join(source, name), join(target, name));
  }
  return target;
}

/** Every file in a directory (dotfiles included) by name, with its bytes. */
export async function snapshotDirectory(directory: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(directory)).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(directory, name))] as const)));
}

export interface IndexWorkspace {
  readonly root: string;
  readonly corpusDirectory: string;
  readonly indexDirectory: string;
  readonly manifest: IndexManifest;
}

/** A temp copy of the corpus and a hashing index built from it in-process (~0.5 s). */
export async function buildIndexWorkspace(label: string): Promise<IndexWorkspace> {
  const root = await makeTempDirectory(label);
  const corpusDirectory = await copyCorpus(join(root, "corpus"));
  const indexDirectory = join(root, "index");
  const manifest = await ingestCorpus({ corpusDirectory, indexDirectory, embedder: "hashing", environment: {} });
  return { root, corpusDirectory, indexDirectory, manifest };
}

/** Every citation quotes the report exactly at the offsets it gives, inside its chunk. */
export function expectExactCitations(response: AskResponse): void {
  for (const citation of response.citations) {
    expect(citation.source).toBe(REPORT_SOURCE);
    expect(citation.quote.length).toBeGreaterThan(0);
    expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
    expect(citation.quoteStart).toBeGreaterThanOrEqual(citation.chunkStart);
    expect(citation.quoteEnd).toBeLessThanOrEqual(citation.chunkEnd);
  }
}
