// Packs the committed index into one ES module that the Worker imports (Workers have no
// filesystem). The files stay byte-for-byte what ingest wrote; the Worker verifies their
// checksums against the manifest before use, like the Node server does.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";

const indexDirectory = process.env.INDEX_DIR ?? "index";
const manifestText = await readFile(path.join(indexDirectory, "manifest.json"), "utf8");
const manifest = JSON.parse(manifestText);
const files = {};
for (const [role, entry] of Object.entries(manifest.files)) {
  // The HNSW graph is for the native index; Workers search the same vectors exactly.
  if (role === "hnsw" || !entry) continue;
  files[role] = (await readFile(path.join(indexDirectory, entry.path))).toString("base64");
}
// The chat page and the embed script, built by scripts/build-widget.mjs.
const widget = {};
for (const [name, file] of [["widget", "dist/widget/widget.js"], ["app", "dist/widget/app.js"]]) {
  widget[name] = await readFile(file, "utf8").catch(() => undefined);
  if (widget[name] === undefined) console.warn(`warning: ${file} is missing; run node scripts/build-widget.mjs first`);
}
// Title and byline for the page and /api/meta, as src/entry/node.ts gives them. One report: its
// meta file's title, author and date. Several: their short titles (the manifest holds each
// document's), and no one author or date.
const documents = manifest.corpus.documents;
const about = documents.length > 1 ? severalDocumentsAbout(documents) : await oneReportAbout(documents[0]);

function severalDocumentsAbout(several) {
  return { title: several.map((document) => document.shortTitle ?? document.title).join(" · "), author: null, published: null };
}

async function oneReportAbout(document) {
  const corpusDirectory = process.env.CORPUS_DIR ?? "corpus";
  const metaFile = path.join(corpusDirectory, path.basename(document?.source ?? "").replace(/\.(txt|md)$/u, ".meta.json"));
  const meta = JSON.parse(await readFile(metaFile, "utf8").catch(() => "{}"));
  return { title: meta.title ?? document?.title ?? "", author: meta.author ?? null, published: meta.published ?? null };
}
await mkdir("dist", { recursive: true });
await writeFile("dist/worker-index.mjs", `export default ${JSON.stringify({ manifest: manifestText, files, widget, about })};\n`);
console.log(`dist/worker-index.mjs: ${manifest.chunkCount} chunks, ${manifest.embedder.id}, index ${manifest.indexHash.slice(0, 12)}`);
