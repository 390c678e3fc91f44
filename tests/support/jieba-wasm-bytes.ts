import { readFileSync } from "node:fs";
import { projectRoot } from "./corpus.js";

// The Worker imports jieba-wasm's web .wasm as a compiled module (wrangler's rule for .wasm);
// under vitest the file's bytes stand in for it (vitest.config.ts aliases the import here),
// which the Worker's segmenter loader accepts as well.
export default readFileSync(`${projectRoot}node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm`);
