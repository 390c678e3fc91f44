import { execFile } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../support/corpus.js";
import { makeTempDirectory, removeTempDirectory } from "../support/index-workspace.js";

// scripts/build-worker-index.mjs packs the page's title and byline (`about`) with the index: one
// report's meta file as before; several documents' short titles joined, as src/entry/node.ts does.
// The script reads only the manifest's documents and files, so a second document is added to a
// copy of the committed manifest rather than ingested.

interface About {
  readonly title: string;
  readonly author: string | null;
  readonly published: string | null;
}

let root = "";

beforeAll(async () => {
  root = await makeTempDirectory("worker-index-about");
});
afterAll(() => removeTempDirectory(root));

async function packedAbout(label: string, editManifest: (manifest: { corpus: { documents: Record<string, unknown>[] } }) => void): Promise<About> {
  const workspace = join(root, label);
  const indexDirectory = join(workspace, "index");
  await mkdir(workspace, { recursive: true });
  await cp(join(projectRoot, "index"), indexDirectory, { recursive: true });
  const manifest = JSON.parse(await readFile(join(indexDirectory, "manifest.json"), "utf8")) as { corpus: { documents: Record<string, unknown>[] } };
  editManifest(manifest);
  await writeFile(join(indexDirectory, "manifest.json"), JSON.stringify(manifest));
  await promisify(execFile)(process.execPath, [join(projectRoot, "scripts/build-worker-index.mjs")], {
    cwd: workspace,
    env: { ...process.env, INDEX_DIR: indexDirectory, CORPUS_DIR: join(projectRoot, "corpus") },
  });
  const { default: bundle } = (await import(pathToFileURL(join(workspace, "dist/worker-index.mjs")).href)) as { default: { about: About } };
  return bundle.about;
}

describe("the Worker bundle's about", () => {
  it("is the one report's meta file: title, author and date", async () => {
    const about = await packedAbout("one", () => {});
    expect(about).toEqual({
      title: "高质量建设同城化发展先行区 全面开启江津社会主义现代化建设新征程——中国共产党重庆市江津区第十五次代表大会报告解读",
      author: "周杭",
      published: "2021-12-29",
    });
  });

  it("joins the documents' short titles over several, with no one author or date", async () => {
    const about = await packedAbout("two", (manifest) => {
      manifest.corpus.documents.push({ ...manifest.corpus.documents[0], source: "corpus/yongchuan-congress-report.txt", title: "永川报告——永川区党代会报告要点（虚构）", shortTitle: "永川区党代会报告要点（虚构）" });
    });
    expect(about).toEqual({ title: "中国共产党重庆市江津区第十五次代表大会报告解读 · 永川区党代会报告要点（虚构）", author: null, published: null });
  });
});
