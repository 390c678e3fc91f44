import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { median } from "./stats.js";

const run = promisify(execFile);

/**
 * What each segmenter costs before its first word, in a fresh Node process (in the bench
 * process the module would already be loaded): import, instantiate, build the dictionary,
 * cut once. Each script prints {ms, memoryBytes?}.
 */
const SCRIPTS = {
  "jieba-wasm (nodejs build)": `
    const started = performance.now();
    const jieba = await import("jieba-wasm");
    jieba.cut("江津", true);
    print(started, jieba.__wasm.memory.buffer.byteLength);`,
  "jieba-wasm (web build, as in the Worker)": `
    const started = performance.now();
    const { readFile } = await import("node:fs/promises");
    const { createRequire } = await import("node:module");
    const path = await import("node:path");
    const glue = createRequire(import.meta.url).resolve("jieba-wasm/web");
    const jieba = await import("jieba-wasm/web");
    const exports = await jieba.default({ module_or_path: await readFile(path.join(path.dirname(glue), "jieba_rs_wasm_bg.wasm")) });
    jieba.cut("江津", true);
    print(started, exports.memory.buffer.byteLength);`,
  "@node-rs/jieba (native)": `
    const started = performance.now();
    const { Jieba } = await import("@node-rs/jieba");
    const { dict } = await import("@node-rs/jieba/dict.js");
    Jieba.withDict(dict).cut("江津", true);
    print(started);`,
  "Intl.Segmenter": `
    const started = performance.now();
    [...new Intl.Segmenter("zh", { granularity: "word" }).segment("江津")];
    print(started);`,
} as const;

export type StartupName = keyof typeof SCRIPTS;
export const STARTUP_NAMES = Object.keys(SCRIPTS) as StartupName[];

export interface Startup {
  readonly ms: number;
  readonly samples: number[];
  readonly memoryBytes?: number;
}

const PRINT = `const print = (started, memoryBytes) => console.log(JSON.stringify({ ms: performance.now() - started, memoryBytes }));`;

/** Median of `runs` fresh processes per segmenter, run in turn (interleaved). */
export async function measureStartups(runs: number): Promise<Record<StartupName, Startup>> {
  const samples = new Map<StartupName, { ms: number; memoryBytes?: number }[]>(STARTUP_NAMES.map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    for (const name of STARTUP_NAMES) {
      // Run from the project root so the packages resolve from its node_modules.
      const { stdout } = await run(process.execPath, ["--input-type=module", "-e", `${PRINT}\n${SCRIPTS[name]}`], { cwd: process.cwd() });
      samples.get(name)!.push(JSON.parse(stdout.trim().split("\n").at(-1)!));
    }
  }
  return Object.fromEntries(
    STARTUP_NAMES.map((name) => {
      const values = samples.get(name)!;
      const memory = values[0]?.memoryBytes;
      return [name, { ms: median(values.map((value) => value.ms)), samples: values.map((value) => value.ms), ...(memory ? { memoryBytes: memory } : {}) }];
    }),
  ) as Record<StartupName, Startup>;
}
