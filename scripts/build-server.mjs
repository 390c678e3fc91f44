// Bundles the Node server into one file so `npm start` loads in a fraction of the time
// tsx needs to compile the sources on every start. Native and model packages stay
// external: they are loaded from node_modules at run time (and lazily).
import { build } from "esbuild";

await build({
  entryPoints: ["src/entry/node.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  sourcemap: "linked",
  external: ["hnswlib-node", "@huggingface/transformers", "onnxruntime-node"],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
