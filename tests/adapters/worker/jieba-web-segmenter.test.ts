import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as path from "node:path";
import { loadJiebaWebSegmenter } from "../../../src/adapters/worker/jieba-web-segmenter.js";
import { testWordSegmenter } from "../../contracts/word-segmenter-contract.js";

// The Worker's segmenter, run in Node: the same web build and .wasm that wrangler bundles,
// instantiated from the file's bytes where the Worker gets a compiled module.
const webGlue = createRequire(import.meta.url).resolve("jieba-wasm/web");
const wasmFile = path.join(path.dirname(webGlue), "jieba_rs_wasm_bg.wasm");

testWordSegmenter("jieba-wasm (web build, as in the Worker)", async () => loadJiebaWebSegmenter(await readFile(wasmFile)));
