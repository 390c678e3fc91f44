// Bundles the Node server into one file so `npm start` loads in a fraction of the time
// tsx needs to compile the sources on every start. Native and model packages stay
// external: they are loaded from node_modules at run time (and lazily).
import { rename } from "node:fs/promises";
import { build } from "esbuild";

// Built beside the target and renamed over it: a server starting meanwhile (tests build in
// parallel) reads the old bundle or the new one, never half of one.
const temporary = `dist/.server-${process.pid}.mjs`;
await build({
  entryPoints: ["src/entry/node.ts"],
  outfile: temporary,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  // "external": the map is written without a sourceMappingURL comment, so the rename cannot break one.
  sourcemap: "external",
  // jieba-wasm's nodejs build reads its .wasm from beside itself (__dirname), so it stays in node_modules.
  // pg is loaded only with DATABASE_URL (and would pull in its optional pg-native here).
  external: ["hnswlib-node", "@huggingface/transformers", "onnxruntime-node", "jieba-wasm", "pg"],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
await rename(temporary, "dist/server.mjs");
await rename(`${temporary}.map`, "dist/server.mjs.map");
