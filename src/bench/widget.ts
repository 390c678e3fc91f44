import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import type { PartResult } from "./results.js";
import { formatBytes } from "./stats.js";

const BUDGET_BYTES = 35 * 1024;

/** Gzipped size of the embed script (dist/widget/widget.js, from `npm run build`). */
export async function benchWidget(file = "dist/widget/widget.js"): Promise<PartResult> {
  const started = performance.now();
  const source = await readFile(file);
  const gzipped = gzipSync(source, { level: 9 }).length;
  return {
    part: "widget",
    seconds: (performance.now() - started) / 1000,
    rows: [
      {
        part: "widget",
        metric: `${file} gzipped (level 9)`,
        value: formatBytes(gzipped),
        measured: gzipped,
        unit: "bytes",
        target: "≤ 35 KB",
        met: gzipped <= BUDGET_BYTES,
        note: `${formatBytes(source.length)} before gzip`,
      },
    ],
    details: { file, bytes: source.length, gzippedBytes: gzipped },
  };
}
