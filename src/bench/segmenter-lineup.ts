import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as path from "node:path";
import { loadJiebaWebSegmenter } from "../adapters/worker/jieba-web-segmenter.js";
import { IntlWordSegmenter } from "../core/text/intl-word-segmenter.js";
import { jiebaWordSegmenter, type JiebaBinding } from "../core/text/jieba-word-segmenter.js";
import { tokenize } from "../core/text/tokenize.js";
import { withoutWhitespace } from "../core/text/word-pieces.js";

/** A segmenter as the bench drives it: one cut function, whatever it wraps. */
export interface Contender {
  readonly name: string;
  readonly cut: (text: string) => string[];
  /** Bigram tokens overlap: they are timed, and compared by the boundaries they imply. */
  readonly overlapping?: boolean;
}

export interface Lineup {
  readonly intl: Contender;
  readonly jiebaNode: Contender;
  readonly jiebaWeb: Contender;
  readonly nodeRs: Contender;
  readonly bigrams: Contender;
  readonly intlWithTerms: Contender;
  readonly jiebaWithTerms: Contender;
  readonly nodeRsWithTerms: Contender;
  /** Time to teach jieba-wasm the terms (one add_word each), ms. */
  readonly addWordsMs: number;
}

const require = createRequire(import.meta.url);

/**
 * A jieba-wasm nodejs module of its own: its dictionary is module state, and one taught the
 * report's terms (or loaded by an earlier bench part, whose engine taught it) cannot be untaught.
 * Dropping the CommonJS cache entry makes the next require instantiate a fresh copy.
 */
function freshJiebaWasm(): JiebaBinding {
  const file = require.resolve("jieba-wasm");
  delete require.cache[file];
  const binding = require(file) as JiebaBinding;
  delete require.cache[file];
  return binding;
}

interface NodeRsJieba {
  cut(text: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}

async function nodeRsJieba(): Promise<NodeRsJieba> {
  const { Jieba } = (await import("@node-rs/jieba")) as unknown as { Jieba: { withDict(dict: Uint8Array): NodeRsJieba } };
  const { dict } = (await import("@node-rs/jieba/dict.js")) as unknown as { dict: Uint8Array };
  return Jieba.withDict(dict);
}

/**
 * Every contender, built once: Intl.Segmenter (the baseline of the time ratios), jieba-wasm's
 * two builds, @node-rs/jieba (the native reference for boundaries), today's bigrams, and the
 * three dictionary segmenters again with the report's terms added. @node-rs/jieba cannot add
 * one word at a time; it gets the same terms as dictionary lines with the frequencies
 * jieba-wasm chose for them (add_word returns them), so both hold the same dictionary.
 */
export async function buildLineup(terms: readonly string[]): Promise<Lineup> {
  const jiebaNode = jiebaWordSegmenter(freshJiebaWasm());
  const wasmFile = path.join(path.dirname(require.resolve("jieba-wasm/web")), "jieba_rs_wasm_bg.wasm");
  const jiebaWeb = await loadJiebaWebSegmenter(await readFile(wasmFile));
  const taughtBinding = freshJiebaWasm();
  taughtBinding.cut("江津", true); // build the dictionary outside the add_word timing
  const started = performance.now();
  const frequencies = terms.map((term) => taughtBinding.add_word(term));
  const addWordsMs = performance.now() - started;
  const jiebaWithTerms = jiebaWordSegmenter(taughtBinding);
  const nodeRs = await nodeRsJieba();
  const nodeRsTaught = await nodeRsJieba();
  nodeRsTaught.loadDict(new TextEncoder().encode(terms.map((term, index) => `${term} ${frequencies[index]}`).join("\n")));
  const intlWithTerms = new IntlWordSegmenter();
  intlWithTerms.addWords(terms);
  const intl = new IntlWordSegmenter();
  return {
    intl: { name: "Intl.Segmenter", cut: (text) => intl.cut(text) },
    jiebaNode: { name: "jieba-wasm (nodejs build)", cut: (text) => jiebaNode.cut(text) },
    jiebaWeb: { name: "jieba-wasm (web build, as in the Worker)", cut: (text) => jiebaWeb.cut(text) },
    nodeRs: { name: "@node-rs/jieba (native)", cut: (text) => withoutWhitespace(nodeRs.cut(text, true)) },
    bigrams: { name: "today's bigrams (tokenize)", cut: (text) => tokenize(text), overlapping: true },
    intlWithTerms: { name: "Intl.Segmenter + report terms", cut: (text) => intlWithTerms.cut(text) },
    jiebaWithTerms: { name: "jieba-wasm + report terms", cut: (text) => jiebaWithTerms.cut(text) },
    nodeRsWithTerms: { name: "@node-rs/jieba + report terms", cut: (text) => withoutWhitespace(nodeRsTaught.cut(text, true)) },
    addWordsMs,
  };
}
