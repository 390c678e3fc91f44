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
await mkdir("dist", { recursive: true });
await writeFile(
  "dist/worker-index.mjs",
  `export default ${JSON.stringify({ manifest: manifestText, files })};\n`,
);
console.log(`dist/worker-index.mjs: ${manifest.chunkCount} chunks, ${manifest.embedder.id}, index ${manifest.indexHash.slice(0, 12)}`);
