import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../../src/adapters/node/ingest.js";
import { loadNodeEngine } from "../../../src/adapters/node/load-engine.js";
import { QaError } from "../../../src/core/errors.js";
import { readIndexContents } from "../../../src/core/index/read-index-contents.js";
import { parseIndexManifest, type IndexFileRole } from "../../../src/core/index/manifest.js";
import { verifyIndexFiles, type IndexFiles } from "../../../src/core/index/verify-index-files.js";
import { projectRoot } from "../../support/corpus.js";
import { buildIndexWorkspace, removeTempDirectory, type IndexWorkspace } from "../../support/index-workspace.js";

const SIDECAR = "jiangjin-15th-congress-report.lexicon.json";
let workspace: IndexWorkspace;

beforeAll(async () => {
  workspace = await buildIndexWorkspace("question-lexicon");
});

afterAll(() => removeTempDirectory(workspace?.root));

describe("the question lexicon in the index", () => {
  it("is a content-addressed index file listed in the manifest, loaded into the engine", async () => {
    const entry = workspace.manifest.files.lexicon;
    expect(entry.path).toMatch(/^lexicon-[0-9a-f]{16}\.json$/u);
    const { engine } = await loadNodeEngine({ indexDirectory: workspace.indexDirectory, environment: {}, vectorIndex: "brute-force" });
    expect(engine.lexicon?.reports[0]?.subject?.place).toBe("江津区");
    expect(engine.lexicon?.sources.map((source) => source.id)).toEqual(expect.arrayContaining(["everyday-to-formal", "cc-cedict", "china-area-data"]));
  });

  it("changes the index hash when a lexicon changes, and only the lexicon file", async () => {
    const corpusDirectory = join(workspace.root, "corpus-edited");
    await cp(workspace.corpusDirectory, corpusDirectory, { recursive: true });
    const sidecar = JSON.parse(await readFile(join(corpusDirectory, SIDECAR), "utf8")) as { terms: unknown[] };
    sidecar.terms.push({ from: "明后年", to: ["未来五年"] });
    await writeFile(join(corpusDirectory, SIDECAR), JSON.stringify(sidecar));
    const rebuilt = await ingestCorpus({ corpusDirectory, indexDirectory: join(workspace.root, "index-edited"), embedder: "hashing", environment: {} });
    expect(rebuilt.indexHash).not.toBe(workspace.manifest.indexHash);
    expect(rebuilt.files.lexicon.sha256).not.toBe(workspace.manifest.files.lexicon.sha256);
    expect(rebuilt.files.chunks.sha256).toBe(workspace.manifest.files.chunks.sha256);
    expect(rebuilt.corpus.sha256).toBe(workspace.manifest.corpus.sha256);
  });

  it("refuses an index of the previous format with what to run", async () => {
    const indexDirectory = join(workspace.root, "index-old");
    await cp(workspace.indexDirectory, indexDirectory, { recursive: true });
    const manifest = JSON.parse(await readFile(join(indexDirectory, "manifest.json"), "utf8")) as Record<string, unknown>;
    await writeFile(join(indexDirectory, "manifest.json"), JSON.stringify({ ...manifest, formatVersion: 1 }));
    const error = await loadNodeEngine({ indexDirectory, environment: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("index_mismatch");
    expect((error as Error).message).toMatch(/index format 1; this version reads format 2\. Rebuild it with: npm run ingest/u);
  });

  it("survives the Worker bundle: packed by scripts/build-worker-index.mjs, verified and parsed as the Worker does", async () => {
    await promisify(execFile)(process.execPath, [join(projectRoot, "scripts/build-worker-index.mjs")], {
      cwd: workspace.root,
      env: { ...process.env, INDEX_DIR: workspace.indexDirectory, CORPUS_DIR: workspace.corpusDirectory },
    });
    const { default: bundle } = (await import(pathToFileURL(join(workspace.root, "dist/worker-index.mjs")).href)) as {
      default: { manifest: string; files: Record<string, string> };
    };
    const manifest = parseIndexManifest(JSON.parse(bundle.manifest), "bundled manifest");
    const files: IndexFiles = {};
    for (const [role, encoded] of Object.entries(bundle.files)) files[role as IndexFileRole] = new Uint8Array(Buffer.from(encoded, "base64"));
    expect(files.lexicon).toBeDefined();
    await verifyIndexFiles(manifest, files, (entry) => entry.path, ["hnsw"]);
    expect(readIndexContents(manifest, files).lexicon?.english.phrases["gdp"]?.[0]?.[0]).toBe("地区生产总值");
  });
});
