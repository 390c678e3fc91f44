// A namespace import: jieba-wasm's package has no "type": "module", so TypeScript reads the
// web build's declarations as CommonJS, where the default export (init) is `.default`.
import * as jiebaWeb from "jieba-wasm/web";
import type { WordSegmenter } from "../../core/ports/word-segmenter.js";
import { jiebaWordSegmenter } from "../../core/text/jieba-word-segmenter.js";

let loading: Promise<WordSegmenter> | undefined;

/**
 * jieba-wasm's web build as a WordSegmenter, for Workers: the caller hands over the .wasm,
 * which wrangler imports as a compiled WebAssembly.Module (Workers may not compile WASM from
 * bytes at run time); tests in Node pass the file's bytes. Instantiated once per isolate, and
 * the dictionary is built here (first cut, a few hundred ms) so no question pays for it.
 */
export function loadJiebaWebSegmenter(wasm: WebAssembly.Module | BufferSource): Promise<WordSegmenter> {
  loading ??= jiebaWeb.default({ module_or_path: wasm }).then(() => {
    const segmenter = jiebaWordSegmenter({ cut: jiebaWeb.cut, add_word: jiebaWeb.add_word, tag: jiebaWeb.tag });
    segmenter.cut("江津");
    return segmenter;
  });
  return loading;
}
