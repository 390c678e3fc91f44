import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadEnglishDictionary } from "../../../src/adapters/node/cc-cedict-dictionary.js";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { projectRoot } from "../../support/corpus.js";

const source = JSON.parse(readFileSync(`${projectRoot}src/adapters/node/data/cc-cedict/source.json`, "utf8")) as { headwords: number; sha256: string; package: string };

describe("the vendored CC-CEDICT extract", () => {
  it("is the pinned package's data, checked against its recorded checksum", async () => {
    const dictionary = await loadEnglishDictionary();
    expect(dictionary.entries.size).toBe(source.headwords);
    expect(dictionary.source).toMatchObject({ id: "cc-cedict", sha256: source.sha256, version: source.package, licence: expect.stringContaining("CC BY-SA 4.0") });
    expect(dictionary.entries.get("森林")).toContain("forest");
  });

  // Ingest matches the headwords against the normalised corpus as they are: if the
  // normalisation changes, the extract must be written again (npx tsx scripts/vendor-cc-cedict.ts).
  it("holds its headwords in the form the current normalisation gives", async () => {
    const dictionary = await loadEnglishDictionary();
    const changed = [...dictionary.entries.keys()].filter((headword) => normalizeText(headword) !== headword);
    expect(changed.slice(0, 10)).toEqual([]);
  });
});
