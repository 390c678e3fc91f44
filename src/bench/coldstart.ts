import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readCorpus } from "../adapters/node/corpus-reader.js";
import { loadNodeEngine } from "../adapters/node/load-engine.js";
import { DEFAULT_CHUNKER_SETTINGS } from "../core/chunking/chunk.js";
import { buildInMemoryEngine } from "../core/pipeline/in-memory-engine.js";
import type { BenchRow, PartResult } from "./results.js";
import { askOnce, startProcess } from "./server-process.js";
import { formatMilliseconds, formatRatio, median, ratio } from "./stats.js";

const run = promisify(execFile);
const PROBE_QUESTION = "2021年江津地区生产总值预计是多少？";

/** `npm run build`, so dist/server.mjs is the current sources' bundle. */
export async function buildServer(): Promise<void> {
  await run("npm", ["run", "--silent", "build"], { maxBuffer: 10 * 1024 * 1024 });
}

export async function benchColdStart(runs: number): Promise<PartResult> {
  const started = performance.now();
  const starts = Math.max(5, runs);
  const readyTimes: number[] = [];
  for (let attempt = 0; attempt < starts; attempt++) {
    const server = await startProcess(["dist/server.mjs"], (port) => askOnce(port, PROBE_QUESTION), { logName: "coldstart-server" });
    readyTimes.push(server.readyMs);
    await server.stop();
  }

  // Load vs rebuild, alternated, after one untimed pass of each (module and file caches warm).
  const loadTimes: number[] = [];
  const loadWithCorpusTimes: number[] = [];
  const rebuildTimes: number[] = [];
  for (let attempt = -1; attempt < starts; attempt++) {
    let t = performance.now();
    await loadNodeEngine({ indexDirectory: "index", environment: process.env });
    const load = performance.now() - t;
    t = performance.now();
    await loadNodeEngine({ indexDirectory: "index", corpusDirectory: "corpus", environment: process.env });
    const loadWithCorpus = performance.now() - t;
    t = performance.now();
    await buildInMemoryEngine(await readCorpus("corpus"), DEFAULT_CHUNKER_SETTINGS);
    const rebuild = performance.now() - t;
    if (attempt >= 0) {
      loadTimes.push(load);
      loadWithCorpusTimes.push(loadWithCorpus);
      rebuildTimes.push(rebuild);
    }
  }
  const ready = median(readyTimes);
  const load = median(loadTimes);
  const rebuild = median(rebuildTimes);
  const loadRatio = ratio(load, rebuild);
  const rows: BenchRow[] = [
    {
      part: "coldstart",
      metric: "spawn `node dist/server.mjs` → first answered POST /api/ask",
      value: formatMilliseconds(ready),
      measured: ready,
      unit: "ms",
      target: "≤ 2 s (issue's target is at 1000× scale; here at 1×)",
      met: ready <= 2000,
      note: `median of ${starts} starts; polled every 5 ms`,
    },
    { part: "coldstart", metric: "load index/ in-process (loadNodeEngine, HNSW)", value: formatMilliseconds(load), measured: load, unit: "ms", note: `median of ${starts}` },
    {
      part: "coldstart",
      metric: "load index/ + check corpus/ fingerprint (the server checks after it starts serving)",
      value: formatMilliseconds(median(loadWithCorpusTimes)),
      measured: median(loadWithCorpusTimes),
      unit: "ms",
    },
    { part: "coldstart", metric: "rebuild from corpus/ in-process (buildInMemoryEngine, exact vectors)", value: formatMilliseconds(rebuild), measured: rebuild, unit: "ms" },
    {
      part: "coldstart",
      metric: "load ÷ rebuild",
      value: formatRatio(loadRatio),
      measured: loadRatio ?? null,
      unit: "×",
      target: "< 1× (loading never rebuilds)",
      met: loadRatio !== undefined && loadRatio < 1,
    },
  ];
  return { part: "coldstart", seconds: (performance.now() - started) / 1000, rows, details: { readyMs: readyTimes, loadMs: loadTimes, loadWithCorpusMs: loadWithCorpusTimes, rebuildMs: rebuildTimes } };
}
