import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "./corpus.js";

/**
 * The bundle wrangler would alias in as "jiangjin-index-bundle", packed from the committed
 * index/ as scripts/build-worker-index.mjs does (no HNSW graph: Workers search exactly), for
 * tests that run the Worker's fetch handler in-process:
 *   vi.mock("jiangjin-index-bundle", async () => (await import("../support/worker-index-bundle.js")).committedIndexBundle());
 */
export async function committedIndexBundle(): Promise<{ default: { manifest: string; files: Record<string, string>; widget: object; about: { title: string; author: null; published: null } } }> {
  const indexDirectory = join(projectRoot, "index");
  const manifest = await readFile(join(indexDirectory, "manifest.json"), "utf8");
  const files: Record<string, string> = {};
  for (const [role, entry] of Object.entries((JSON.parse(manifest) as { files: Record<string, { path: string }> }).files)) {
    if (role !== "hnsw") files[role] = (await readFile(join(indexDirectory, entry.path))).toString("base64");
  }
  return { default: { manifest, files, widget: {}, about: { title: "报告", author: null, published: null } } };
}
