import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { QaError } from "../core/errors.js";
import { describeMachine } from "../bench/machine.js";
import { ABUSE_USAGE, parseAbuseOptions } from "../abuse/options.js";
import { runAbuseSuite } from "../abuse/suite.js";
import { abuseFailures, abuseTable } from "../abuse/verdict.js";
import { runCommand } from "./run-command.js";

const RESULTS_FILE = ".tmp/abuse/results.json";
const SERVER_BUNDLE = "dist/server.mjs";

runCommand(async () => {
  const options = parseAbuseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${ABUSE_USAGE}\n`);
    return;
  }
  if (!existsSync(SERVER_BUNDLE)) throw new QaError("feature_unavailable", `${SERVER_BUNDLE} is missing: run \`npm run build\` first (npm run test:abuse does).`);
  const progress = (message: string): void => void process.stderr.write(`abuse: ${message}\n`);
  const startedAt = new Date().toISOString();
  const measured = await runAbuseSuite(options, progress);
  const failures = abuseFailures(measured);
  await mkdir(".tmp/abuse", { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify({ startedAt, machine: describeMachine(), options, passed: failures.length === 0, failures, ...measured }, null, 2)}\n`);
  process.stdout.write(`${abuseTable(measured)}\n`);
  progress(`results in ${RESULTS_FILE}, server log in .tmp/bench/abuse-server.log`);
  if (failures.length > 0) {
    process.stderr.write(`abuse: FAILED\n${failures.map((failure) => `  - ${failure}`).join("\n")}\n`);
    process.exitCode = 1;
  } else {
    progress("passed: every attack answered as it must, no undocumented 5xx, the probe question 200 within 1 s after each, RSS back within 20%, server alive.");
  }
});
