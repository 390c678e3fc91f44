import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IndexCorruptError } from "../../../src/core/errors.js";
import { parseIndexManifest } from "../../../src/core/index/manifest.js";
import { projectRoot } from "../../support/corpus.js";

const committed = JSON.parse(readFileSync(`${projectRoot}index/manifest.json`, "utf8")) as Record<string, unknown> & { files: Record<string, Record<string, unknown>> };

function refusal(json: unknown): Error {
  try {
    parseIndexManifest(json, "index/manifest.json");
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the manifest to be refused");
}

describe("parseIndexManifest", () => {
  it("reads the committed manifest", () => {
    expect(parseIndexManifest(committed, "index/manifest.json").indexHash).toBe(committed.indexHash);
  });

  it.each([
    ["a checksum of the wrong type", { ...committed, files: { ...committed.files, hnsw: { ...committed.files.hnsw, sha256: 42 } } }, "files.hnsw.sha256"],
    ["a missing file entry", { ...committed, files: { ...committed.files, chunks: undefined } }, "files.chunks"],
    ["a missing top-level field", { ...committed, indexHash: undefined }, "indexHash"],
  ])("refuses %s, naming the field and what is wrong with it", (_, json, field) => {
    const error = refusal(json);
    expect(error).toBeInstanceOf(IndexCorruptError);
    expect(error.message).toContain(`(${field}: `);
    expect(error.message).toMatch(/expected \w+, received \w+/u);
    expect(error.message).not.toContain("([)");
    expect(error.message).toContain("npm run ingest");
  });
});
