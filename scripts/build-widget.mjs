// Bundles the chat UI for browsers:
//   src/widget/embed.ts → dist/widget/widget.js  (IIFE: a classic <script async> on any site)
//   src/widget/page.ts  → dist/widget/app.js     (ESM: <script type="module"> on GET /)
// Prints raw and gzipped sizes and fails when widget.js exceeds its budget (35 KB gzipped),
// since third-party pages pay for every byte of it.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const WIDGET_BUDGET_GZIP_BYTES = 35 * 1024;

const common = {
  bundle: true,
  minify: true,
  target: "es2020",
  platform: "browser",
  // ASCII output (non-ASCII as \u escapes): a host page in GBK, or a server without a charset
  // on the script, would otherwise garble every Chinese UI string.
  charset: "ascii",
  legalComments: "none",
  sourcemap: false,
  write: false,
  logLevel: "warning",
  absWorkingDir: projectRoot,
};

export const BUNDLES = [
  { entry: "src/widget/embed.ts", outfile: "dist/widget/widget.js", format: "iife", budget: WIDGET_BUDGET_GZIP_BYTES },
  { entry: "src/widget/page.ts", outfile: "dist/widget/app.js", format: "esm" },
];

/** Builds every bundle in memory: [{ outfile, contents (Uint8Array), bytes, gzipBytes, budget? }]. */
export async function buildWidgetBundles() {
  const results = [];
  for (const bundle of BUNDLES) {
    const output = await build({ ...common, entryPoints: [bundle.entry], outfile: bundle.outfile, format: bundle.format });
    const file = output.outputFiles.find((candidate) => candidate.path.endsWith(".js"));
    if (!file) throw new Error(`esbuild produced no JavaScript for ${bundle.entry}`);
    results.push({ ...bundle, contents: file.contents, bytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength });
  }
  return results;
}

/** Temp file + rename: a server starting while tests rebuild never reads half a bundle. */
async function writeAtomically(path, contents) {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, path);
}

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const bundles = await buildWidgetBundles();
  let overBudget = false;
  for (const bundle of bundles) {
    await writeAtomically(resolve(projectRoot, bundle.outfile), bundle.contents);
    const budget = bundle.budget ? ` (budget ${kilobytes(bundle.budget)})` : "";
    console.log(`${relative(projectRoot, resolve(projectRoot, bundle.outfile))}: ${kilobytes(bundle.bytes)} raw, ${kilobytes(bundle.gzipBytes)} gzipped${budget}`);
    if (bundle.budget && bundle.gzipBytes > bundle.budget) {
      overBudget = true;
      console.error(`error: ${bundle.outfile} is ${kilobytes(bundle.gzipBytes)} gzipped, over its ${kilobytes(bundle.budget)} budget`);
    }
  }
  if (overBudget) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(`build-widget: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
