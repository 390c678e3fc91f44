import type { WordSegmenter } from "../../core/ports/word-segmenter.js";
import { jiebaWordSegmenter } from "../../core/text/jieba-word-segmenter.js";

let loading: Promise<WordSegmenter> | undefined;

/**
 * jieba-wasm's nodejs build as a WordSegmenter, one per process. Imported lazily: the module
 * reads and compiles its 4 MB of WASM when first imported. The first cut builds jieba's
 * dictionary (~0.3–0.4 s, ~60 MB of WASM memory), so it is done here, once, at load time
 * rather than inside the first question. One per process because the module holds one
 * dictionary: words added through any segmenter of it are known to all.
 */
export function loadJiebaWasmSegmenter(): Promise<WordSegmenter> {
  loading ??= import("jieba-wasm").then((binding) => {
    const segmenter = jiebaWordSegmenter(binding);
    segmenter.cut("江津");
    return segmenter;
  });
  return loading;
}
