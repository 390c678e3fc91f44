import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../../src/adapters/node/corpus-reader.js";
import { QaError } from "../../../src/core/errors.js";
import { projectRoot } from "../../support/corpus.js";

const directories: string[] = [];
afterAll(() => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))));

async function corpusWith(sidecar: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "jiangjin-sidecar-"));
  directories.push(directory);
  await writeFile(join(directory, "report.txt"), "江津区地区生产总值达1800亿元。\n");
  await writeFile(join(directory, "report.lexicon.json"), sidecar);
  return directory;
}

describe("the .lexicon.json sidecar", () => {
  it("is read with the report: subject place, parent city, time frame, its own terms", async () => {
    const [document] = await readCorpus(`${projectRoot}corpus`);
    expect(document?.lexicon?.subject).toMatchObject({ place: "江津区", forms: ["江津"], parents: ["重庆市"] });
    expect(document?.lexicon?.timeFrame?.periods).toContainEqual({ name: "未来五年", from: 2021, to: 2026 });
    expect(document?.lexicon?.terms).toContainEqual(expect.objectContaining({ from: "五年后", to: ["到2026年"] }));
  });

  it("is optional, and missing lists default to empty", async () => {
    const [document] = await readCorpus(await corpusWith(JSON.stringify({ subject: { place: "某区" } })));
    expect(document?.lexicon).toEqual({ subject: { place: "某区", forms: [], parents: [], localPlaces: [], neighbours: [] }, terms: [], english: [] });
  });

  it("refuses a malformed sidecar with the file's name", async () => {
    const directory = await corpusWith(JSON.stringify({ terms: [{ from: "五年后", to: "到2026年" }] }));
    const error = await readCorpus(directory).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("corpus_invalid");
    expect((error as Error).message).toContain("report.lexicon.json is not valid");
  });
});
