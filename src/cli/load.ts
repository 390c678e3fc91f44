import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { QaError } from "../core/errors.js";
import { describeMachine } from "../bench/machine.js";
import { LOAD_USAGE, parseLoadOptions } from "../load/options.js";
import { runSoak } from "../load/soak.js";
import { rssGrowth, soakFailures, soakTable } from "../load/verdict.js";
import { runCommand } from "./run-command.js";

const RESULTS_FILE = ".tmp/load/results.json";
const SERVER_BUNDLE = "dist/server.mjs";

runCommand(async () => {
  const options = parseLoadOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${LOAD_USAGE}\n`);
    return;
  }
  if (!existsSync(SERVER_BUNDLE)) throw new QaError("feature_unavailable", `${SERVER_BUNDLE} is missing: run \`npm run build\` first (npm run test:load does).`);
  const progress = (message: string): void => void process.stderr.write(`load: ${message}\n`);
  const startedAt = new Date().toISOString();
  const measured = await runSoak(options.seconds, options.connections, progress);
  const failures = soakFailures(measured);
  const results = {
    startedAt,
    machine: describeMachine(),
    options: { seconds: options.seconds, connections: options.connections },
    passed: failures.length === 0,
    failures,
    rssGrowth: rssGrowth(measured.rssSamples) ?? null,
    ...measured,
  };
  await mkdir(".tmp/load", { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${soakTable(measured)}\n`);
  progress(`results in ${RESULTS_FILE}`);
  if (failures.length > 0) {
    process.stderr.write(`load: FAILED\n${failures.map((failure) => `  - ${failure}`).join("\n")}\n`);
    process.exitCode = 1;
  } else {
    progress("passed: no 5xx, no non-2xx, no socket errors or timeouts, every 2xx body an answer, RSS growth under 10%, server healthy after.");
  }
});
